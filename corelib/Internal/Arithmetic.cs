// Integer division helpers. The ARM32 code generator does not emit SDIV/UDIV itself:
// it calls System.Math.DivInt32 and friends for every `/` and `%`. Each is bound to a
// routine of corelib/Arm/Runtime.S that makes the checks C# requires (divide by zero,
// MinValue / -1) where the caller's return address is still in lr, so that a failed
// check's panic names the method that divided (ThrowHelpers). 32-bit division is then
// the Cortex-M3/M4 hardware divider's; 64-bit division has no hardware support on
// ARMv7-M and is done here by shift-and-subtract, which must not itself use `/` (that
// would call these helpers recursively). Checked 64-bit multiplication and checked
// conversions from double are helpers too.
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime.CompilerHelpers;

namespace System
{
    public static partial class Math
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

        // `checked` 64-bit multiplication (ILC calls these by name; a `stackalloc` of a
        // computed size uses them too). Built from 32 x 32 -> 64-bit products, which
        // cannot overflow, so they never call themselves.
        internal static ulong MultiplyChecked(ulong left, ulong right)
        {
            uint leftHigh = (uint)(left >> 32), rightHigh = (uint)(right >> 32);
            if (leftHigh != 0 && rightHigh != 0)
                ThrowHelpers.ThrowOverflowException();
            ulong cross = (ulong)leftHigh * (uint)right + (ulong)rightHigh * (uint)left;
            if ((cross >> 32) != 0)
                ThrowHelpers.ThrowOverflowException();
            ulong high = cross << 32;
            ulong product = high + (ulong)(uint)left * (uint)right;
            if (product < high)
                ThrowHelpers.ThrowOverflowException();
            return product;
        }

        internal static long MultiplyChecked(long left, long right)
        {
            bool negative = (left < 0) != (right < 0);
            ulong magnitude = MultiplyChecked(Magnitude(left), Magnitude(right));
            // 2^63 is representable only as a negative result (long.MinValue).
            if (magnitude > (negative ? 0x8000_0000_0000_0000UL : (ulong)long.MaxValue))
                ThrowHelpers.ThrowOverflowException();
            return negative ? -(long)magnitude : (long)magnitude;
        }

        // `checked` conversions from double (ILC names them for any checked narrowing,
        // (byte)int included). Decoded in integer arithmetic from the value's bits: the
        // FPU is single precision, and a double instruction here would fault. The value
        // only passes through (in d0, then to memory): the analyzer's refusal of the
        // type is lifted for these helpers alone, and check-double (KEEL0003) still
        // scans what ILC made of them.
#pragma warning disable KEEL1012
        internal static int ConvertToInt32Checked(double value) => (int)TruncateChecked(value, int.MinValue, int.MaxValue);

        internal static uint ConvertToUInt32Checked(double value) => (uint)TruncateChecked(value, 0, uint.MaxValue);

        internal static long ConvertToInt64Checked(double value) => TruncateChecked(value, long.MinValue, long.MaxValue);

        internal static ulong ConvertToUInt64Checked(double value)
        {
            ulong magnitude = TruncatedMagnitude(value, out bool negative);
            if (negative && magnitude != 0)
                ThrowHelpers.ThrowOverflowException();
            return magnitude;
        }

        private static long TruncateChecked(double value, long min, long max)
        {
            ulong magnitude = TruncatedMagnitude(value, out bool negative);
            if (negative ? magnitude > 0UL - (ulong)min : magnitude > (ulong)max)
                ThrowHelpers.ThrowOverflowException();
            return negative ? -(long)magnitude : (long)magnitude;
        }

        // |value| toward zero as a 64-bit integer; NaN, infinities and magnitudes of 2^64
        // and more overflow.
        private static ulong TruncatedMagnitude(double value, out bool negative)
        {
            ulong bits = Runtime.CompilerServices.Unsafe.As<double, ulong>(ref value);
            negative = (bits >> 63) != 0;
            int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
            ulong significand = (bits & 0x000F_FFFF_FFFF_FFFF) | 0x0010_0000_0000_0000;
            if (exponent < 0)
                return 0;
            if (exponent >= 64)
                ThrowHelpers.ThrowOverflowException();
            return exponent >= 52 ? significand << (exponent - 52) : significand >> (52 - exponent);
        }
#pragma warning restore KEEL1012

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
