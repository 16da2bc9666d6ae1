// A peripheral's register block as something a driver can be generic over. Drivers
// that run as tasks (drivers/) take their registers as `TRegisters : IRegisterBlock`:
// on the chip that is MmioBlock, whose accesses are word-wide volatile loads and
// stores; in host tests it is a fake that scripts what the device answers, so each
// driver's logic is tested without the device.
using System.Runtime.CompilerServices;
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

        // Not inlined, so that the load stays a word: inlined into code that casts or
        // masks the value to 16 or 8 bits, ILC narrows a volatile 32-bit read into an
        // ldrh or ldrb, which a peripheral need not answer (Renode's EXTI reads 0; the
        // STM32's USARTs do not document byte accesses).
        [MethodImpl(MethodImplOptions.NoInlining)]
        public uint Read(uint offset) => Volatile.Read(ref *(uint*)(Base + offset));

        public void Write(uint offset, uint value) => Volatile.Write(ref *(uint*)(Base + offset), value);
    }
}
