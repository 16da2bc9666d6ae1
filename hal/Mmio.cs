// Memory-mapped registers. Every peripheral register the hardware layer touches is a
// named `Register32` constant built from its peripheral's base address and its offset
// in the reference manual; all accesses are volatile, so the code generator neither
// caches nor reorders them.
using System.Threading;

namespace Keel.Hal
{
    public readonly unsafe struct Register32
    {
        public readonly uint Address;

        public Register32(uint address) => Address = address;

        public Register32(uint peripheralBase, uint offset) => Address = peripheralBase + offset;

        public uint Read() => Volatile.Read(ref *(uint*)Address);

        public void Write(uint value) => Volatile.Write(ref *(uint*)Address, value);

        public void SetBits(uint mask) => Write(Read() | mask);

        public void ClearBits(uint mask) => Write(Read() & ~mask);

        // Replaces the field selected by `mask` (already shifted into place) with `value`.
        public void Modify(uint mask, uint value) => Write((Read() & ~mask) | (value & mask));

        public bool AnySet(uint mask) => (Read() & mask) != 0;
    }
}
