// The console's transmit queue: a ring of bytes between the writers (the kernel's own
// reports and the tasks' DebugWrite text) and the console USART, which takes them one
// at a time as its transmitter frees up (Console.cs).
//
// Design:
// - Fixed size, no allocation: the storage is an array of Capacity bytes that the
//   console owns as a static field (built at compile time). Capacity is a power of two,
//   so the two positions are free-running counters masked into the array, and
//   `tail - head` is the fill level even after they wrap.
// - A writer is never waited for, because the writer is the kernel: a text goes in
//   whole or not at all. One that does not fit is dropped, and the next text that goes
//   in is preceded by DropMark, so whoever reads the console knows something is
//   missing. (Whole texts, so that what does come out is never a text cut in two.)
// - Tasks may fill the ring only up to KernelShare bytes below full (`keepFree`), so
//   a task that writes without pause cannot crowd out the kernel's own reports: a
//   fault report ("keel: task … faulted …") is about 150 bytes.
// - Characters are converted on the way in, as a terminal wants them: '\n' becomes
//   "\r\n", and anything outside printable ASCII (control characters such as a bare
//   '\r', ESC or BEL, and everything past 0x7E) becomes '?', so a task's text cannot
//   move the cursor, rewrite a line the kernel printed or drive the terminal. A text of n characters with k line
//   ends takes n + k bytes.
// - The text is read twice (measured, then copied). That is safe for a task's text
//   because the kernel runs with every task stopped.
//
// Portable (no registers), so the host tests drive it directly
// (tests/Keel.Kernel.Tests/ConsoleQueueTests.cs).
namespace Keel.Hal
{
    public unsafe struct ConsoleQueue
    {
        // 1 KiB: two of the longest DebugWrite texts (256 characters, all line ends:
        // 512 bytes), or about 89 ms of output at 115200 baud.
        public const int Capacity = 1024;
        public const int KernelShare = 256;
        public const string DropMark = "\n[keel: console full, text dropped]\n";
        private const uint Mask = Capacity - 1;

        private readonly byte[] _storage;
        private uint _head, _tail;
        private bool _dropped;

        // `storage`: Capacity bytes.
        public ConsoleQueue(byte[] storage)
        {
            _storage = storage;
            _head = 0;
            _tail = 0;
            _dropped = false;
        }

        public int Count => (int)(_tail - _head);

        public bool IsEmpty => _tail == _head;

        public int Free => Capacity - Count;

        // Queues `text` if, with the drop mark it may owe, it leaves at least
        // `keepFree` bytes free; otherwise queues nothing and returns false.
        public bool TryWrite(char* text, int length, int keepFree)
        {
            int needed = EncodedLength(text, length);
            if (_dropped)
            {
                fixed (char* mark = DropMark)
                    needed += EncodedLength(mark, DropMark.Length);
            }
            if (needed > Free - keepFree)
            {
                _dropped = true;
                return false;
            }
            if (_dropped)
            {
                fixed (char* mark = DropMark)
                    Put(mark, DropMark.Length);
                _dropped = false;
            }
            Put(text, length);
            return true;
        }

        public bool TryTake(out byte value)
        {
            if (IsEmpty)
            {
                value = 0;
                return false;
            }
            value = _storage[_head & Mask];
            _head++;
            return true;
        }

        private static int EncodedLength(char* text, int length)
        {
            int bytes = length;
            for (int i = 0; i < length; i++)
            {
                if (text[i] == '\n')
                    bytes++;
            }
            return bytes;
        }

        // The caller has checked that the encoded text fits. The position lives in a
        // local and the storage is reached by pointer, so the compiler keeps both in
        // registers: this loop is most of a DebugWrite's time in the kernel.
        private void Put(char* text, int length)
        {
            uint tail = _tail;
            fixed (byte* storage = _storage)
            {
                for (int i = 0; i < length; i++)
                {
                    char c = text[i];
                    if (c == '\n')
                        storage[tail++ & Mask] = (byte)'\r';
                    storage[tail++ & Mask] = (c >= ' ' && c <= '~') || c == '\n' || c == '\t' ? (byte)c : (byte)'?';
                }
            }
            _tail = tail;
        }
    }
}
