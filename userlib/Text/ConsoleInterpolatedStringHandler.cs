// `Console.WriteLine($"temp {t:F1} C, {n} samples, status {status}")` without a string:
// the compiler turns the interpolated string into calls on this handler, which lives in
// the caller's frame and gathers the text in a Capacity-byte buffer there; WriteLine
// adds the line end and hands the whole to the kernel in one DebugWrite (docs/abi.md),
// so the line reaches the console unbroken by other tasks' text. A longer text goes out
// a buffer at a time. Holes are formatted as by Utf8.TryWrite (FormattedText, EnumText).
//
// Each Append call is kept out of line, so that what a hole needs while it is formatted
// (a FormattedText, the digits) is on the stack only during that call, and the caller's
// frame holds the handler alone (docs/csharp.md gives the figures).
//
// The buffer holds ASCII, widened to the console's UTF-16 when it is written: a
// character past ASCII in a string goes to the console on its own, after what is
// buffered; a u8 span is taken as ASCII, as Console.Write(ReadOnlySpan<byte>) takes it.
using System;
using System.Runtime.CompilerServices;
using Keel.Kernel;
using Keel.UserLib.Text;

namespace Keel.UserLib
{
    [InterpolatedStringHandler]
    public unsafe ref struct ConsoleInterpolatedStringHandler
    {
        public const int Capacity = 64;

        private fixed byte _text[Capacity];
        private int _length;

        public ConsoleInterpolatedStringHandler(int literalLength, int formattedCount) => _length = 0;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendLiteral(string value) => AppendFormatted(value);

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(string value, int alignment = 0)
        {
            Alignment.Padding(alignment, value.Length, out int before, out int after);
            Pad(before);
            for (int i = 0; i < value.Length; i++)
                Put(value[i]);
            Pad(after);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(ReadOnlySpan<byte> ascii, int alignment = 0)
        {
            Alignment.Padding(alignment, ascii.Length, out int before, out int after);
            Pad(before);
            for (int i = 0; i < ascii.Length; i++)
                Put((char)ascii[i]);
            Pad(after);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(char value, int alignment = 0)
        {
            Alignment.Padding(alignment, 1, out int before, out int after);
            Pad(before);
            Put(value);
            Pad(after);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(bool value, int alignment = 0)
        {
            FormattedText.Boolean(out FormattedText text, value);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(sbyte value, int alignment = 0, string format = null)
        {
            FormattedText.Signed(out FormattedText text, value, sizeof(sbyte), format);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(byte value, int alignment = 0, string format = null)
        {
            FormattedText.Unsigned(out FormattedText text, value, format);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(short value, int alignment = 0, string format = null)
        {
            FormattedText.Signed(out FormattedText text, value, sizeof(short), format);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(ushort value, int alignment = 0, string format = null)
        {
            FormattedText.Unsigned(out FormattedText text, value, format);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(int value, int alignment = 0, string format = null)
        {
            FormattedText.Signed(out FormattedText text, value, sizeof(int), format);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(uint value, int alignment = 0, string format = null)
        {
            FormattedText.Unsigned(out FormattedText text, value, format);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(long value, int alignment = 0, string format = null)
        {
            FormattedText.Signed(out FormattedText text, value, sizeof(long), format);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(ulong value, int alignment = 0, string format = null)
        {
            FormattedText.Unsigned(out FormattedText text, value, format);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(float value, int alignment = 0, string format = null)
        {
            FormattedText.Float(out FormattedText text, value, format);
            Append(text, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted(Error value, int alignment = 0, string format = null)
        {
            ReadOnlySpan<byte> name = EnumText.Name(value, format, out FormattedText number);
            if (name.IsEmpty)
                Append(number, alignment);
            else
                AppendFormatted(name, alignment);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void AppendFormatted<T>(T value, int alignment = 0, string format = null) where T : struct, Enum
        {
            ReadOnlySpan<byte> name = EnumText.Name(value, format, out FormattedText number);
            if (name.IsEmpty)
                Append(number, alignment);
            else
                AppendFormatted(name, alignment);
        }

        // Console.Write's end: what is still buffered goes out.
        internal void Flush()
        {
            if (_length == 0)
                return;
            char* chars = stackalloc char[Capacity];
            for (int i = 0; i < _length; i++)
                chars[i] = (char)_text[i];
            Console.Write(chars, _length);
            _length = 0;
        }

        // Console.WriteLine's end: the line end, then the rest of the line, in one write
        // when the line fitted in the buffer.
        internal void FlushLine()
        {
            Put('\n');
            Flush();
        }

        private void Append(in FormattedText text, int alignment) => AppendFormatted(text.Bytes, alignment);

        private void Pad(int spaces)
        {
            for (int i = 0; i < spaces; i++)
                Put(' ');
        }

        private void Put(char c)
        {
            if (c >= 0x80)
            {
                Flush();
                Console.Write(c);
                return;
            }
            if (_length == Capacity)
                Flush();
            _text[_length++] = (byte)c;
        }
    }
}
