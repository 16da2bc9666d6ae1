// [InlineArray] and fixed-size buffers: arrays inside a struct, with no heap.
using System;
using System.Runtime.CompilerServices;
using Keel.UserLib.Testing;

namespace Conformance
{
    [InlineArray(8)]
    public struct Buffer8
    {
        private int _element0;
    }

    public unsafe struct Frame
    {
        public fixed byte Payload[16];
        public int Length;
    }

    public static class InlineArrays
    {
        [TestCase("an [InlineArray] indexed like an array")]
        public static void Indexing(ref Check check)
        {
            var buffer = new Buffer8();
            for (int i = 0; i < 8; i++)
                buffer[i] = i * 3;
            check.Equal(21, buffer[Opaque.Int(7)], "[7]");
        }

        [TestCase("an [InlineArray] as a Span and in foreach")]
        public static void AsSpan(ref Check check)
        {
            var buffer = new Buffer8();
            Span<int> span = buffer;
            span.Fill(Opaque.Int(2));
            int sum = 0;
            foreach (int v in buffer)
                sum += v;
            check.Equal(8, span.Length, "Length");
            check.Equal(16, sum, "sum");
        }

        [TestCase("a fixed-size buffer in a struct")]
        public static unsafe void FixedBuffer(ref Check check)
        {
            var frame = new Frame();
            for (int i = 0; i < 16; i++)
                frame.Payload[i] = (byte)(i + 1);
            frame.Length = 16;
            check.Equal(16u, frame.Payload[Opaque.Int(15)], "Payload[15]");
            check.Equal(20, sizeof(Frame), "sizeof(Frame)");
        }
    }
}
