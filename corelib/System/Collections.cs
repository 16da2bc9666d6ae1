// The non-generic enumeration interfaces, for `foreach` over an array: the C# compiler
// insists they exist (CS0518) though it lowers such a loop to indexing and calls
// neither. Nothing in firmware implements them (an enumerator object would need a
// heap); `foreach` over a span uses the span's own struct enumerator.
namespace System.Collections
{
    public interface IEnumerable
    {
        IEnumerator GetEnumerator();
    }

    public interface IEnumerator
    {
        object Current { get; }

        bool MoveNext();

        void Reset();
    }
}
