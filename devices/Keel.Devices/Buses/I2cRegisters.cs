// A part's registers over I2C, the common way: a write of the register's address
// followed by the values writes them; a write of the address, a repeated START and a
// read reads them, in one transaction (II2c.WriteRead), so no other client of the bus
// can move the part's register pointer in between.
using System;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices
{
    public readonly struct I2cRegisters<TBus> : IRegisters where TBus : II2c
    {
        // The longest Write: the register's address and the values go in one I2C write.
        public const int MaxWrite = I2cLimits.MaxWrite - 1;

        private readonly TBus _bus;

        public I2cRegisters(TBus bus, byte address)
        {
            _bus = bus;
            Address = address;
        }

        public byte Address { get; }

        public TBus Bus => _bus;

        public Error Read(byte register, Span<byte> values)
        {
            Span<byte> address = stackalloc byte[1];
            address[0] = register;
            return _bus.WriteRead(Address, address, values);
        }

        public Error Write(byte register, ReadOnlySpan<byte> values)
        {
            if (values.Length > MaxWrite)
                return Error.TooLong;
            Span<byte> message = stackalloc byte[I2cLimits.MaxWrite];
            message[0] = register;
            for (int i = 0; i < values.Length; i++)
                message[1 + i] = values[i];
            return _bus.Write(Address, message.Slice(0, 1 + values.Length));
        }

        // One register, the most common write.
        public Error Write(byte register, byte value)
        {
            Span<byte> message = stackalloc byte[2];
            message[0] = register;
            message[1] = value;
            return _bus.Write(Address, message);
        }
    }
}
