// The names a system description chooses (tasks, kernel objects, capability slots)
// reappear in generated C#, linker scripts and folder names, so they are restricted to
// one spelling that is safe everywhere and converted the same way by every writer.
using System.Text.RegularExpressions;

namespace Keel.BuildTool.SystemDescription;

public static partial class Identifiers
{
    public const string NameRule = "name must start with a lower-case letter and use only lower-case letters, digits, '-' and '_'";

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex ValidName();

    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    // The kernel's console lines begin "keel: " and each line of a task's text with the
    // task's name and ": " (hal/ConsoleQueue.cs), so no task may bear the kernel's name:
    // its text would read as the kernel's (tests/Keel.Emulation/ConsoleTranscript.cs).
    public const string KernelConsoleName = "keel";

    public const string KernelConsoleNameRule = $"'{KernelConsoleName}' is the kernel's name on the console (its reports begin '{KernelConsoleName}: '): give the task another name";

    // "my-task" → "MY_TASK" (linker memory regions).
    public static string UpperSnake(string name) => LowerSnake(name).ToUpperInvariant();

    // "my-task" → "my_task" (linker symbols).
    public static string LowerSnake(string name) => name.Replace('-', '_');

    // A task's linker names, which memory.ld defines and tasks.ld uses.
    public static string FlashRegion(string task) => $"TASK_{UpperSnake(task)}_FLASH";

    public static string RamRegion(string task) => $"TASK_{UpperSnake(task)}_RAM";

    // A task's entry point, the one global symbol of its object (sdk/targets/Keel.Task.targets).
    public static string TaskEntrySymbol(string task) => $"keel_task_{LowerSnake(task)}_start";

    public static string StackSizeSymbol(string task) => $"keel_task_{LowerSnake(task)}_stack_size";

    // "grant-reply_slot" → "GrantReplySlot" (C# constants).
    public static string Pascal(string name) => string.Concat(
        name.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
