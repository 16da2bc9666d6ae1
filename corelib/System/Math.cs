// The Math and MathF members firmware code reaches for: integer Abs, Min, Max and
// Clamp; float Sqrt (one VSQRT.F32, ILC's intrinsic), Abs, Min, Max, Clamp, rounding,
// Sign and CopySign, written for the single-precision FPU (the Cortex-M4F has no
// rounding instruction: VRINT is FPv5). Transcendental functions (Sin, Exp, Log, ...)
// need a software library the core library does not have yet (docs/csharp.md).
// As on the host, an argument .NET rejects with an exception panics.
using System.Runtime.CompilerServices;
using Internal.Runtime.CompilerHelpers;

namespace System
{
    public static partial class Math
    {
        public static int Abs(int value)
        {
            if (value == int.MinValue)
                ThrowHelpers.ThrowOverflowException();
            return value < 0 ? -value : value;
        }

        public static long Abs(long value)
        {
            if (value == long.MinValue)
                ThrowHelpers.ThrowOverflowException();
            return value < 0 ? -value : value;
        }

        public static float Abs(float value) => MathF.Abs(value);

        public static int Min(int a, int b) => a <= b ? a : b;

        public static uint Min(uint a, uint b) => a <= b ? a : b;

        public static long Min(long a, long b) => a <= b ? a : b;

        public static ulong Min(ulong a, ulong b) => a <= b ? a : b;

        public static float Min(float a, float b) => MathF.Min(a, b);

        public static int Max(int a, int b) => a >= b ? a : b;

        public static uint Max(uint a, uint b) => a >= b ? a : b;

        public static long Max(long a, long b) => a >= b ? a : b;

        public static ulong Max(ulong a, ulong b) => a >= b ? a : b;

        public static float Max(float a, float b) => MathF.Max(a, b);

        public static int Clamp(int value, int min, int max) => min <= max ? Min(Max(value, min), max) : Unordered<int>();

        public static uint Clamp(uint value, uint min, uint max) => min <= max ? Min(Max(value, min), max) : Unordered<uint>();

        public static long Clamp(long value, long min, long max) => min <= max ? Min(Max(value, min), max) : Unordered<long>();

        // A NaN bound is not "above" the other, as in .NET.
        public static float Clamp(float value, float min, float max) => !(min > max) ? MathF.Min(MathF.Max(value, min), max) : Unordered<float>();

        // A clamp whose minimum is above its maximum: .NET's ArgumentException.
        private static T Unordered<T>()
        {
            ThrowHelpers.ThrowArgumentException();
            return default!;
        }
    }

    public static class MathF
    {
        public const float PI = 3.14159265f;
        public const float E = 2.71828183f;
        public const float Tau = 6.28318531f;

        // 2^23: from here on every float is a whole number.
        private const float FirstWholeOnly = 8388608f;

        private const uint SignBit = 0x8000_0000;

        [Intrinsic]
        public static float Sqrt(float x) => Sqrt(x);

        public static float Abs(float x) => FromBits(Bits(x) & ~SignBit);

        public static float CopySign(float x, float y) => FromBits((Bits(x) & ~SignBit) | (Bits(y) & SignBit));

        // As .NET: NaN if either is NaN; -0 is below +0.
        public static float Max(float x, float y)
        {
            if (x != y)
                return float.IsNaN(x) ? x : y < x ? x : y;
            return (Bits(y) & SignBit) != 0 ? x : y;
        }

        public static float Min(float x, float y)
        {
            if (x != y)
                return float.IsNaN(x) ? x : x < y ? x : y;
            return (Bits(x) & SignBit) != 0 ? x : y;
        }

        public static int Sign(float x)
        {
            if (float.IsNaN(x))
                ThrowHelpers.ThrowArithmeticException();
            return x < 0 ? -1 : x > 0 ? 1 : 0;
        }

        // Toward zero, keeping the sign of a zero result (Truncate(-0.5f) is -0).
        public static float Truncate(float x) => IsWholeOrNotFinite(x) ? x : CopySign((int)x, x);

        public static float Floor(float x)
        {
            float t = Truncate(x);
            return t > x ? t - 1f : t;
        }

        public static float Ceiling(float x)
        {
            float t = Truncate(x);
            return t < x ? t + 1f : t;
        }

        // To the nearest whole number, halves to the even one (as .NET's default).
        // x - Truncate(x) is exact below 2^23, so the halfway test is too.
        public static float Round(float x)
        {
            if (IsWholeOrNotFinite(x))
                return x;
            float t = Truncate(x);
            float fraction = Abs(x - t);
            float away = t + CopySign(1f, x);
            if (fraction > 0.5f || (fraction == 0.5f && ((int)t & 1) != 0))
                return away;
            return t;
        }

        private static bool IsWholeOrNotFinite(float x) => !(Abs(x) < FirstWholeOnly);

        private static uint Bits(float x) => Unsafe.As<float, uint>(ref x);

        private static float FromBits(uint bits) => Unsafe.As<uint, float>(ref bits);
    }
}
