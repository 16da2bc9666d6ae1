// Volatile reads and writes: the `volatile.` IL prefix stops the code generator from
// caching, merging or reordering the access. The hardware layer reaches every
// memory-mapped register through these.
using System.Runtime.CompilerServices;

namespace System.Threading
{
    public static class Volatile
    {
        private struct VolatileUInt32
        {
            public volatile uint Value;
        }

        private struct VolatileUInt16
        {
            public volatile ushort Value;
        }

        private struct VolatileByte
        {
            public volatile byte Value;
        }

        public static uint Read(ref uint location) => Unsafe.As<uint, VolatileUInt32>(ref location).Value;

        public static void Write(ref uint location, uint value) => Unsafe.As<uint, VolatileUInt32>(ref location).Value = value;

        public static ushort Read(ref ushort location) => Unsafe.As<ushort, VolatileUInt16>(ref location).Value;

        public static void Write(ref ushort location, ushort value) => Unsafe.As<ushort, VolatileUInt16>(ref location).Value = value;

        public static byte Read(ref byte location) => Unsafe.As<byte, VolatileByte>(ref location).Value;

        public static void Write(ref byte location, byte value) => Unsafe.As<byte, VolatileByte>(ref location).Value = value;
    }
}
