// Primitive value types. The compiler special-cases their layout (a field of the type
// itself would be recursive), so they carry no instance fields; only the constants
// that kernel and task code use are defined. Each compares and hashes as in .NET, for
// EqualityComparer<T> (Equality.cs) and so for records.
namespace System
{
    public struct Boolean : IEquatable<bool>
    {
        public bool Equals(bool other) => this == other;

        public override int GetHashCode() => this ? 1 : 0;
    }

    public struct Char : IEquatable<char>
    {
        public bool Equals(char other) => this == other;

        public override int GetHashCode() => this;

        public const char MaxValue = (char)0xFFFF;
        public const char MinValue = (char)0;
    }

    public struct SByte : IEquatable<sbyte>
    {
        public bool Equals(sbyte other) => this == other;

        public override int GetHashCode() => this;

        public const sbyte MaxValue = 127;
        public const sbyte MinValue = -128;
    }

    public struct Byte : IEquatable<byte>
    {
        public bool Equals(byte other) => this == other;

        public override int GetHashCode() => this;

        public const byte MaxValue = 255;
        public const byte MinValue = 0;
    }

    public struct Int16 : IEquatable<short>
    {
        public bool Equals(short other) => this == other;

        public override int GetHashCode() => this;

        public const short MaxValue = 32767;
        public const short MinValue = -32768;
    }

    public struct UInt16 : IEquatable<ushort>
    {
        public bool Equals(ushort other) => this == other;

        public override int GetHashCode() => this;

        public const ushort MaxValue = 65535;
        public const ushort MinValue = 0;
    }

    public struct Int32 : IEquatable<int>
    {
        public bool Equals(int other) => this == other;

        public override int GetHashCode() => this;

        public const int MaxValue = 0x7FFFFFFF;
        public const int MinValue = unchecked((int)0x80000000);
    }

    public struct UInt32 : IEquatable<uint>
    {
        public bool Equals(uint other) => this == other;

        public override int GetHashCode() => (int)this;

        public const uint MaxValue = 0xFFFFFFFF;
        public const uint MinValue = 0;
    }

    public struct Int64 : IEquatable<long>
    {
        public bool Equals(long other) => this == other;

        public override int GetHashCode() => (int)this ^ (int)(this >> 32);

        public const long MaxValue = 0x7FFFFFFFFFFFFFFF;
        public const long MinValue = unchecked((long)0x8000000000000000);
    }

    public struct UInt64 : IEquatable<ulong>
    {
        public bool Equals(ulong other) => this == other;

        public override int GetHashCode() => (int)this ^ (int)(this >> 32);

        public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;
        public const ulong MinValue = 0;
    }

    public struct IntPtr : IEquatable<nint>
    {
        public bool Equals(nint other) => this == other;

        public override int GetHashCode() => (int)this;

        public static nint Zero => 0;
    }

    public struct UIntPtr : IEquatable<nuint>
    {
        public bool Equals(nuint other) => this == other;

        public override int GetHashCode() => (int)this;

        public static nuint Zero => 0;
    }

    // Floating-point types. The kernel does not use them (it must not touch the FPU);
    // tasks use float on the single-precision FPU. The tests below are comparisons
    // and bit tests, one or two instructions each.
    public struct Single : IEquatable<float>
    {
        public bool Equals(float other) => this == other || (IsNaN(this) && IsNaN(other));

        public override int GetHashCode() => Hash(this);

        public const float MinValue = -3.40282347E+38f;
        public const float MaxValue = 3.40282347E+38f;
        public const float Epsilon = 1.401298E-45f;
        public const float NaN = 0f / 0f;
        public const float PositiveInfinity = 1f / 0f;
        public const float NegativeInfinity = -1f / 0f;

        // NaN is the one value unequal to itself (IEEE 754), so the comparison CS1718 warns
        // of is the test itself.
#pragma warning disable CS1718
        public static bool IsNaN(float f) => f != f;
#pragma warning restore CS1718

        public static bool IsFinite(float f) => f - f == 0f;

        public static bool IsInfinity(float f) => !IsNaN(f) && !IsFinite(f);

        public static bool IsPositiveInfinity(float f) => f == PositiveInfinity;

        public static bool IsNegativeInfinity(float f) => f == NegativeInfinity;

        // The bits, with the values Equals calls equal hashed alike: 0 and -0, every NaN.
        private static int Hash(float value)
        {
            if (value == 0f)
                return 0;
            if (IsNaN(value))
                return NaNBits;
            return Runtime.CompilerServices.Unsafe.As<float, int>(ref value);
        }

        private const int NaNBits = 0x7FC00000;
    }

    public struct Double { }
}
