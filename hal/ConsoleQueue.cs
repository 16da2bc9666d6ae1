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
//   move the cursor, rewrite a line the kernel printed or drive the terminal.
// - Every line has one writer, and a task's lines say which (issue 29): the queue puts
//   the task's name and ": " before each line a task's text starts, and ends the line
//   in progress ("\r\n") before a text of another writer, the kernel's or another
//   task's. So a task can neither glue its text to the start of a kernel report (the
//   report would end its line) nor begin a line that looks like the kernel's (the
//   line begins with its name, and no task is named `keel`: the build refuses it).
//   Whoever reads the console can tell the kernel's lines from each task's
//   (tests/Keel.Emulation/ConsoleTranscript.cs). The kernel's own text is not
//   prefixed: its reports begin "keel: ", "PANIC: ", "kernel ", or " " (a register
//   dump).
// - The text is read twice (measured, then copied). That is safe for a task's text
//   because the kernel runs with every task stopped.
//
// Portable (no registers), so the host tests drive it directly
// (tests/Keel.Kernel.Tests/ConsoleQueueTests.cs).
namespace Keel.Hal
{
    public unsafe struct ConsoleQueue
    {
        // 1 KiB: three of the longest DebugWrite texts of one line (256 characters and a
        // task's name), or about 89 ms of output at 115200 baud.
        public const int Capacity = 1024;
        public const int KernelShare = 256;
        // A line of its own: the line in progress, whoever wrote it, is ended first.
        public const string DropMark = "[keel: console full, text dropped]\n";
        private const uint Mask = Capacity - 1;

        // Writers of the line in progress (_lineWriter) besides tasks, which are their
        // index: none (the next byte starts a line), the kernel, and the drop mark, which
        // no line in progress ever has as its writer.
        private const int NoLine = -1;
        private const int Kernel = -2;
        private const int Mark = -3;

        private readonly byte[] _storage;
        private uint _head, _tail;
        private bool _dropped;
        private int _lineWriter;

        // `storage`: Capacity bytes.
        public ConsoleQueue(byte[] storage)
        {
            _storage = storage;
            _head = 0;
            _tail = 0;
            _dropped = false;
            _lineWriter = NoLine;
        }

        public int Count => (int)(_tail - _head);

        public bool IsEmpty => _tail == _head;

        public int Free => Capacity - Count;

        // The kernel's text: queued if, with the drop mark it may owe, it leaves at least
        // `keepFree` bytes free; otherwise nothing is queued and the result is false.
        public bool TryWrite(char* text, int length, int keepFree) => TryWrite(Kernel, null, 0, text, length, keepFree);

        // Task `task`'s text, each of its lines begun with `name` and ": "; as TryWrite.
        public bool TryWriteFromTask(int task, char* name, int nameLength, char* text, int length, int keepFree) =>
            TryWrite(task, name, nameLength, text, length, keepFree);

        private bool TryWrite(int writer, char* name, int nameLength, char* text, int length, int keepFree)
        {
            if (length == 0)
                return true;
            // After the drop mark, a line of its own, the text starts a line.
            int needed = EncodedLength(writer, _dropped ? NoLine : _lineWriter, nameLength, text, length);
            if (_dropped)
            {
                fixed (char* mark = DropMark)
                    needed += EncodedLength(Mark, _lineWriter, 0, mark, DropMark.Length);
            }
            if (needed > Free - keepFree)
            {
                _dropped = true;
                return false;
            }
            if (_dropped)
            {
                fixed (char* mark = DropMark)
                    Put(Mark, null, 0, mark, DropMark.Length);
                _dropped = false;
            }
            Put(writer, name, nameLength, text, length);
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

        // Whether `writer`'s text must first end the line in progress, `lineWriter`'s.
        private static bool EndsOpenLine(int writer, int lineWriter) => lineWriter != NoLine && lineWriter != writer;

        // The bytes Put queues for the text, with `lineWriter` the writer of the line in
        // progress: a line end for that line, "\r" for each line end, and for a task the
        // name and ": " before each line it starts.
        private static int EncodedLength(int writer, int lineWriter, int nameLength, char* text, int length)
        {
            bool endsOpenLine = EndsOpenLine(writer, lineWriter);
            int lineEnds = 0;
            for (int i = 0; i < length; i++)
            {
                if (text[i] == '\n')
                    lineEnds++;
            }
            int bytes = length + lineEnds + (endsOpenLine ? 2 : 0);
            if (writer >= 0)
            {
                // Lines started: one at each line end but a last one, and the first when
                // the text does not continue the task's own line.
                int starts = lineEnds - (text[length - 1] == '\n' ? 1 : 0) + (lineWriter == writer ? 0 : 1);
                bytes += starts * (nameLength + 2);
            }
            return bytes;
        }

        // The caller has checked that the encoded text fits (EncodedLength). The position
        // lives in a local and the storage is reached by pointer, so the compiler keeps
        // both in registers: this loop is most of a DebugWrite's time in the kernel.
        private void Put(int writer, char* name, int nameLength, char* text, int length)
        {
            uint tail = _tail;
            fixed (byte* storage = _storage)
            {
                if (EndsOpenLine(writer, _lineWriter))
                {
                    storage[tail++ & Mask] = (byte)'\r';
                    storage[tail++ & Mask] = (byte)'\n';
                }
                bool lineStart = _lineWriter != writer;
                for (int i = 0; i < length; i++)
                {
                    if (lineStart && writer >= 0)
                    {
                        for (int j = 0; j < nameLength; j++)
                            storage[tail++ & Mask] = (byte)name[j];
                        storage[tail++ & Mask] = (byte)':';
                        storage[tail++ & Mask] = (byte)' ';
                    }
                    char c = text[i];
                    lineStart = c == '\n';
                    if (lineStart)
                        storage[tail++ & Mask] = (byte)'\r';
                    storage[tail++ & Mask] = (c >= ' ' && c <= '~') || lineStart || c == '\t' ? (byte)c : (byte)'?';
                }
                _lineWriter = lineStart ? NoLine : writer;
            }
            _tail = tail;
        }
    }
}
