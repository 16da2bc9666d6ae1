// Types of .NET's library that firmware does not have, declared only so that a use of
// one is an error at its line that says what to write instead (docs/csharp.md, "Where a
// type is missing"), not the compiler's CS0246 "type or namespace not found". Each type
// and each member a program calls is marked [Obsolete(error: true)] with a Keel code:
// the compiler reports the code and the message at every use. None has a body that
// runs: nothing can use them and compile.
//
// KEEL1101: the growable collections, which allocate as they grow.
namespace System.Collections.Generic
{
    internal static class MissingCollection
    {
        internal const string Id = "KEEL1101";
        internal const string Grows = "grows on a heap, and firmware has no heap: ";
        internal const string Fixed = "use a fixed-capacity collection from Keel.UserLib.Collections over an inline array, ";

        internal const string List = "List<T> " + Grows + Fixed + "FixedList<T, Items16<T>> (or a Span<T> with a count)";
        internal const string Dictionary = "Dictionary<TKey, TValue> " + Grows + Fixed + "FixedMap<TKey, TValue, Items16<MapEntry<TKey, TValue>>> (or a switch over the keys, for constant data)";
        internal const string HashSet = "HashSet<T> " + Grows + Fixed + "FixedList<T, Items16<T>> and Contains, or a bit mask for small numbers";
        internal const string Queue = "Queue<T> " + Grows + Fixed + "RingBuffer<T, Items16<T>>";
        internal const string Stack = "Stack<T> " + Grows + Fixed + "FixedList<T, Items16<T>> (Add, and RemoveAt(Count - 1))";
    }

    [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
    public sealed class List<T>
    {
        public List() { }

        public List(int capacity) { }

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public int Count => 0;

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public T this[int index] { get => default; set { } }

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public void Add(T item) { }

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public void Insert(int index, T item) { }

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public bool Remove(T item) => false;

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public void RemoveAt(int index) { }

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public bool Contains(T item) => false;

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public int IndexOf(T item) => -1;

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public void Clear() { }

        [Obsolete(MissingCollection.List, error: true, DiagnosticId = MissingCollection.Id)]
        public Span<T>.Enumerator GetEnumerator() => default;
    }

    [Obsolete(MissingCollection.Dictionary, error: true, DiagnosticId = MissingCollection.Id)]
    public sealed class Dictionary<TKey, TValue>
    {
        public Dictionary() { }

        public Dictionary(int capacity) { }

        [Obsolete(MissingCollection.Dictionary, error: true, DiagnosticId = MissingCollection.Id)]
        public int Count => 0;

        [Obsolete(MissingCollection.Dictionary, error: true, DiagnosticId = MissingCollection.Id)]
        public TValue this[TKey key] { get => default; set { } }

        [Obsolete(MissingCollection.Dictionary, error: true, DiagnosticId = MissingCollection.Id)]
        public void Add(TKey key, TValue value) { }

        [Obsolete(MissingCollection.Dictionary, error: true, DiagnosticId = MissingCollection.Id)]
        public bool TryAdd(TKey key, TValue value) => false;

        [Obsolete(MissingCollection.Dictionary, error: true, DiagnosticId = MissingCollection.Id)]
        public bool TryGetValue(TKey key, out TValue value)
        {
            value = default;
            return false;
        }

        [Obsolete(MissingCollection.Dictionary, error: true, DiagnosticId = MissingCollection.Id)]
        public bool ContainsKey(TKey key) => false;

        [Obsolete(MissingCollection.Dictionary, error: true, DiagnosticId = MissingCollection.Id)]
        public bool Remove(TKey key) => false;

        [Obsolete(MissingCollection.Dictionary, error: true, DiagnosticId = MissingCollection.Id)]
        public void Clear() { }
    }

    [Obsolete(MissingCollection.HashSet, error: true, DiagnosticId = MissingCollection.Id)]
    public sealed class HashSet<T>
    {
        public HashSet() { }

        [Obsolete(MissingCollection.HashSet, error: true, DiagnosticId = MissingCollection.Id)]
        public int Count => 0;

        [Obsolete(MissingCollection.HashSet, error: true, DiagnosticId = MissingCollection.Id)]
        public bool Add(T item) => false;

        [Obsolete(MissingCollection.HashSet, error: true, DiagnosticId = MissingCollection.Id)]
        public bool Contains(T item) => false;

        [Obsolete(MissingCollection.HashSet, error: true, DiagnosticId = MissingCollection.Id)]
        public bool Remove(T item) => false;

        [Obsolete(MissingCollection.HashSet, error: true, DiagnosticId = MissingCollection.Id)]
        public void Clear() { }
    }

    [Obsolete(MissingCollection.Queue, error: true, DiagnosticId = MissingCollection.Id)]
    public sealed class Queue<T>
    {
        public Queue() { }

        [Obsolete(MissingCollection.Queue, error: true, DiagnosticId = MissingCollection.Id)]
        public int Count => 0;

        [Obsolete(MissingCollection.Queue, error: true, DiagnosticId = MissingCollection.Id)]
        public void Enqueue(T item) { }

        [Obsolete(MissingCollection.Queue, error: true, DiagnosticId = MissingCollection.Id)]
        public T Dequeue() => default;

        [Obsolete(MissingCollection.Queue, error: true, DiagnosticId = MissingCollection.Id)]
        public bool TryDequeue(out T item)
        {
            item = default;
            return false;
        }

        [Obsolete(MissingCollection.Queue, error: true, DiagnosticId = MissingCollection.Id)]
        public T Peek() => default;

        [Obsolete(MissingCollection.Queue, error: true, DiagnosticId = MissingCollection.Id)]
        public void Clear() { }
    }

    [Obsolete(MissingCollection.Stack, error: true, DiagnosticId = MissingCollection.Id)]
    public sealed class Stack<T>
    {
        public Stack() { }

        [Obsolete(MissingCollection.Stack, error: true, DiagnosticId = MissingCollection.Id)]
        public int Count => 0;

        [Obsolete(MissingCollection.Stack, error: true, DiagnosticId = MissingCollection.Id)]
        public void Push(T item) { }

        [Obsolete(MissingCollection.Stack, error: true, DiagnosticId = MissingCollection.Id)]
        public T Pop() => default;

        [Obsolete(MissingCollection.Stack, error: true, DiagnosticId = MissingCollection.Id)]
        public T Peek() => default;
    }
}
