// Integer division helpers. The ARM32 code generator does not emit SDIV/UDIV itself:
// it calls System.Math.DivInt32 and friends for every `/` and `%`. Each is bound to a
// routine of corelib/Arm/Runtime.S that makes the checks C# requires (divide by zero,
// MinValue / -1) where the caller's return address is still in lr, so that a failed
// check's panic names the method that divided (ThrowHelpers). 32-bit division is then
// the Cortex-M3/M4 hardware divider's; 64-bit division has no hardware support on
// ARMv7-M and is done here by shift-and-subtract, which must not itself use `/` (that
// would call these helpers recursively).
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace System
{
    public static class Math
    {
        [DllImport("*", EntryPoint = "keel_udiv")]
        [SuppressGCTransition]
        private static extern uint HardwareDivide(uint dividend, uint divisor);

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_div_int32")]
        internal static extern int DivInt32(int dividend, int divisor);

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_div_uint32")]
        internal static extern uint DivUInt32(uint dividend, uint divisor);

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_mod_int32")]
        internal static extern int ModInt32(int dividend, int divisor);

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_mod_uint32")]
        internal static extern uint ModUInt32(uint dividend, uint divisor);

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_div_int64")]
        internal static extern long DivInt64(long dividend, long divisor);

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_div_uint64")]
        internal static extern ulong DivUInt64(ulong dividend, ulong divisor);

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_mod_int64")]
        internal static extern long ModInt64(long dividend, long divisor);

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_mod_uint64")]
        internal static extern ulong ModUInt64(ulong dividend, ulong divisor);

        // The 64-bit helpers after Runtime.S's checks passed.
        [RuntimeExport("keel_div_int64_checked")]
        private static long DivInt64Checked(long dividend, long divisor)
        {
            ulong quotient = DivideUnsigned64(Magnitude(dividend), Magnitude(divisor), out _);
            return (dividend < 0) != (divisor < 0) ? -(long)quotient : (long)quotient;
        }

        [RuntimeExport("keel_div_uint64_checked")]
        private static ulong DivUInt64Checked(ulong dividend, ulong divisor) => DivideUnsigned64(dividend, divisor, out _);

        [RuntimeExport("keel_mod_int64_checked")]
        private static long ModInt64Checked(long dividend, long divisor)
        {
            DivideUnsigned64(Magnitude(dividend), Magnitude(divisor), out ulong remainder);
            // The remainder takes the sign of the dividend, as in C#.
            return dividend < 0 ? -(long)remainder : (long)remainder;
        }

        [RuntimeExport("keel_mod_uint64_checked")]
        private static ulong ModUInt64Checked(ulong dividend, ulong divisor)
        {
            DivideUnsigned64(dividend, divisor, out ulong remainder);
            return remainder;
        }

        private static ulong Magnitude(long value) => value < 0 ? (ulong)(-value) : (ulong)value;

        // Restoring binary long division, one quotient bit per step.
        private static ulong DivideUnsigned64(ulong dividend, ulong divisor, out ulong remainder)
        {
            if ((dividend >> 32) == 0 && (divisor >> 32) == 0)
            {
                uint quotient32 = HardwareDivide((uint)dividend, (uint)divisor);
                remainder = (uint)dividend - quotient32 * (uint)divisor;
                return quotient32;
            }
            ulong quotient = 0;
            ulong rest = 0;
            for (int bit = 63; bit >= 0; bit--)
            {
                rest = (rest << 1) | ((dividend >> bit) & 1);
                if (rest >= divisor)
                {
                    rest -= divisor;
                    quotient |= 1UL << bit;
                }
            }
            remainder = rest;
            return quotient;
        }
    }
}
