// The SPI master's interface (drivers/spi): full-duplex transfers to the one device on
// the driver's chip-select pin, which the driver drives low for exactly one Transfer.
// Any holder of the driver's endpoint may transfer and change the bus's mode and clock:
// the application decides who may by who gets that capability (docs/drivers.md, "SPI
// master").
//
// Errors: TooLong (a span longer than the operation accepts), BusError (a mode fault:
// another master pulled NSS low; the driver re-enables itself as master), Timeout (the
// peripheral did not finish a byte within the driver's bound; it has been reset). After
// each the driver serves the next request as usual.
using System;
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Drivers
{
    public static class SpiLimits
    {
        // A request holds both spans' lengths and the bytes written (2 + 8 words), the
        // reply the bytes read (8 words): both fit in a message's 16 words.
        public const int MaxTransfer = 32;
    }

    // Clock polarity and phase, as SPI modes are numbered: CPOL is bit 1, CPHA bit 0.
    public enum SpiMode : byte
    {
        Mode0 = 0, // clock idles low, data sampled on the rising edge
        Mode1 = 1, // clock idles low, data sampled on the falling edge
        Mode2 = 2, // clock idles high, data sampled on the falling edge
        Mode3 = 3, // clock idles high, data sampled on the rising edge
    }

    // The SCK clock as a divider of the peripheral's bus clock (CR1.BR).
    public enum SpiClockDivider : byte
    {
        By2 = 0,
        By4 = 1,
        By8 = 2,
        By16 = 3,
        By32 = 4,
        By64 = 5,
        By128 = 6,
        By256 = 7,
    }

    [IpcInterface]
    public interface ISpi
    {
        // Chip select low, then max(write.Length, read.Length) bytes each way: byte i
        // sent is write[i] (0xFF past its end), byte i received goes to read[i] (dropped
        // past its end); chip select high. Both empty: nothing happens.
        Error Transfer([MaxLength(SpiLimits.MaxTransfer)] ReadOnlySpan<byte> write, [MaxLength(SpiLimits.MaxTransfer)] Span<byte> read);

        // Mode, clock and bit order for the transfers after it (the driver starts in
        // mode 0, divider 256, most significant bit first).
        Error Configure(SpiMode mode, SpiClockDivider divider, bool lsbFirst);
    }
}
