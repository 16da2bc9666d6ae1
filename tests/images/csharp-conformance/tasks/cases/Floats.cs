// float arithmetic on the FPU (single precision, the Cortex-M4F's) and MathF.
using System;
using Keel.UserLib.Testing;

namespace Conformance
{
    public static class Floats
    {
        // Within a millionth of the expected value, scaled.
        private static bool Near(float expected, float actual) => MathF.Abs(expected - actual) <= 1e-6f * MathF.Max(1f, MathF.Abs(expected));

        [TestCase("float add, subtract, multiply, divide")]
        public static void FloatBasics(ref Check check)
        {
            float a = Opaque.Float(1.5f), b = Opaque.Float(0.25f);
            check.True(a + b == 1.75f, "+");
            check.True(a - b == 1.25f, "-");
            check.True(a * b == 0.375f, "*");
            check.True(a / b == 6f, "/");
        }

        [TestCase("float to int and int to float conversions")]
        public static void FloatConversions(ref Check check)
        {
            check.Equal(-3, (int)Opaque.Float(-3.99f), "truncates toward zero");
            check.Equal(4000000000u, (uint)Opaque.Float(4e9f), "float to uint");
            check.True((float)Opaque.Int(-7) == -7f, "int to float");
            check.Equal(3300, (int)(Opaque.Float(3.3f) * 1000f), "volts to millivolts");
        }

        [TestCase("float comparisons, NaN and infinities")]
        public static void Comparisons(ref Check check)
        {
            float zero = Opaque.Float(0f);
            float nan = zero / zero;
            float inf = 1f / zero;
            check.True(float.IsNaN(nan), "0/0 is NaN");
            check.False(nan == nan, "NaN != NaN");
            check.True(float.IsPositiveInfinity(inf), "1/0 is +inf");
            check.True(-inf < float.MinValue, "-inf below MinValue");
            check.True(float.IsFinite(Opaque.Float(float.MaxValue)), "MaxValue is finite");
        }

        [TestCase("MathF.Sqrt, Abs, Min, Max, Clamp")]
        public static void MathBasics(ref Check check)
        {
            check.True(MathF.Sqrt(Opaque.Float(2.25f)) == 1.5f, "Sqrt(2.25)");
            check.True(MathF.Abs(Opaque.Float(-2f)) == 2f, "Abs(-2)");
            check.True(MathF.Min(Opaque.Float(1f), 2f) == 1f, "Min");
            check.True(MathF.Max(Opaque.Float(1f), 2f) == 2f, "Max");
            check.True(Math.Clamp(Opaque.Float(7f), 0f, 5f) == 5f, "Clamp");
        }

        [TestCase("MathF.Floor, Ceiling, Truncate, Round")]
        public static void Rounding(ref Check check)
        {
            check.True(MathF.Floor(Opaque.Float(-1.5f)) == -2f, "Floor(-1.5)");
            check.True(MathF.Ceiling(Opaque.Float(1.25f)) == 2f, "Ceiling(1.25)");
            check.True(MathF.Truncate(Opaque.Float(-1.75f)) == -1f, "Truncate(-1.75)");
            check.True(MathF.Round(Opaque.Float(2.5f)) == 2f, "Round(2.5) to even");
            check.True(MathF.Round(Opaque.Float(3.5f)) == 4f, "Round(3.5) to even");
            check.True(MathF.Round(Opaque.Float(-0.4f)) == 0f, "Round(-0.4)");
            check.True(MathF.Floor(Opaque.Float(1e9f)) == 1e9f, "Floor of a large whole value");
        }

        [TestCase("MathF.Sign, CopySign and constants")]
        public static void MathMore(ref Check check)
        {
            check.Equal(-1, MathF.Sign(Opaque.Float(-0.5f)), "Sign(-0.5)");
            check.True(MathF.CopySign(Opaque.Float(3f), -1f) == -3f, "CopySign");
            check.True(Near(3.1415927f, MathF.PI), "PI");
        }

        [TestCase("integer Math: Abs, Min, Max, Clamp")]
        public static void IntegerMath(ref Check check)
        {
            check.Equal(5, Math.Abs(Opaque.Int(-5)), "Abs");
            check.Equal(-5, Math.Min(Opaque.Int(-5), 3), "Min");
            check.Equal(10u, Math.Max(Opaque.UInt(10), 3u), "Max");
            check.Equal(100, Math.Clamp(Opaque.Int(1000), 0, 100), "Clamp");
            check.Equal(-7L, Math.Min(Opaque.Long(-7), 0L), "long Min");
        }

        [TestCase("float in a struct, passed and returned (hard-float calling convention)")]
        public static void FloatStructs(ref Check check)
        {
            var p = new PointF { X = Opaque.Float(1f), Y = 2f };
            PointF q = Midpoint(p, new PointF { X = 3f, Y = 6f });
            check.True(q.X == 2f && q.Y == 4f, "midpoint");
        }

        private struct PointF
        {
            public float X;
            public float Y;
        }

        private static PointF Midpoint(PointF a, PointF b) => new PointF { X = (a.X + b.X) * 0.5f, Y = (a.Y + b.Y) * 0.5f };
    }
}
