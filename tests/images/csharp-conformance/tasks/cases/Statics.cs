// Statics and constant tables: arrays with initializers (built at compile time, in the
// task's RAM: their elements may be written), spans over constants (data in flash: a
// build test reads which section holds FlashTable's bytes), static constructors.
using System;
using Keel.UserLib.Testing;

namespace Conformance
{
    public enum Mode : byte
    {
        Off,
        Heat,
        Cool,
    }

    public struct Threshold
    {
        public short Low;
        public short High;
    }

    public static class Statics
    {
        private static readonly short[] s_curve = { -40, -20, 0, 10, 20, 25, 30, 40, 50, 60, 70, 85 };
        private static readonly byte[] s_crcTable = { 0x00, 0x07, 0x0E, 0x09, 0x1C, 0x1B, 0x12, 0x15, 0x38, 0x3F, 0x36, 0x31 };
        private static readonly Mode[] s_schedule = { Mode.Heat, Mode.Heat, Mode.Off, Mode.Cool, Mode.Cool, Mode.Off, Mode.Heat, Mode.Off };
        private static readonly Threshold[] s_thresholds = { new Threshold { Low = -5, High = 5 }, new Threshold { Low = 10, High = 30 } };
        private static readonly uint[] s_pool = new uint[16];
        private static readonly int s_computed;
        private static int s_counter = 7;

        static Statics()
        {
            int sum = 0;
            for (int i = 1; i <= 10; i++)
                sum += i * i;
            s_computed = sum;
        }

        // The build test (CSharpConformanceTests) finds these 16 bytes in the image and
        // checks that they lie in flash, in a section that is not written.
        public static ReadOnlySpan<byte> FlashTable => new byte[] { 0x4B, 0x45, 0x45, 0x4C, 0xF1, 0xA5, 0x7A, 0xB1, 0xE0, 0x5E, 0xC7, 0x10, 0x9A, 0x3C, 0xD2, 0x81 };

        private static ReadOnlySpan<short> Offsets => new short[] { -300, -200, -100, 0, 100, 200, 300 };

        private static ReadOnlySpan<Mode> Modes => new[] { Mode.Cool, Mode.Heat, Mode.Off };

        private static ReadOnlySpan<uint> Primes => [2, 3, 5, 7, 11, 13, 17, 19];

        [TestCase("static readonly short[] with an initializer (12 values)")]
        public static void ShortTable(ref Check check)
        {
            check.Equal(12, s_curve.Length, "Length");
            check.Equal(-20, s_curve[Opaque.Int(1)], "[1]");
            check.Equal(85, s_curve[Opaque.Int(11)], "[11]");
        }

        [TestCase("static readonly byte[] with an initializer")]
        public static void ByteTable(ref Check check)
        {
            check.Equal(0x31u, s_crcTable[Opaque.Int(11)], "[11]");
        }

        [TestCase("static readonly enum array with an initializer")]
        public static void EnumTable(ref Check check)
        {
            check.True(s_schedule[Opaque.Int(3)] == Mode.Cool, "[3] is Cool");
        }

        [TestCase("static readonly struct array with an initializer")]
        public static void StructTable(ref Check check)
        {
            check.Equal(30, s_thresholds[Opaque.Int(1)].High, "[1].High");
            check.Equal(-5, s_thresholds[Opaque.Int(0)].Low, "[0].Low");
        }

        [TestCase("a static array used as a pool, written at run time")]
        public static void StaticPool(ref Check check)
        {
            s_pool[Opaque.Int(3)] = 33;
            s_pool[Opaque.Int(15)] += 2;
            check.Equal(33u, s_pool[3], "[3]");
            check.Equal(2u, s_pool[15], "[15]");
        }

        [TestCase("foreach over an array")]
        public static void ForeachArray(ref Check check)
        {
            int sum = 0;
            foreach (short v in s_curve)
                sum += v;
            check.Equal(330, sum, "sum of the curve");
        }

        [TestCase("ReadOnlySpan<byte> property over constants (data in flash)")]
        public static void ByteSpanProperty(ref Check check)
        {
            check.Equal(16, FlashTable.Length, "Length");
            check.Equal(0xA5u, FlashTable[Opaque.Int(5)], "[5]");
        }

        [TestCase("ReadOnlySpan<short> property over constants")]
        public static void ShortSpanProperty(ref Check check)
        {
            check.Equal(-200, Offsets[Opaque.Int(1)], "[1]");
            check.Equal(300, Offsets[Opaque.Int(6)], "[6]");
        }

        [TestCase("ReadOnlySpan of an enum over constants")]
        public static void EnumSpanProperty(ref Check check)
        {
            check.True(Modes[Opaque.Int(1)] == Mode.Heat, "[1] is Heat");
        }

        [TestCase("collection expression of constants into a ReadOnlySpan property")]
        public static void CollectionExpressionProperty(ref Check check)
        {
            uint sum = 0;
            foreach (uint p in Primes)
                sum += p;
            check.Equal(77u, sum, "sum of the primes");
        }

        [TestCase("constants passed where a ReadOnlySpan is expected")]
        public static void ConstantSpanArgument(ref Check check)
        {
            check.Equal(60, Sum(new int[] { 10, 20, 30 }), "an array of constants");
            check.Equal(6, Sum([1, 2, 3]), "a collection expression");
        }

        internal static int Sum(ReadOnlySpan<int> values)
        {
            int sum = 0;
            foreach (int v in values)
                sum += v;
            return sum;
        }

        [TestCase("a static constructor, run at build time")]
        public static void StaticConstructor(ref Check check)
        {
            check.Equal(385, s_computed, "sum of squares 1..10");
        }

        [TestCase("a static field's initializer and writes at run time")]
        public static void StaticField(ref Check check)
        {
            s_counter += Opaque.Int(3);
            check.Equal(10, s_counter, "7 + 3");
        }
    }
}
