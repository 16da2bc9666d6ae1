// Integer arithmetic: 32- and 64-bit, signed and unsigned, checked and unchecked,
// shifts, bit operations and narrowing.
using Keel.UserLib.Testing;

namespace Conformance
{
    public static class Arithmetic
    {
        [TestCase("32-bit add, subtract, multiply")]
        public static void Int32Basics(ref Check check)
        {
            int a = Opaque.Int(1000), b = Opaque.Int(-7);
            check.Equal(993, a + b, "+");
            check.Equal(1007, a - b, "-");
            check.Equal(-7000, a * b, "*");
        }

        [TestCase("32-bit division and remainder, signed and unsigned")]
        public static void Int32Division(ref Check check)
        {
            check.Equal(-142, Opaque.Int(-1000) / Opaque.Int(7), "-1000 / 7");
            check.Equal(-6, Opaque.Int(-1000) % Opaque.Int(7), "-1000 % 7");
            check.Equal(0x55555554u, Opaque.UInt(0xFFFFFFFC) / Opaque.UInt(3), "uint /");
            check.Equal(1u, Opaque.UInt(0xFFFFFFFF) % Opaque.UInt(2), "uint %");
        }

        [TestCase("shifts: arithmetic on int, logical on uint")]
        public static void Shifts(ref Check check)
        {
            check.Equal(-4, Opaque.Int(-16) >> 2, "int >>");
            check.Equal(0x3FFFFFFCu, Opaque.UInt(0xFFFFFFF0) >> 2, "uint >>");
            check.Equal(0x80000000u, Opaque.UInt(1) << Opaque.Int(31), "<< 31");
            check.Equal(0x0FFFFFFFu, Opaque.UInt(0xFFFFFFFF) >>> 4, ">>>");
        }

        [TestCase("bitwise and, or, xor, complement")]
        public static void Bitwise(ref Check check)
        {
            uint x = Opaque.UInt(0xF0F0);
            check.Equal(0xF000u, x & 0xFF00, "&");
            check.Equal(0xFFF0u, x | 0xFF00, "|");
            check.Equal(0x0FF0u, x ^ 0xFF00, "^");
            check.Equal(0xFFFF0F0Fu, ~x, "~");
        }

        [TestCase("unchecked overflow wraps")]
        public static void UncheckedWraps(ref Check check)
        {
            int max = Opaque.Int(int.MaxValue);
            check.Equal(int.MinValue, unchecked(max + 1), "int.MaxValue + 1");
            check.Equal(0u, unchecked(Opaque.UInt(uint.MaxValue) + 1), "uint.MaxValue + 1");
        }

        [TestCase("checked arithmetic that stays in range")]
        public static void CheckedInRange(ref Check check)
        {
            int a = Opaque.Int(40000);
            check.Equal(1600000000, checked(a * a), "40000^2 fits");
        }

        [TestCase("checked narrowing that fits")]
        public static void CheckedNarrowing(ref Check check)
        {
            check.Equal(200u, checked((byte)Opaque.Int(200)), "(byte)200");
            check.Equal(-5, checked((sbyte)Opaque.Long(-5)), "(sbyte)-5L");
        }

        [TestCase("narrowing and widening conversions, sign extension")]
        public static void IntegerConversions(ref Check check)
        {
            int v = Opaque.Int(0x1FF);
            check.Equal(0xFFu, (byte)v, "(byte)0x1FF");
            check.Equal(-1, (sbyte)v, "(sbyte)0x1FF");
            check.Equal(-1, (short)Opaque.Int(0xFFFF), "(short)0xFFFF");
            check.Equal(0xFFFFFFFFFFFFFFFFUL, (ulong)(long)Opaque.Int(-1), "sign extension to 64 bits");
        }

        [TestCase("byte and short arithmetic promotes to int")]
        public static void SmallTypes(ref Check check)
        {
            byte a = (byte)Opaque.Int(200), b = (byte)Opaque.Int(100);
            int sum = a + b;
            byte wrapped = (byte)(a + b);
            check.Equal(300, sum, "promoted");
            check.Equal(44u, wrapped, "narrowed");
        }

