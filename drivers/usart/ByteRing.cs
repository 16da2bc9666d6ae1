// A bounded first-in first-out queue of bytes over storage the caller owns (a static
// array in the task, sized at build, so nothing is allocated): the USART driver's
// transmit and receive buffers. Put and Take move as many bytes as fit or as there
// are, never more, and never wait.
using System;

namespace Keel.Drivers.Usart
{
    public struct ByteRing
    {
        private readonly byte[] _storage;
        private int _first;
        private int _count;

        public ByteRing(byte[] storage)
        {
            _storage = storage;
            _first = 0;
            _count = 0;
        }

        public int Capacity => _storage.Length;

        public int Count => _count;

        public int Free => _storage.Length - _count;

        public bool IsEmpty => _count == 0;

        public bool TryPut(byte value)
        {
            if (_count == _storage.Length)
                return false;
            int last = _first + _count;
            if (last >= _storage.Length)
                last -= _storage.Length;
            _storage[last] = value;
            _count++;
            return true;
        }

        public bool TryTake(out byte value)
        {
            if (_count == 0)
            {
                value = 0;
                return false;
            }
            value = _storage[_first];
            _first++;
            if (_first == _storage.Length)
                _first = 0;
            _count--;
            return true;
        }

        // Appends bytes from the start of `data` while there is room; returns how many.
        public int Put(ReadOnlySpan<byte> data)
        {
            int moved = 0;
            while (moved < data.Length && TryPut(data[moved]))
                moved++;
            return moved;
        }

        // Moves the oldest bytes into the start of `destination`; returns how many.
        public int Take(Span<byte> destination)
        {
            int moved = 0;
            while (moved < destination.Length && TryTake(out byte value))
                destination[moved++] = value;
            return moved;
        }
    }
}
