// One interpolation hole's value as text: what `{value:format}` prints, built in a
// fixed buffer on the stack, without a heap and without culture (the invariant one).
// Both interpolated-string handlers (Utf8.TryWrite's and the console's) format their
// holes here, then pad and copy the bytes where they write.
//
// Formats, as .NET spells them (docs/csharp.md, "Text without a heap"):
//   integers  ""/G/D/d: decimal; Dn/dn: at least n digits (zero-padded);
//             X/x: hexadecimal in upper/lower case, of the two's complement in the
//             value's own width (-1 as a short is ffff); Xn/xn: at least n digits.
//   float     Fn/fn: n decimals (0..9), rounded half away from zero; "": seven
//             significant digits (at most six decimals), trailing zeros dropped ("1.5",
//             "21.46", "3"); whole numbers up to 2^64 exactly, beyond that seven
//             significant digits and zeros; NaN, Infinity, -Infinity.
//   bool      True, False.   char: the character.
// A format this code does not know prints the value as if it had none. At most
// Capacity bytes: the longest is the largest float with nine decimals (50 bytes).
using System;

namespace Keel.UserLib.Text
{
    public unsafe struct FormattedText
    {
        public const int Capacity = 64;
        public const int MaxPrecision = 32;
        private const int MaxDecimals = 9;

        private fixed byte _bytes[Capacity];
        private int _length;

        public int Length => _length;

        // Read through a reference (a handler's `in` parameter): no copy of the buffer.
        public readonly ReadOnlySpan<byte> Bytes
        {
            get
            {
                fixed (byte* bytes = _bytes)
                    return new ReadOnlySpan<byte>(bytes, _length);
            }
        }

        // A signed integer `bytes` wide (1, 2, 4 or 8); hexadecimal prints its two's
        // complement in that width.
        // Each format writes into the caller's FormattedText (an out parameter, so that the
        // 68 bytes exist once, in the handler's frame, and are never copied).
        public static void Signed(out FormattedText text, long value, int bytes, string format)
        {
            ulong bits = (ulong)value;
            if (bytes < 8)
                bits &= (1UL << (8 * bytes)) - 1;
            Integer(out text, value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value, value < 0, bits, format);
        }

        public static void Unsigned(out FormattedText text, ulong value, string format) => Integer(out text, value, false, value, format);

        public static void Boolean(out FormattedText text, bool value)
        {
            text = default;
            text.Append(value ? "True" : "False");
        }

        // `magnitude` and `negative` for decimal, `bits` for hexadecimal.
        private static void Integer(out FormattedText text, ulong magnitude, bool negative, ulong bits, string format)
        {
            text = default;
            char kind = Kind(format);
            bool known = kind == 'D' || kind == 'd' || kind == 'X' || kind == 'x';
            int precision = known ? Precision(format, 1, MaxPrecision) : 1;
            if (kind == 'X' || kind == 'x')
            {
                text.AppendDigits(bits, 16, precision, kind == 'X' ? (byte)'A' : (byte)'a');
                return;
            }
            if (negative)
                text.AppendByte((byte)'-');
            text.AppendDigits(magnitude, 10, precision, (byte)'a');
        }

