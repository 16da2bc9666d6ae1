// A task's console: text goes to the kernel through the platform call DebugWrite
// (docs/abi.md), which checks that the text lies in the task's own memory and prints
// it on the board's console. Numbers are formatted here, without allocation.
//
// Every write leaves through one symbol, keel_console_write (ConsoleOutput.cs: a host
// build, Keel.Testing, takes the text there instead), which Arm/Console.S
// defines weakly as the kernel's debug console. A task whose app.toml gives its
// console to a USART driver (`console = "<task>"`, docs/drivers.md) has its generated
// Caps.g.cs define the symbol instead (Keel.Drivers.UsartConsole), and its link takes
// that one: the same Console API, the text on the driver's USART.
using System;
using System.Runtime.InteropServices;
using Keel.Kernel;

namespace Keel.UserLib
{
    public static unsafe class Console
    {
        public static void Write(string text)
        {
            fixed (char* chars = text)
                Write(chars, text.Length);
        }

        public static void Write(char* text, int length) => ConsoleOutput.Write(text, length);

        // The kernel's debug console, whatever the task's console is.
        public static void WriteToDebugConsole(char* text, int length) => Syscall.DebugWrite(text, length);

        // The default keel_console_write branches here (Arm/Console.S).
        [UnmanagedCallersOnly(EntryPoint = "keel_debug_console_write")]
        private static void DebugConsoleWrite(char* text, int length) => WriteToDebugConsole(text, length);

        public static void Write(char c) => Write(&c, 1);

        // ASCII text held in flash (a u8 literal: no RAM, unlike a string literal),
        // widened to the console's UTF-16 a stack buffer at a time.
        public static void Write(ReadOnlySpan<byte> ascii)
        {
            const int Chunk = 32;
            char* chars = stackalloc char[Chunk];
            for (int start = 0; start < ascii.Length; start += Chunk)
            {
                int count = ascii.Length - start < Chunk ? ascii.Length - start : Chunk;
                for (int i = 0; i < count; i++)
                    chars[i] = (char)ascii[start + i];
                Write(chars, count);
            }
        }

        // A system call's status by its name ("EmptySlot"), as kernel/Errors.cs spells it.
        public static void Write(Error status) => Write(ErrorNames.Name(status));

        public static void WriteLine(string text)
        {
            Write(text);
            WriteLine();
        }

        public static void WriteLine() => Write('\n');

        // `$"…"` with holes, formatted on the caller's stack (Text/ConsoleInterpolatedStringHandler.cs).
        public static void Write(ref ConsoleInterpolatedStringHandler text) => text.Flush();

        public static void WriteLine(ref ConsoleInterpolatedStringHandler text) => text.FlushLine();

        // `text`, the status's name and a line end: how a task reports an outcome.
        public static void WriteLine(string text, Error status)
        {
            Write(text);
            Write(status);
            WriteLine();
        }

        public static void WriteDecimal(uint value)
        {
            char* digits = stackalloc char[10];
            int count = 10;
            do
            {
                digits[--count] = (char)('0' + value % 10);
                value /= 10;
            }
            while (value != 0);
            Write(digits + count, 10 - count);
        }

        public static void WriteHex(uint value)
        {
            char* digits = stackalloc char[10];
            digits[0] = '0';
            digits[1] = 'x';
            for (int i = 0; i < 8; i++)
            {
                uint nibble = (value >> (28 - 4 * i)) & 0xF;
                digits[2 + i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            }
            Write(digits, 10);
        }
    }

    // The core library's panic path in a task: say why and where, then fault. The
    // fault's stacked lr is `caller` (keel_task_abort sets it), so the kernel's or the
    // supervisor's fault report names the method that failed too, not this one.
    internal static unsafe class TaskPanic
    {
        [DllImport("*", EntryPoint = "keel_task_abort")]
        [SuppressGCTransition]
        private static extern void Abort(uint caller);

        private static bool s_panicking;

        // `caller`: the return address into the method that failed, or 0 (Keel.Runtime.Panic).
        // A panic while one is being reported (a failed check in the console code) aborts
        // at once: the report cannot recurse, which bounds the task's worst-case stack
        // (tools/Keel.BuildTool/StackDepth.cs).
        [UnmanagedCallersOnly(EntryPoint = "keel_panic")]
        private static void OnPanic(char* reason, int length, uint caller)
        {
            if (s_panicking)
                Abort(caller);
            s_panicking = true;
            Console.Write("PANIC: ");
            Console.Write(reason, length);
            if (caller != 0)
            {
                Console.Write(", caller ");
                Console.WriteHex(caller);
            }
            Console.Write('\n');
            Abort(caller);
        }
    }
}
