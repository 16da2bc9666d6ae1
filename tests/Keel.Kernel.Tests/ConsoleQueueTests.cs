// The console's transmit queue (hal/ConsoleQueue.cs, issue 13 F8): what DebugWrite and
// the kernel's reports put in, before the USART's interrupt takes it out. A writer is
// the kernel, so it is never waited for: text goes in whole or is dropped, tasks keep
// out of the kernel's share, and a drop is marked in the output. Every line has one
// writer: a task's lines begin with its name, and a text of another writer ends the
// line in progress first (issue 29).
using System.Text;
using Keel.Hal;
using Xunit;

namespace Keel.Kernel.Tests;

public unsafe class ConsoleQueueTests
{
    const int TaskShare = ConsoleQueue.KernelShare;

    static ConsoleQueue NewQueue() => new(new byte[ConsoleQueue.Capacity]);

    static bool Write(ref ConsoleQueue queue, string text, int keepFree)
    {
        fixed (char* chars = text)
            return queue.TryWrite(chars, text.Length, keepFree);
    }

    // Task `task`'s text, as DebugWrite queues it.
    static bool WriteFromTask(ref ConsoleQueue queue, int task, string name, string text)
    {
        fixed (char* chars = text)
        fixed (char* nameChars = name)
            return queue.TryWriteFromTask(task, nameChars, name.Length, chars, text.Length, TaskShare);
    }

    static string Drain(ref ConsoleQueue queue)
    {
        var output = new StringBuilder();
        while (queue.TryTake(out byte value))
            output.Append((char)value);
        return output.ToString();
    }

    // What the queue makes of text on its way in.
    static string Encoded(string text) => text.Replace("\n", "\r\n");

    [Fact]
    public void TextComesOutInOrderWithTerminalLineEnds()
    {
        var queue = NewQueue();

        Assert.True(Write(ref queue, "task: hello\n", TaskShare));
        Assert.True(Write(ref queue, "keel: caf\u00e9\n", 0));

        Assert.Equal("task: hello\r\nkeel: caf?\r\n", Drain(ref queue));
        Assert.True(queue.IsEmpty);
        Assert.False(queue.TryTake(out _));
    }

    [Fact]
    public void ControlCharactersCannotRewriteTheConsole()
    {
        var queue = NewQueue();

        // A bare carriage return, an ANSI escape that erases the line, BEL, NUL and DEL:
        // a task must not be able to overwrite or erase what the kernel printed.
        Assert.True(Write(ref queue, "ok\r\u001b[2Kkeel: fake\u0007\u0000\u007f\tend\n", TaskShare));

        Assert.Equal("ok??[2Kkeel: fake???\tend\r\n", Drain(ref queue));
    }

    [Fact]
    public void ATextThatDoesNotFitIsDroppedWholeAndTheWriterIsNotHeld()
    {
        var queue = NewQueue();
        string line = new string('a', 254) + "\n"; // 256 bytes
        int accepted = 0;
        while (Write(ref queue, line, TaskShare))
            accepted++;

        // Three lines fill the queue up to the kernel's share (768 of 1024 bytes); the
        // fourth, which would have cut into it, left nothing behind.
        Assert.Equal(3, accepted);
        Assert.Equal(3 * 256, queue.Count);
        Assert.Equal(Encoded(line) + Encoded(line) + Encoded(line), Drain(ref queue));
    }

    [Fact]
    public void TasksCannotCrowdOutTheKernelsReports()
    {
        var queue = NewQueue();
        while (Write(ref queue, "x", TaskShare)) { }
        Assert.Equal(TaskShare, queue.Free);

        string report = "keel: task a-rather-long-task-name faulted (memory access) at pc 0x08001234, address 0x20007000, and has no fault handler: suspended\n";
        Assert.True(Write(ref queue, report, 0));
        Assert.EndsWith(Encoded(report), Drain(ref queue));
    }

    [Fact]
    public void TheTextAfterADropIsMarkedOnce()
    {
        var queue = NewQueue();
        while (Write(ref queue, "0123456789", TaskShare)) { }
        Drain(ref queue);

        Assert.True(Write(ref queue, "next\n", TaskShare));
        Assert.True(Write(ref queue, "and on\n", TaskShare));

        // The last text that went in left its line open: the mark ends it.
        Assert.Equal("\r\n" + Encoded(ConsoleQueue.DropMark) + "next\r\nand on\r\n", Drain(ref queue));
    }

    [Fact]
    public void EachLineOfATasksTextBeginsWithItsName()
    {
        var queue = NewQueue();

        Assert.True(WriteFromTask(ref queue, 0, "sensor", "reading\n"));
        Assert.True(WriteFromTask(ref queue, 0, "sensor", "two\nlines, the second "));
        Assert.True(WriteFromTask(ref queue, 0, "sensor", "written in parts\n\n"));

        Assert.Equal("sensor: reading\r\nsensor: two\r\nsensor: lines, the second written in parts\r\nsensor: \r\n", Drain(ref queue));
    }

