// A peripheral's register block as something a driver can be generic over. Drivers
// that run as tasks (drivers/) take their registers as `TRegisters : IRegisterBlock`:
// on the chip that is MmioBlock, whose accesses ILC inlines into the same volatile
// loads and stores Register32 makes; in host tests it is a fake that scripts what the
// device answers, so each driver's logic is tested without the device.
using System.Threading;

namespace Keel.Hal
{
    public interface IRegisterBlock
    {
        uint Read(uint offset);

        void Write(uint offset, uint value);
    }

    public readonly unsafe struct MmioBlock : IRegisterBlock
    {
        public readonly uint Base;

        public MmioBlock(uint baseAddress) => Base = baseAddress;

        public uint Read(uint offset) => Volatile.Read(ref *(uint*)(Base + offset));

        public void Write(uint offset, uint value) => Volatile.Write(ref *(uint*)(Base + offset), value);
    }
}
