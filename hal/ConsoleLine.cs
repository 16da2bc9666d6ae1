// A line of console text composed before it is written, so that it goes into the
// console's queue as one text: whole or not at all (ConsoleQueue drops a text that
// does not fit), never cut where one of its parts did not fit. The kernel's reports
// are composed this way; numbers too, so that each comes out whole.
//
// The caller owns the storage (stackalloc; the kernel does not allocate). Text past
// the capacity is left out, so a report with an unexpectedly long part stays a line.
//
// Portable (no registers), so the host tests compose lines with it
// (tests/Keel.Kernel.Tests/ConsoleQueueTests.cs).
using System.Runtime.CompilerServices;

namespace Keel.Hal
{
    public unsafe struct ConsoleLine
    {
        private readonly char* _chars;
        private readonly int _capacity;

        public ConsoleLine(char* storage, int capacity)
        {
            _chars = storage;
            _capacity = capacity;
            Length = 0;
        }

        public int Length { get; private set; }

        public char* Chars => _chars;

        public void Append(char c)
        {
            if (Length < _capacity)
                _chars[Length++] = c;
        }

        // Not inlined: the kernel's reports call it once per part, and each inlined copy
        // of the loop cost about a hundred bytes of flash (ReportUnhandledFault was
        // 1.4 KB); these are cold paths, where a call costs nothing that matters.
        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Append(string text)
        {
            for (int i = 0; i < text.Length; i++)
                Append(text[i]);
        }

        public void AppendDecimal(uint value)
        {
            char* digits = stackalloc char[10];
            int count = 0;
            do
            {
                digits[count++] = (char)('0' + value % 10);
                value /= 10;
            }
            while (value != 0);
            while (count > 0)
                Append(digits[--count]);
        }

        // 0x-prefixed, eight digits: the form fault reports and addresses use.
        public void AppendHex(uint value)
        {
            Append("0x");
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                uint nibble = (value >> shift) & 0xF;
                Append((char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10));
            }
        }
    }
}
