// `$"…"` into a caller's bytes, as .NET's Utf8.TryWrite does it:
//
//     Span<byte> line = stackalloc byte[48];
//     if (Utf8.TryWrite(line, $"{t:F1} C, {n} samples", out int written)) …
//
// The compiler turns the interpolated string into calls on a Utf8InterpolatedStringHandler
// that lives on the caller's stack and writes straight into `destination`: no string,
// no heap. If the text does not fit, TryWrite returns false (the compiler skips the
// holes after the first that failed) and `written` is 0; what was written before is
// left in the destination. Holes are formatted by FormattedText (integers, float,
// bool), EnumText (enums by name) or copied (strings as UTF-8, u8 spans, char).
using System;
using System.Runtime.CompilerServices;
using Keel.Kernel;
using Keel.UserLib.Text;

namespace Keel.UserLib
{
    public static class Utf8
    {
        public static bool TryWrite(Span<byte> destination, [InterpolatedStringHandlerArgument("destination")] ref Utf8InterpolatedStringHandler handler, out int bytesWritten)
        {
            bytesWritten = handler.Succeeded ? handler.Written : 0;
            return handler.Succeeded;
        }
    }

    [InterpolatedStringHandler]
    public ref struct Utf8InterpolatedStringHandler
    {
        private readonly Span<byte> _destination;
        private int _written;
        private bool _failed;

        public Utf8InterpolatedStringHandler(int literalLength, int formattedCount, Span<byte> destination, out bool shouldAppend)
        {
            _destination = destination;
            _written = 0;
            _failed = literalLength > destination.Length;
            shouldAppend = !_failed;
        }

        internal readonly bool Succeeded => !_failed;

        internal readonly int Written => _written;

        public bool AppendLiteral(string value) => AppendFormatted(value);

        public bool AppendFormatted(string value, int alignment = 0)
        {
            Alignment.Padding(alignment, value.Length, out int before, out int after);
            if (!Pad(before))
                return false;
            for (int i = 0; i < value.Length; i++)
            {
                if (!AppendChar(value, ref i))
                    return false;
            }
            return Pad(after);
        }

        public bool AppendFormatted(ReadOnlySpan<byte> utf8, int alignment = 0)
        {
            Alignment.Padding(alignment, utf8.Length, out int before, out int after);
            if (!Pad(before))
                return false;
            for (int i = 0; i < utf8.Length; i++)
            {
                if (!Put(utf8[i]))
                    return false;
            }
            return Pad(after);
        }

        public bool AppendFormatted(char value, int alignment = 0)
        {
            Alignment.Padding(alignment, 1, out int before, out int after);
            return Pad(before) && AppendScalar(value) && Pad(after);
        }

        public bool AppendFormatted(bool value, int alignment = 0)
        {
            FormattedText.Boolean(out FormattedText text, value);
            return Append(text, alignment);
        }

        public bool AppendFormatted(sbyte value, int alignment = 0, string format = null)
        {
            FormattedText.Signed(out FormattedText text, value, sizeof(sbyte), format);
            return Append(text, alignment);
        }

        public bool AppendFormatted(byte value, int alignment = 0, string format = null)
        {
            FormattedText.Unsigned(out FormattedText text, value, format);
            return Append(text, alignment);
        }

        public bool AppendFormatted(short value, int alignment = 0, string format = null)
        {
            FormattedText.Signed(out FormattedText text, value, sizeof(short), format);
            return Append(text, alignment);
        }

        public bool AppendFormatted(ushort value, int alignment = 0, string format = null)
        {
            FormattedText.Unsigned(out FormattedText text, value, format);
            return Append(text, alignment);
        }

        public bool AppendFormatted(int value, int alignment = 0, string format = null)
        {
            FormattedText.Signed(out FormattedText text, value, sizeof(int), format);
            return Append(text, alignment);
        }

        public bool AppendFormatted(uint value, int alignment = 0, string format = null)
        {
            FormattedText.Unsigned(out FormattedText text, value, format);
            return Append(text, alignment);
        }

        public bool AppendFormatted(long value, int alignment = 0, string format = null)
        {
            FormattedText.Signed(out FormattedText text, value, sizeof(long), format);
            return Append(text, alignment);
        }

        public bool AppendFormatted(ulong value, int alignment = 0, string format = null)
        {
            FormattedText.Unsigned(out FormattedText text, value, format);
            return Append(text, alignment);
        }

        public bool AppendFormatted(float value, int alignment = 0, string format = null)
        {
            FormattedText.Float(out FormattedText text, value, format);
            return Append(text, alignment);
        }

        public bool AppendFormatted(Error value, int alignment = 0, string format = null)
        {
            ReadOnlySpan<byte> name = EnumText.Name(value, format, out FormattedText number);
            return name.IsEmpty ? Append(number, alignment) : AppendFormatted(name, alignment);
        }

        public bool AppendFormatted<T>(T value, int alignment = 0, string format = null) where T : struct, Enum
        {
            ReadOnlySpan<byte> name = EnumText.Name(value, format, out FormattedText number);
            return name.IsEmpty ? Append(number, alignment) : AppendFormatted(name, alignment);
        }

        private bool Append(in FormattedText text, int alignment) => AppendFormatted(text.Bytes, alignment);

        // The UTF-16 unit at value[i] (and, for a surrogate pair, the next one, moving i
        // past it) as UTF-8. A lone surrogate becomes U+FFFD, as .NET's encoder makes it.
        private bool AppendChar(string value, ref int i)
        {
            char c = value[i];
            if (c >= 0xD800 && c <= 0xDBFF && i + 1 < value.Length && value[i + 1] >= 0xDC00 && value[i + 1] <= 0xDFFF)
            {
                uint scalar = 0x10000 + ((uint)(c - 0xD800) << 10) + (uint)(value[++i] - 0xDC00);
                return Put((byte)(0xF0 | (scalar >> 18))) && Put((byte)(0x80 | ((scalar >> 12) & 0x3F)))
                    && Put((byte)(0x80 | ((scalar >> 6) & 0x3F))) && Put((byte)(0x80 | (scalar & 0x3F)));
            }
            return AppendScalar(c);
        }

        // One UTF-16 unit that is not half of a pair, as UTF-8.
        private bool AppendScalar(char c)
        {
            if (c < 0x80)
                return Put((byte)c);
            if (c < 0x800)
                return Put((byte)(0xC0 | (c >> 6))) && Put((byte)(0x80 | (c & 0x3F)));
            if (c >= 0xD800 && c <= 0xDFFF)
                c = '\uFFFD';
            return Put((byte)(0xE0 | (c >> 12))) && Put((byte)(0x80 | ((c >> 6) & 0x3F))) && Put((byte)(0x80 | (c & 0x3F)));
        }

        private bool Pad(int spaces)
        {
            for (int i = 0; i < spaces; i++)
            {
                if (!Put((byte)' '))
                    return false;
            }
            return true;
        }

        private bool Put(byte value)
        {
            if (_written == _destination.Length)
            {
                _failed = true;
                return false;
            }
            _destination[_written++] = value;
            return true;
        }
    }
}
