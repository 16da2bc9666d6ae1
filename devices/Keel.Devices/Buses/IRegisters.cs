// How a device driver reaches its part's registers, whatever the bus: most parts here
// are a map of byte-wide registers read from one address on (the part moves to the next
// register after each byte) and written one address at a time. I2cRegisters and
// SpiRegisters give that view over the typed I2C and SPI clients
// (drivers/Keel.Drivers.Api), so a part on both buses (the BME280) has one driver.
//
// Every implementation is a struct and every device takes it as a constrained generic
// parameter: calls are direct, nothing is boxed, nothing is allocated.
using System;
using Keel.Kernel;

namespace Keel.Devices
{
    public interface IRegisters
    {
        // values.Length registers from `register` on.
        Error Read(byte register, Span<byte> values);

        // values.Length registers from `register` on.
        Error Write(byte register, ReadOnlySpan<byte> values);
    }

    public static class Registers
    {
        // Reads `register` until its bits under `mask` equal `expected` (Ok), at most
        // `pollLimit` times (then Timeout): every device's bounded wait for its part.
        public static Error WaitFor<TRegisters>(in TRegisters registers, byte register, byte mask, byte expected, int pollLimit)
            where TRegisters : IRegisters
        {
            Span<byte> value = stackalloc byte[1];
            for (int poll = 0; poll < pollLimit; poll++)
            {
                Error status = registers.Read(register, value);
                if (status != Error.Ok)
                    return status;
                if ((value[0] & mask) == expected)
                    return Error.Ok;
            }
            return Error.Timeout;
        }
    }
}
