// Values the compiler cannot see through: a case that computes from them is computed
// on the target at run time, not folded into a constant at build time.
using System.Runtime.CompilerServices;

namespace Conformance
{
    public static class Opaque
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int Int(int value) => value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static uint UInt(uint value) => value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static long Long(long value) => value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static ulong ULong(ulong value) => value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static float Float(float value) => value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static string Text(string value) => value;
    }
}
