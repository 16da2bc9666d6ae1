// The errors of a system description. Every check reports into one bag instead of
// throwing, so a single build shows every mistake in the description at once, each
// tied to the file it is in (the app's TOML or a board's peripherals.toml) and, in a
// TOML file, to the key it is about (SourceMap), and printed in MSBuild's canonical
// form so that the build lists them as errors and an editor opens the spot.
//
// Each error carries a code: KEEL0100 for a description that is malformed (a value out
// of range, a reference that does not resolve, a typo), and one code per class of
// grant the build refuses because it would break the isolation between tasks
// (IsolationChecker), so a reader can look the class up (docs/system-description.md)
// and a script can tell "wrong" from "unsafe".
namespace Keel.BuildTool.SystemDescription;

// `Position` is null only in a file that is not TOML (a board's board.props).
public sealed record Diagnostic(string FilePath, string Message, string Code = Diagnostic.Malformed, SourcePosition? Position = null)
{
    // The description does not follow the rules of its format.
    public const string Malformed = "KEEL0100";
    // A peripheral the board says breaks isolation (peripherals.toml `breaks-isolation`).
    public const string PeripheralBreaksIsolation = "KEEL0101";
    // The kernel's console: its peripheral (board.props KeelConsolePeripheral), or its
    // interrupt (KeelConsoleIrq) routed to a task.
    public const string KernelConsole = "KEEL0102";
    // A peripheral whose range overlaps the kernel's or another task's memory window.
    public const string OverlapsMemory = "KEEL0103";
    // A peripheral granted to more than one task.
    public const string SharedPeripheral = "KEEL0104";
    // The FPU's interrupt (board.props KeelFpuIrq) routed to a task.
    public const string FpuInterrupt = "KEEL0105";
    // A window the link found too small for its task or the kernel (LinkErrors).
    public const string WindowTooSmall = "KEEL0106";
    // Task code using a capability its task does not hold (reported by the C# compiler
    // at the use, from the Caps class TaskCapsWriter generates).
    public const string CapabilityNotHeld = "KEEL0110";

    public override string ToString() => $"{FilePath}{Position}: error {Code}: {Message}";

    // The one shape of a message about a field: "task 'rogue': field 'ram': 3000 is not a power of two".
    public static string AboutField(string context, string field, string problem) => $"{context}: field '{field}': {problem}";
}

// Reports one error, at `position` in its file if it is known.
public delegate void Reporter(string message, SourcePosition? position = null);

public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _diagnostics = new();

    public IReadOnlyList<Diagnostic> All => _diagnostics;

    public bool HasErrors => _diagnostics.Count > 0;

    // A reporter for one file and one class of error, for code that only ever reports that.
    public Reporter For(string filePath, string code = Diagnostic.Malformed) => (message, position) => _diagnostics.Add(new Diagnostic(filePath, message, code, position));
}
