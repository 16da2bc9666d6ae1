// Index and Range, for `span[^1]` and `span[2..5]`: the C# compiler lowers both to the
// span's Length, indexer and Slice, and needs only these types to exist and to say
// where an index points.
namespace System
{
    public readonly struct Index
    {
        // Zero or positive: from the start; complemented (negative): from the end.
        private readonly int _value;

        public Index(int value, bool fromEnd = false)
        {
            if (value < 0)
                Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowArgumentOutOfRangeException();
            _value = fromEnd ? ~value : value;
        }

        public static Index Start => default;

        public static Index End => new Index(0, fromEnd: true);

        public int Value => _value < 0 ? ~_value : _value;

        public bool IsFromEnd => _value < 0;

        public static Index FromStart(int value) => new Index(value);

        public static Index FromEnd(int value) => new Index(value, fromEnd: true);

        public int GetOffset(int length) => IsFromEnd ? length + _value + 1 : _value;

        public static implicit operator Index(int value) => FromStart(value);
    }

    public readonly struct Range
    {
        public Range(Index start, Index end)
        {
            Start = start;
            End = end;
        }

        public Index Start { get; }

        public Index End { get; }

        public static Range All => new Range(Index.Start, Index.End);

        public static Range StartAt(Index start) => new Range(start, Index.End);

        public static Range EndAt(Index end) => new Range(Index.Start, end);
    }
}
