// A first-in first-out queue of at most Capacity items held in the buffer itself (an
// inline array, TItems: Items16<T> and the like), for what a Queue<T> does in firmware:
// bytes between an interrupt and the task, the last N samples. When it is full,
// TryEnqueue refuses the new item and EnqueueOverwritingOldest drops the oldest.
//
//     static RingBuffer<byte, Items64<byte>> s_received;
//     s_received.TryEnqueue(b);
//     while (s_received.TryDequeue(out byte next)) …
namespace Keel.UserLib.Collections
{
    public struct RingBuffer<T, TItems> where T : unmanaged where TItems : struct
    {
        private TItems _items;
        private int _head;   // the oldest item's slot
        private int _count;

        public static int Capacity => Storage.Capacity<T, TItems>();

        public readonly int Count => _count;

        public readonly bool IsEmpty => _count == 0;

        public readonly bool IsFull => _count == Capacity;

        // The item `index` places after the oldest (0: the oldest, Count - 1: the newest).
        public ref T this[int index]
        {
            get
            {
                Storage.CheckIndex(index, _count);
                return ref Slot(_head + index);
            }
        }

        public bool TryEnqueue(T item)
        {
            if (IsFull)
                return false;
            Slot(_head + _count) = item;
            _count++;
            return true;
        }

        // Adds `item`; when the buffer is full, the oldest item makes room for it.
        public void EnqueueOverwritingOldest(T item)
        {
            if (TryEnqueue(item))
                return;
            Slot(_head) = item;
            _head = Wrap(_head + 1);
        }

        public bool TryDequeue(out T item)
        {
            if (!TryPeek(out item))
                return false;
            _head = Wrap(_head + 1);
            _count--;
            return true;
        }

        public bool TryPeek(out T item)
        {
            item = IsEmpty ? default : Slot(_head);
            return !IsEmpty;
        }

        public void Clear()
        {
            _head = 0;
            _count = 0;
        }

        private ref T Slot(int position) => ref Storage.Span<T, TItems>(ref _items, Capacity)[Wrap(position)];

        private static int Wrap(int position) => position >= Capacity ? position - Capacity : position;
    }
}
