// Integer division helpers. The ARM32 code generator does not emit SDIV/UDIV itself:
// it calls System.Math.DivInt32 and friends for every `/` and `%`. The 32-bit helpers
// use the Cortex-M3/M4 hardware divider through two one-instruction assembly routines
// (corelib/Arm/Runtime.S) after the checks C# requires (divide by zero, MinValue / -1).
// 64-bit division has no hardware support on ARMv7-M and is done by shift-and-subtract,
// which must not itself use `/` (that would call these helpers recursively).
using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;

namespace System
{
    public static class Math
    {
        [DllImport("*", EntryPoint = "keel_sdiv")]
        [SuppressGCTransition]
        private static extern int HardwareDivide(int dividend, int divisor);

        [DllImport("*", EntryPoint = "keel_udiv")]
        [SuppressGCTransition]
        private static extern uint HardwareDivide(uint dividend, uint divisor);

        internal static int DivInt32(int dividend, int divisor)
        {
            CheckSigned32(dividend, divisor);
            return HardwareDivide(dividend, divisor);
        }

        internal static uint DivUInt32(uint dividend, uint divisor)
        {
            if (divisor == 0)
                ThrowHelpers.ThrowDivideByZeroException();
            return HardwareDivide(dividend, divisor);
        }

        internal static int ModInt32(int dividend, int divisor)
        {
            CheckSigned32(dividend, divisor);
            return dividend - HardwareDivide(dividend, divisor) * divisor;
        }

        internal static uint ModUInt32(uint dividend, uint divisor)
        {
            if (divisor == 0)
                ThrowHelpers.ThrowDivideByZeroException();
            return dividend - HardwareDivide(dividend, divisor) * divisor;
        }

        internal static long DivInt64(long dividend, long divisor)
        {
            CheckSigned64(dividend, divisor);
            ulong quotient = DivideUnsigned64(Magnitude(dividend), Magnitude(divisor), out _);
            return (dividend < 0) != (divisor < 0) ? -(long)quotient : (long)quotient;
        }

        internal static ulong DivUInt64(ulong dividend, ulong divisor)
        {
            if (divisor == 0)
                ThrowHelpers.ThrowDivideByZeroException();
            return DivideUnsigned64(dividend, divisor, out _);
        }

        internal static long ModInt64(long dividend, long divisor)
        {
            CheckSigned64(dividend, divisor);
            DivideUnsigned64(Magnitude(dividend), Magnitude(divisor), out ulong remainder);
            // The remainder takes the sign of the dividend, as in C#.
            return dividend < 0 ? -(long)remainder : (long)remainder;
        }

        internal static ulong ModUInt64(ulong dividend, ulong divisor)
        {
            if (divisor == 0)
                ThrowHelpers.ThrowDivideByZeroException();
            DivideUnsigned64(dividend, divisor, out ulong remainder);
            return remainder;
        }

        private static void CheckSigned32(int dividend, int divisor)
        {
            if (divisor == 0)
                ThrowHelpers.ThrowDivideByZeroException();
            if (divisor == -1 && dividend == int.MinValue)
                ThrowHelpers.ThrowOverflowException();
        }

        private static void CheckSigned64(long dividend, long divisor)
        {
            if (divisor == 0)
                ThrowHelpers.ThrowDivideByZeroException();
            if (divisor == -1 && dividend == long.MinValue)
                ThrowHelpers.ThrowOverflowException();
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