    // A task cannot start a line that reads as the kernel's, neither by a line end in
    // its text nor by leaving its line open for the kernel's report.
    [Fact]
    public void AKernelReportBeginsItsOwnLineAndTaskTextCannotImitateOne()
    {
        var queue = NewQueue();
        const string report = "keel: task hider faulted (memory access) at pc 0x08018286, caller 0x080187a9, address 0x20000000, and has no fault handler: suspended\n";

        Assert.True(WriteFromTask(ref queue, 1, "forger", "ok\nkeel: task checks faulted (memory access), and has no fault handler: suspended\nPASS X\n"));
        Assert.True(WriteFromTask(ref queue, 2, "hider", "all good> "));
        Assert.True(Write(ref queue, report, 0));

        Assert.Equal("forger: ok\r\nforger: keel: task checks faulted (memory access), and has no fault handler: suspended\r\nforger: PASS X\r\n"
            + "hider: all good> \r\n" + Encoded(report), Drain(ref queue));
    }

    // A line has one writer: another task's text ends it, and the first task's next text
    // starts a line of its own.
    [Fact]
    public void TasksWritingInTurnNeverShareALine()
    {
        var queue = NewQueue();

        Assert.True(WriteFromTask(ref queue, 0, "alpha", "PA"));
        Assert.True(WriteFromTask(ref queue, 1, "beta", "half"));
        Assert.True(WriteFromTask(ref queue, 0, "alpha", "SS X\n"));
        Assert.True(Write(ref queue, "kernel ", 0));
        Assert.True(Write(ref queue, "words\n", 0));

        Assert.Equal("alpha: PA\r\nbeta: half\r\nalpha: SS X\r\nkernel words\r\n", Drain(ref queue));
    }

    // The drop mark is a line of its own, and the line a task had open before the drop
    // is ended by it: the task's next text begins a line with its name, and what was
    // measured is what was queued.
    [Fact]
    public void TheDropMarkEndsTheLineInProgress()
    {
        var queue = NewQueue();
        Assert.True(WriteFromTask(ref queue, 0, "t", "open"));
        while (WriteFromTask(ref queue, 0, "t", "0123456789")) { }
        string written = Drain(ref queue);
        Assert.StartsWith("t: open0123456789", written);
        Assert.True(WriteFromTask(ref queue, 0, "t", "after"));

        Assert.Equal("\r\n" + Encoded(ConsoleQueue.DropMark) + "t: after", Drain(ref queue));
    }

    [Fact]
    public void AMarkThatDoesNotFitWithTheTextDropsBoth()
    {
        var queue = NewQueue();
        while (Write(ref queue, "x", 0)) { }
        queue.TryTake(out _);

        // One byte is free: enough for "y" alone, not for the mark it owes first.
        Assert.False(Write(ref queue, "y", 0));
        Assert.Equal(1, queue.Free);
    }

    [Fact]
    public void PositionsWrapAroundTheStorage()
    {
        var queue = NewQueue();
        var written = new StringBuilder();
        var read = new StringBuilder();
        for (int round = 0; round < 40; round++)
        {
            string text = $"round {round}: " + new string((char)('a' + round % 26), 90 + round) + "\n";
            Assert.True(Write(ref queue, text, TaskShare));
            written.Append(Encoded(text));
            // Take a bit less than was written, so the fill level creeps up and the
            // positions pass the end of the storage many times.
            for (int i = 0; i < text.Length - 3 && queue.TryTake(out byte value); i++)
                read.Append((char)value);
        }
        read.Append(Drain(ref queue));

        Assert.Equal(written.ToString(), read.ToString());
        Assert.True(written.Length > 4 * ConsoleQueue.Capacity);
    }

    // A kernel report composed as one line (ConsoleLine, as KernelPort's fault report
    // is) goes in whole or not at all: the second of two reports in a row, with room
    // left for only part of it, is dropped whole and marked, never cut mid-line.
    [Fact]
    public void AComposedReportIsPrintedWholeOrDroppedWhole()
    {
        var queue = NewQueue();
        while (Write(ref queue, "x", TaskShare)) { }
        char* text = stackalloc char[224];
        var report = new ConsoleLine(text, 224);
        report.Append("keel: task sensor faulted (memory access) at pc ");
        report.AppendHex(0x08001234);
        report.Append(", address ");
        report.AppendHex(0x20007000);
        report.Append(", and has no fault handler: suspended\n");
        string expected = "keel: task sensor faulted (memory access) at pc 0x08001234, address 0x20007000, and has no fault handler: suspended\n";
        Assert.Equal(expected, new string(report.Chars, 0, report.Length));

        Assert.True(queue.TryWrite(report.Chars, report.Length, 0));
        Assert.False(queue.TryWrite(report.Chars, report.Length, 0));
        Drain(ref queue);
        Assert.True(Write(ref queue, "next\n", 0));

        Assert.Equal(Encoded(ConsoleQueue.DropMark) + "next\r\n", Drain(ref queue));
    }

    [Fact]
    public void AComposedLineKeepsToItsCapacity()
    {
        char* text = stackalloc char[12];
        var line = new ConsoleLine(text, 12);
        line.AppendDecimal(4294967295);
        line.Append(" and more");

        Assert.Equal("4294967295 a", new string(line.Chars, 0, line.Length));
    }
}