        [TestCase("64-bit add, subtract, multiply")]
        public static void Int64Basics(ref Check check)
        {
            long a = Opaque.Long(0x1_0000_0000), b = Opaque.Long(3);
            check.Equal(0x1_0000_0003L, a + b, "+");
            check.Equal(0x3_0000_0000L, a * b, "*");
            check.Equal(-0xFFFF_FFFDL, b - a, "-");
        }

        [TestCase("64-bit division and remainder")]
        public static void Int64Division(ref Check check)
        {
            check.Equal(123456789L, Opaque.Long(123456789012345) / Opaque.Long(1000000), "/");
            check.Equal(12345L, Opaque.Long(123456789012345) % Opaque.Long(1000000), "%");
            check.Equal(0x5555555555555555UL, Opaque.ULong(ulong.MaxValue) / Opaque.ULong(3), "ulong /");
        }

        [TestCase("checked 64-bit multiplication that stays in range")]
        public static void Int64Checked(ref Check check)
        {
            long a = Opaque.Long(-3_000_000_000);
            check.Equal(-9_000_000_000_000_000_000L + 0, checked(a * Opaque.Long(3_000_000_000)), "-3e9 * 3e9");
            check.Equal(0xFFFF_FFFE_0000_0001UL, checked(Opaque.ULong(0xFFFF_FFFF) * Opaque.ULong(0xFFFF_FFFF)), "(2^32-1)^2");
            check.Equal(long.MinValue, checked(Opaque.Long(-0x4000_0000_0000_0000) * Opaque.Long(2)), "-2^62 * 2");
        }

        [TestCase("64-bit shifts by a variable amount")]
        public static void Int64Shifts(ref Check check)
        {
            check.Equal(0x8000_0000_0000UL, Opaque.ULong(1) << Opaque.Int(47), "<< 47");
            check.Equal(-2L, Opaque.Long(-0x1_0000_0000) >> Opaque.Int(31), ">> 31");
            check.Equal(0x1FFFFFFFFUL, Opaque.ULong(ulong.MaxValue) >> Opaque.Int(31), "ulong >> 31");
        }

        [TestCase("64-bit comparisons across the 32-bit halves")]
        public static void Int64Compare(ref Check check)
        {
            check.True(Opaque.Long(0x1_0000_0000) > Opaque.Long(0xFFFF_FFFF), "high word decides");
            check.True(Opaque.Long(-1) < Opaque.Long(0), "signed");
            check.True(Opaque.ULong(0xFFFF_FFFF_FFFF_FFFF) > Opaque.ULong(0), "unsigned");
        }

        [TestCase("nint and nuint")]
        public static unsafe void NativeIntegers(ref Check check)
        {
            nint a = Opaque.Int(-8);
            nuint b = Opaque.UInt(16);
            check.Equal(4, sizeof(nint), "sizeof(nint)");
            check.Equal(-2, (int)(a / 4), "nint /");
            check.Equal(4u, (uint)(b >> 2), "nuint >>");
        }

        [TestCase("compound assignment, increment and decrement")]
        public static void CompoundAssignment(ref Check check)
        {
            int x = Opaque.Int(5);
            x += 3;
            x <<= 1;
            x -= 1;
            int post = x++;
            int pre = --x;
            check.Equal(15, post, "post-increment value");
            check.Equal(15, pre, "pre-decrement value");
        }

        [TestCase("char arithmetic")]
        public static void CharArithmetic(ref Check check)
        {
            char c = (char)Opaque.Int('a');
            c++;
            check.Equal('b', c, "'a' + 1");
            check.Equal(7, (char)Opaque.Int('7') - '0', "digit value");
        }

        [TestCase("hexadecimal, binary literals and digit separators")]
        public static void Literals(ref Check check)
        {
            check.Equal(0xFFu, Opaque.UInt(0b1111_1111), "0b1111_1111");
            check.Equal(1_000_000, Opaque.Int(1000000), "1_000_000");
        }
    }
}