        public static void Float(out FormattedText text, float value, string format)
        {
            text = default;
            uint bits = *(uint*)&value;
            if ((bits & 0x7FFFFFFF) > 0x7F800000)
            {
                text.Append("NaN");
                return;
            }
            // The sign bit, so that -0.0 and a negative value that rounds to zero keep
            // their sign, as .NET prints them.
            if ((bits & 0x80000000) != 0)
            {
                text.AppendByte((byte)'-');
                value = -value;
            }
            if ((bits & 0x7FFFFFFF) == 0x7F800000)
            {
                text.Append("Infinity");
                return;
            }
            char kind = Kind(format);
            bool fixedPoint = kind == 'F' || kind == 'f';
            int exponent = (int)((bits >> 23) & 0xFF) - 127;
            if (exponent >= 32)
            {
                // A whole number: exact below 2^64 (its 24-bit significand shifted), like
                // .NET; above, its first seven digits, then zeros.
                if (exponent < 64)
                    text.AppendDigits((ulong)((bits & 0x7FFFFF) | 0x800000) << (exponent - 23), 10, 1, (byte)'a');
                else
                    text.AppendSignificantDigits(value);
                if (fixedPoint)
                    text.AppendDecimals(0, Precision(format, 2, MaxDecimals));
                return;
            }
            // Without a format, seven significant digits (as .NET Framework's float
            // did), trailing zeros dropped.
            int decimals = fixedPoint ? Precision(format, 2, MaxDecimals) : SignificantDecimals(value);
            ulong whole = (uint)value;
            uint scale = 1;
            for (int i = 0; i < decimals; i++)
                scale *= 10;
            float fraction = value - (uint)value;
            uint scaled = (uint)(fraction * scale + 0.5f);
            if (scaled >= scale)
            {
                scaled -= scale;
                whole++;
            }
            text.AppendDigits(whole, 10, 1, (byte)'a');
            text.AppendDecimals(scaled, decimals);
            if (!fixedPoint)
                text.TrimFractionZeros();
        }

        private static int SignificantDecimals(float value)
        {
            int decimals = 6;
            for (float limit = 10f; value >= limit && decimals > 0; limit *= 10f)
                decimals--;
            return decimals;
        }

        // A float of 2^64 or more: its first seven significant digits, rounded, and as
        // many zeros as its magnitude needs.
        private void AppendSignificantDigits(float value)
        {
            int zeros = 0;
            while (value >= 1e7f)
            {
                value /= 10f;
                zeros++;
            }
            AppendDigits((uint)(value + 0.5f), 10, 1, (byte)'a');
            for (int i = 0; i < zeros; i++)
                AppendByte((byte)'0');
        }

        private void AppendDecimals(uint scaled, int decimals)
        {
            if (decimals == 0)
                return;
            AppendByte((byte)'.');
            AppendDigits(scaled, 10, decimals, (byte)'a');
        }

        private void TrimFractionZeros()
        {
            while (_bytes[_length - 1] == (byte)'0')
                _length--;
            if (_bytes[_length - 1] == (byte)'.')
                _length--;
        }

        // At least `minimum` digits of `value` in `radix` (10 or 16), most significant first.
        private void AppendDigits(ulong value, uint radix, int minimum, byte letterA)
        {
            byte* reversed = stackalloc byte[MaxPrecision];
            int count = 0;
            // 64-bit division is a runtime helper call on ARMv7-M: stay in 32 bits when
            // the value allows.
            while (value > uint.MaxValue)
            {
                uint digit = (uint)(value % radix);
                reversed[count++] = Digit(digit, letterA);
                value /= radix;
            }
            uint low = (uint)value;
            do
            {
                reversed[count++] = Digit(low % radix, letterA);
                low /= radix;
            }
            while (low != 0);
            while (count < minimum)
                reversed[count++] = (byte)'0';
            while (count > 0)
                AppendByte(reversed[--count]);
        }

        private static byte Digit(uint digit, byte letterA) => (byte)(digit < 10 ? '0' + digit : letterA + digit - 10);

        private void AppendByte(byte value) => _bytes[_length++] = value;

        private void Append(string ascii)
        {
            for (int i = 0; i < ascii.Length; i++)
                AppendByte((byte)ascii[i]);
        }

        // A format's letter (G when there is none).
        private static char Kind(string format) => format == null || format.Length == 0 ? 'G' : format[0];

        // The number after a format's letter, or `otherwise` when there is none; at most
        // `maximum`. A character that is not a digit makes the whole format unknown.
        private static int Precision(string format, int otherwise, int maximum)
        {
            if (format == null || format.Length < 2)
                return otherwise;
            int precision = 0;
            for (int i = 1; i < format.Length; i++)
            {
                char c = format[i];
                if (c < '0' || c > '9')
                    return otherwise;
                if (precision < maximum)
                    precision = precision * 10 + (c - '0');
            }
            return precision < maximum ? precision : maximum;
        }
    }
}
