// Primitive value types. The compiler special-cases their layout (a field of the type
// itself would be recursive), so they carry no instance fields; only the constants
// that kernel and task code use are defined.
namespace System
{
    public struct Boolean { }

    public struct Char
    {
        public const char MaxValue = (char)0xFFFF;
        public const char MinValue = (char)0;
    }

    public struct SByte
    {
        public const sbyte MaxValue = 127;
        public const sbyte MinValue = -128;
    }

    public struct Byte
    {
        public const byte MaxValue = 255;
        public const byte MinValue = 0;
    }

    public struct Int16
    {
        public const short MaxValue = 32767;
        public const short MinValue = -32768;
    }

    public struct UInt16
    {
        public const ushort MaxValue = 65535;
        public const ushort MinValue = 0;
    }

    public struct Int32
    {
        public const int MaxValue = 0x7FFFFFFF;
        public const int MinValue = unchecked((int)0x80000000);
    }

    public struct UInt32
    {
        public const uint MaxValue = 0xFFFFFFFF;
        public const uint MinValue = 0;
    }

    public struct Int64
    {
        public const long MaxValue = 0x7FFFFFFFFFFFFFFF;
        public const long MinValue = unchecked((long)0x8000000000000000);
    }

    public struct UInt64
    {
        public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;
        public const ulong MinValue = 0;
    }

    public struct IntPtr
    {
        public static nint Zero => 0;
    }

    public struct UIntPtr
    {
        public static nuint Zero => 0;
    }

    // Floating-point types. The kernel does not use them (it must not touch the FPU);
    // tasks use float on the single-precision FPU. The tests below are comparisons
    // and bit tests, one or two instructions each.
    public struct Single
    {
        public const float MinValue = -3.40282347E+38f;
        public const float MaxValue = 3.40282347E+38f;
        public const float Epsilon = 1.401298E-45f;
        public const float NaN = 0f / 0f;
        public const float PositiveInfinity = 1f / 0f;
        public const float NegativeInfinity = -1f / 0f;

        public static bool IsNaN(float f) => f != f;

        public static bool IsFinite(float f) => f - f == 0f;

        public static bool IsInfinity(float f) => !IsNaN(f) && !IsFinite(f);

        public static bool IsPositiveInfinity(float f) => f == PositiveInfinity;

        public static bool IsNegativeInfinity(float f) => f == NegativeInfinity;
    }

    public struct Double { }
}
