// The I2C master's interface (drivers/i2c): 7-bit addressed transfers on one bus, each
// a whole transaction from START to STOP, so no client can leave the bus half-used for
// another. Any holder of the driver's endpoint may use any address on the bus: the
// application decides who may talk to the bus by who gets that capability
// (docs/drivers.md, "I2C master").
//
// Errors every operation may answer: InvalidArgument (an address above 0x7F, or an
// empty read), TooLong (a span longer than the operation accepts), Nack (no device
// acknowledged the address, or the device refused a byte), BusError (a misplaced
// START or STOP, or arbitration lost: the driver has reset the peripheral), Timeout
// (the bus did not move within the driver's bound: the driver has reset the
// peripheral). After each the driver serves the next request as usual.
using System;
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Drivers
{
    public static class I2cLimits
    {
        // The longest transfer the driver makes in one request: the bytes of the longest
        // request (48 + the address and length words) fit in a message's 16 words.
        public const int MaxWrite = 48;
        public const int MaxRead = 48;

        // WriteRead's write part: a register address, 1 to a few bytes on any sensor.
        public const int MaxRegisterWrite = 8;

        public const byte MaxAddress = 0x7F;
    }

    [IpcInterface]
    public interface II2c
    {
        // START, the address with W, `data`, STOP. An empty `data` only checks that a
        // device answers at `address` (Ok or Nack).
        Error Write(byte address, [MaxLength(I2cLimits.MaxWrite)] ReadOnlySpan<byte> data);

        // START, the address with R, buffer.Length bytes (the last not acknowledged),
        // STOP. An empty buffer is InvalidArgument.
        Error Read(byte address, [MaxLength(I2cLimits.MaxRead)] Span<byte> buffer);

        // START, the address with W, `write`, a repeated START, the address with R,
        // read.Length bytes, STOP: a register read in one transaction. `write` may not
        // be empty, nor `read`.
        Error WriteRead(byte address, [MaxLength(I2cLimits.MaxRegisterWrite)] ReadOnlySpan<byte> write, [MaxLength(I2cLimits.MaxRead)] Span<byte> read);
    }
}
