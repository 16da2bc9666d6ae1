// A list of at most Capacity items held in the list itself (an inline array, TItems:
// Items16<T> and the like), for what a List<T> does in firmware: readings to average,
// the pending requests of a server. Adding to a full list is refused (TryAdd) or a
// panic (Add), never a reallocation; indexes past Count are a panic like an array's.
//
//     static FixedList<Reading, Items16<Reading>> s_readings;
//     if (!s_readings.TryAdd(reading)) …
//     foreach (ref Reading r in s_readings.AsSpan()) …
using System;
using Keel.Runtime;

namespace Keel.UserLib.Collections
{
    public struct FixedList<T, TItems> where T : unmanaged where TItems : struct
    {
        private TItems _items;
        private int _count;

        public static int Capacity => Storage.Capacity<T, TItems>();

        public readonly int Count => _count;

        public readonly bool IsFull => _count == Capacity;

        public ref T this[int index] => ref AsSpan()[index];

        // The items, in order; a span over the list where it lies.
        public Span<T> AsSpan() => Storage.Span<T, TItems>(ref _items, _count);

        public bool TryAdd(T item)
        {
            if (IsFull)
                return false;
            _count++;
            this[_count - 1] = item;
            return true;
        }

        public void Add(T item)
        {
            if (!TryAdd(item))
                Panic.Fail("FixedList is full");
        }

        // Removes the item at `index`, moving the later ones down (their order kept).
        public void RemoveAt(int index)
        {
            Storage.CheckIndex(index, _count);
            Span<T> items = AsSpan();
            for (int i = index; i < _count - 1; i++)
                items[i] = items[i + 1];
            _count--;
        }

        public int IndexOf(T item)
        {
            Span<T> items = AsSpan();
            for (int i = 0; i < items.Length; i++)
            {
                if (Storage.SameBytes(items[i], item))
                    return i;
            }
            return -1;
        }

        public bool Contains(T item) => IndexOf(item) >= 0;

        public bool Remove(T item)
        {
            int index = IndexOf(item);
            if (index < 0)
                return false;
            RemoveAt(index);
            return true;
        }

        public void Clear() => _count = 0;
    }
}
