// A part's registers over SPI in the convention of Bosch's and ST's sensors: the first
// byte of a transfer is the register's address with bit 7 set to read, clear to write.
// A read goes on from the address for as many bytes as the transfer lasts; a write
// sends (address, value) pairs, one per register, as the BME280 asks (datasheet 6.3.1).
// The SPI driver starts in mode 0 (docs/drivers.md), which these parts accept.
using System;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices
{
    public readonly struct SpiRegisters<TBus> : IRegisters where TBus : ISpi
    {
        private const byte ReadBit = 0x80;

        // The longest Read: the address byte takes the first of a transfer's bytes.
        public const int MaxRead = SpiLimits.MaxTransfer - 1;

        // The longest Write: two bytes a register.
        public const int MaxWrite = SpiLimits.MaxTransfer / 2;

        private readonly TBus _bus;

        public SpiRegisters(TBus bus) => _bus = bus;

        public TBus Bus => _bus;

        public Error Read(byte register, Span<byte> values)
        {
            if (values.Length > MaxRead)
                return Error.TooLong;
            Span<byte> command = stackalloc byte[1];
            command[0] = (byte)(register | ReadBit);
            Span<byte> answer = stackalloc byte[SpiLimits.MaxTransfer];
            answer = answer.Slice(0, 1 + values.Length);
            Error status = _bus.Transfer(command, answer);
            if (status != Error.Ok)
                return status;
            answer.Slice(1).CopyTo(values);
            return Error.Ok;
        }

        public Error Write(byte register, ReadOnlySpan<byte> values)
        {
            if (values.Length > MaxWrite)
                return Error.TooLong;
            Span<byte> pairs = stackalloc byte[SpiLimits.MaxTransfer];
            for (int i = 0; i < values.Length; i++)
            {
                pairs[2 * i] = (byte)((register + i) & ~ReadBit);
                pairs[2 * i + 1] = values[i];
            }
            return _bus.Transfer(pairs.Slice(0, 2 * values.Length), Span<byte>.Empty);
        }
    }
}
