// The SPI master's logic: full-duplex byte transfers on an STM32F4 SPI peripheral,
// generic over its register block and over how the chip-select pin is driven, so that
// host tests drive it against a model (tests/Keel.Drivers.Tests/SpiMasterTests.cs) and
// the task (Program.cs) against the chip, with the pin set through the sys task.
//
// Design:
// - Software NSS (SSM = SSI = 1): the peripheral's own NSS input never leaves master
//   mode, and the device's select is an ordinary GPIO pin (IChipSelect) held low for
//   one whole Transfer, whatever ends it.
// - One byte in flight: write DR when TXE, read DR when RXNE, for each byte, so the
//   receive side can never overrun and each received byte is matched to the one sent.
//   That costs the gap between bytes; at the driver's clocks (at least 164 kHz) a byte
//   is at most 49 µs, and a transfer at most 32 bytes.
// - Bounded polling, as the I2C master and for the same reasons (drivers/i2c): every
//   wait polls SR at most `PollLimit` times, then ends in Timeout, and the peripheral is
//   reset to its configuration.
// - A mode fault (MODF: the peripheral was switched to slave because NSS went low; with
//   software NSS only a misconfiguration does that) is BusError; MODF is cleared by
//   the SR read that saw it and the CR1 write that makes the peripheral master again.
using System;
using Keel.Hal;
using Keel.Kernel;
using static Keel.Hal.Stm32f4.SpiRegisters;

namespace Keel.Drivers.Spi
{
    // The device's chip-select pin, active low. Select answers what driving it answered
    // (sys's status in the task): a transfer whose device could not be selected does
    // not start, and returns that status.
    public interface IChipSelect
    {
        Error Select();

        void Deselect();
    }

    public struct SpiMaster<TRegisters, TChipSelect> : ISpi
        where TRegisters : IRegisterBlock
        where TChipSelect : IChipSelect
    {
        public const int PollLimit = 200_000;

        // The byte sent past the end of a shorter `write`: MOSI idles high.
        public const byte Filler = 0xFF;

        private TRegisters _registers;
        private TChipSelect _chipSelect;
        // CR1 as configured, without SPE: what a reset or a mode fault restores.
        private uint _control;

        public SpiMaster(TRegisters registers, TChipSelect chipSelect)
        {
            _registers = registers;
            _chipSelect = chipSelect;
            _control = Settings(SpiMode.Mode0, SpiClockDivider.By256, lsbFirst: false);
        }

        public void Initialise()
        {
            _chipSelect.Deselect();
            Restart();
        }

        public Error Configure(SpiMode mode, SpiClockDivider divider, bool lsbFirst)
        {
            if ((uint)mode > 3 || (uint)divider > 7)
                return Error.InvalidArgument;
            // CR1's clock and format fields may change only while the peripheral is off;
            // it is idle between transfers (each ends waiting for BSY to clear).
            _control = Settings(mode, divider, lsbFirst);
            Restart();
            return Error.Ok;
        }

        public Error Transfer(ReadOnlySpan<byte> write, Span<byte> read)
        {
            if (write.Length > SpiLimits.MaxTransfer || read.Length > SpiLimits.MaxTransfer)
                return Error.TooLong;
            int length = write.Length > read.Length ? write.Length : read.Length;
            if (length == 0)
                return Error.Ok;

            // A byte left in DR from before (none, unless a transfer was cut short).
            if ((_registers.Read(Sr) & SrReceiveNotEmpty) != 0)
                _registers.Read(Dr);

            Error status = _chipSelect.Select();
            if (status != Error.Ok)
                return status;
            for (int i = 0; i < length && status == Error.Ok; i++)
            {
                status = WaitFor(SrTransmitEmpty);
                if (status != Error.Ok)
                    break;
                _registers.Write(Dr, i < write.Length ? write[i] : Filler);
                status = WaitFor(SrReceiveNotEmpty);
                if (status != Error.Ok)
                    break;
                byte received = (byte)_registers.Read(Dr);
                if (i < read.Length)
                    read[i] = received;
            }
            if (status == Error.Ok)
                status = WaitWhileBusy();
            _chipSelect.Deselect();

            if (status != Error.Ok)
                Restart(); // clears MODF too: SR was read, CR1 is written
            return status;
        }

        private static uint Settings(SpiMode mode, SpiClockDivider divider, bool lsbFirst) =>
            Cr1Master | Cr1SoftwareSelect | Cr1InternalSelect
            | ((uint)mode & (Cr1ClockPhase | Cr1ClockPolarity))
            | (((uint)divider << Cr1BaudShift) & Cr1BaudMask)
            | (lsbFirst ? Cr1LsbFirst : 0);

        // Off, configured, on: the peripheral's state machine back to idle.
        private void Restart()
        {
            _registers.Write(Cr1, _control);
            _registers.Write(Cr1, _control | Cr1Enable);
        }

        private Error WaitFor(uint flag)
        {
            for (int polls = 0; polls < PollLimit; polls++)
            {
                uint status = _registers.Read(Sr);
                if ((status & SrModeFault) != 0)
                    return Error.BusError;
                if ((status & flag) != 0)
                    return Error.Ok;
            }
            return Error.Timeout;
        }

        private Error WaitWhileBusy()
        {
            for (int polls = 0; polls < PollLimit; polls++)
            {
                uint status = _registers.Read(Sr);
                if ((status & SrModeFault) != 0)
                    return Error.BusError;
                if ((status & SrBusy) == 0)
                    return Error.Ok;
            }
            return Error.Timeout;
        }
    }
}
