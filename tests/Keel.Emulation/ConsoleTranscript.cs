// Who wrote each line of a Keel image's console, and the verdicts only the kernel can
// give: the one parser of console text that every verdict of `keel run` and `keel test`
// (and of the tests that boot images) goes through (issue 29).
//
// The kernel writes each line a task prints begun with the task's name and ": ", and
// ends a line in progress before a text of another writer (hal/ConsoleQueue.cs); no task
// may be named `keel` (the build refuses it). So a line is
//   - a task's when it begins `<name>: ` with a task name (a lower-case letter, then
//     lower-case letters, digits, '-' and '_') other than `keel`: the rest is its text;
//   - the kernel's otherwise: its reports (`keel: task x faulted ...`, `PANIC: ...`,
//     `kernel fault: ...` and the register dump beneath it, `[keel: console full, ...]`).
// A task's text can begin no line of the kernel's, nor end a line the kernel began.
// (An image without tasks, such as firmware/hello, writes all its lines itself.)
using System.Text.RegularExpressions;

namespace Keel.Emulation;

// One console line: `Task` wrote it (its name), or the kernel when null; `Text` is the
// line without the task's name.
public sealed record TranscriptLine(string? Task, string Text)
{
    public bool ByKernel => Task is null;
}

public static partial class ConsoleTranscript
{
    // The kernel's name on the console, which no task may have.
    public const string KernelName = "keel";

    public static IEnumerable<TranscriptLine> Lines(string console) =>
        console.Replace("\r\n", "\n").Split('\n').Select(Read);

    public static TranscriptLine Read(string line)
    {
        Match task = TaskLine().Match(line);
        return task.Success && task.Groups["task"].Value != KernelName
            ? new TranscriptLine(task.Groups["task"].Value, task.Groups["text"].Value)
            : new TranscriptLine(null, line);
    }

    // The tasks the kernel reported suspended for a fault with no fault handler
    // (hal/Port/KernelPort.cs), in order, each once.
    public static IReadOnlyList<string> UnhandledFaults(string console) =>
        Lines(console).Where(line => line.ByKernel).Select(line => UnhandledFault().Match(line.Text))
            .Where(report => report.Success).Select(report => report.Groups["task"].Value).Distinct().ToArray();

    [GeneratedRegex(@"^(?<task>[a-z][a-z0-9_-]*): (?<text>.*)$")]
    private static partial Regex TaskLine();

    [GeneratedRegex(@"^keel: task (?<task>\S+) faulted .*, and has no fault handler: suspended$")]
    private static partial Regex UnhandledFault();
}
