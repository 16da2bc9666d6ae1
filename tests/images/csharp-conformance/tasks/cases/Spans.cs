// Spans, stackalloc and pointers: buffers on the stack or over arrays, bounds-checked.
using System;
using Keel.UserLib.Testing;

namespace Conformance
{
    public static class Spans
    {
        private static readonly int[] s_values = new int[8];

        [TestCase("stackalloc into a Span")]
        public static void Stackalloc(ref Check check)
        {
            Span<uint> words = stackalloc uint[Opaque.Int(4)];
            for (int i = 0; i < words.Length; i++)
                words[i] = (uint)(i * i);
            check.Equal(9u, words[3], "[3]");
        }

        [TestCase("Slice and CopyTo")]
        public static void SliceAndCopy(ref Check check)
        {
            Span<byte> source = stackalloc byte[8];
            for (int i = 0; i < source.Length; i++)
                source[i] = (byte)(i + 1);
            Span<byte> target = stackalloc byte[3];
            source.Slice(Opaque.Int(2), 3).CopyTo(target);
            check.Equal(3u, target[0], "[0]");
            check.Equal(5u, target[2], "[2]");
        }

        [TestCase("Fill and Clear")]
        public static void FillAndClear(ref Check check)
        {
            Span<int> values = stackalloc int[5];
            values.Fill(Opaque.Int(7));
            values.Slice(3).Clear();
            check.Equal(7, values[2], "[2]");
            check.Equal(0, values[4], "[4]");
        }

        [TestCase("foreach over a span, by reference")]
        public static void ForeachSpan(ref Check check)
        {
            Span<int> values = stackalloc int[4];
            values.Fill(Opaque.Int(2));
            foreach (ref int v in values)
                v *= 3;
            check.Equal(24, Statics.Sum(values), "4 * 2 * 3");
        }

        [TestCase("a span over a static array")]
        public static void SpanOverArray(ref Check check)
        {
            var view = new Span<int>(s_values, 2, 3);
            view[Opaque.Int(0)] = 42;
            check.Equal(42, s_values[2], "written through the span");
        }

        [TestCase("ranges and indexes from the end on a span")]
        public static void Ranges(ref Check check)
        {
            ReadOnlySpan<byte> bytes = "keel-os"u8;
            ReadOnlySpan<byte> tail = bytes[5..];
            check.Equal(2, tail.Length, "bytes[5..]");
            check.Equal((uint)'s', bytes[^1], "bytes[^1]");
            check.Equal((uint)'e', bytes[1..3][Opaque.Int(1)], "bytes[1..3][1]");
        }

        [TestCase("pointers, stackalloc to a pointer, pointer arithmetic")]
        public static unsafe void Pointers(ref Check check)
        {
            int* p = stackalloc int[4];
            for (int i = 0; i < 4; i++)
                *(p + i) = i * 10;
            int* q = p + Opaque.Int(2);
            check.Equal(20, *q, "*(p + 2)");
            check.Equal(30, q[1], "q[1]");
        }

        [TestCase("fixed: pinning an array and a string")]
        public static unsafe void Fixed(ref Check check)
        {
            fixed (int* p = s_values)
                p[Opaque.Int(7)] = 77;
            int first;
            fixed (char* c = "keel")
                first = c[Opaque.Int(1)];
            check.Equal(77, s_values[7], "[7]");
            check.Equal('e', first, "'e'");
        }

        [TestCase("a span over a local through a pointer")]
        public static unsafe void SpanOverPointer(ref Check check)
        {
            ulong wide = Opaque.ULong(0x0807060504030201);
            var bytes = new ReadOnlySpan<byte>(&wide, 8);
            check.Equal(4u, bytes[3], "[3]");
        }
    }
}
