// The errors of a system description. Every check reports into one bag instead of
// throwing, so a single build shows every mistake in the description at once, each
// tied to the file it is in (the app's TOML or a board's peripherals.toml) and printed
// in MSBuild's canonical form so that the build lists them as errors.
namespace Keel.BuildTool.SystemDescription;

public sealed record Diagnostic(string FilePath, string Message)
{
    public const string Code = "KEEL0100";

    public override string ToString() => $"{FilePath}: error {Code}: {Message}";

    // The one shape of a message about a field: "task 'rogue': field 'ram': 3000 is not a power of two".
    public static string AboutField(string context, string field, string problem) => $"{context}: field '{field}': {problem}";
}

public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _diagnostics = new();

    public IReadOnlyList<Diagnostic> All => _diagnostics;

    public bool HasErrors => _diagnostics.Count > 0;

    // A reporter for one file, for code that only ever reports about that file.
    public Action<string> For(string filePath) => message => _diagnostics.Add(new Diagnostic(filePath, message));
}
