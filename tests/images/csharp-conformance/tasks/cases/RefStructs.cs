// ref structs, ref fields, ref locals and returns, scoped.
using System;
using Keel.UserLib.Testing;

namespace Conformance
{
    public ref struct ByteReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private int _position;

        public ByteReader(ReadOnlySpan<byte> data)
        {
            _data = data;
            _position = 0;
        }

        public bool TryRead(out byte value)
        {
            if (_position >= _data.Length)
            {
                value = 0;
                return false;
            }
            value = _data[_position++];
            return true;
        }
    }

    public ref struct Accumulator
    {
        private ref int _total;

        public Accumulator(ref int total) => _total = ref total;

        public void Add(int value) => _total += value;
    }

    public interface IReadsBytes
    {
        int Remaining { get; }
    }

    public ref struct CountingReader : IReadsBytes
    {
        public ReadOnlySpan<byte> Data;

        public int Remaining => Data.Length;
    }

    public static class RefStructs
    {
        private static readonly int[] s_cells = new int[4];

        [TestCase("a ref struct holding a span")]
        public static void SpanHolder(ref Check check)
        {
            var reader = new ByteReader("abc"u8);
            int sum = 0;
            while (reader.TryRead(out byte b))
                sum += b;
            check.Equal('a' + 'b' + 'c', sum, "sum of the bytes");
        }

        [TestCase("a ref field")]
        public static void RefField(ref Check check)
        {
            int total = Opaque.Int(1);
            var acc = new Accumulator(ref total);
            acc.Add(2);
            acc.Add(3);
            check.Equal(6, total, "written through the ref field");
        }

        [TestCase("ref locals and ref returns")]
        public static void RefReturn(ref Check check)
        {
            ref int cell = ref Cell(Opaque.Int(2));
            cell = 9;
            Cell(2)++;
            check.Equal(10, s_cells[2], "s_cells[2]");
        }

        private static ref int Cell(int index) => ref s_cells[index];

        [TestCase("ref readonly and scoped parameters")]
        public static void ScopedAndReadonly(ref Check check)
        {
            int value = Opaque.Int(4);
            Span<int> local = stackalloc int[2];
            check.Equal(8, Doubled(in value), "ref readonly");
            check.Equal(2, Fill(local), "scoped span");
        }

        private static int Doubled(ref readonly int value) => value * 2;

        private static int Fill(scoped Span<int> span)
        {
            span.Fill(1);
            return span[0] + span[1];
        }

        [TestCase("a ref struct implementing an interface, through allows ref struct")]
        public static void RefStructInterface(ref Check check)
        {
            var reader = new CountingReader { Data = "four"u8 };
            check.Equal(4, Remaining(reader), "Remaining");
        }

        private static int Remaining<T>(T reader) where T : IReadsBytes, allows ref struct => reader.Remaining;
    }
}
