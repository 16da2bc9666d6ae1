// `Keel.BuildTool system <app.toml> <output dir> [--board <name>]`: reads a system
// description, checks it against its board (or the one --board names instead, so one
// description builds for several boards), lays it out and writes the generated files
// — or, if anything is wrong, writes nothing and prints every error as
//   <app.toml>(<line>,<column>): error KEEL01xx: <message>
// (MSBuild's canonical form, so the build lists them; the codes are Diagnostic's) and
// exits with status 1.
namespace Keel.BuildTool.SystemDescription;

public sealed record SystemArguments(string TomlPath, string OutputDirectory, string? Board);

public static class SystemCommand
{
    public const string BoardsFolder = "board";
    public const string Usage = "system <app.toml> <output dir> [--board <name>]";

    // The command's arguments (those after `system`), or null if they do not match
    // Usage: a misspelt option or a missing value must stop the build, not be ignored.
    public static SystemArguments? ParseArguments(IReadOnlyList<string> arguments)
    {
        var positional = new List<string>();
        string? board = null;
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--board" && board is null && i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-'))
                board = arguments[++i];
            else if (arguments[i].StartsWith('-'))
                return null;
            else
                positional.Add(arguments[i]);
        }
        return positional.Count == 2 ? new SystemArguments(positional[0], positional[1], board) : null;
    }

    public static int Run(string tomlPath, string outputDirectory, string? board = null)
    {
        tomlPath = Path.GetFullPath(tomlPath);
        var (layout, diagnostics) = Build(tomlPath, FindBoardsDirectory(tomlPath), board);
        if (layout is null)
        {
            foreach (var diagnostic in diagnostics)
                Console.Error.WriteLine(diagnostic);
            return 1;
        }
        GeneratedFiles.WriteAll(layout, outputDirectory);
        return 0;
    }

    // The layout of a valid description, or null and the reasons it is not valid.
    // `board`, if given, replaces the description's own.
    public static (SystemLayout? Layout, IReadOnlyList<Diagnostic> Diagnostics) Build(string tomlPath, string boardsDirectory, string? board = null)
    {
        var diagnostics = new DiagnosticBag();
        var report = diagnostics.For(tomlPath);
        if (!File.Exists(tomlPath))
        {
            report("file does not exist");
            return (null, diagnostics.All);
        }
        var app = AppDescriptionParser.Parse(tomlPath, report);
        if (app is null)
            return (null, diagnostics.All);
        var boardDescription = AppChecker.Check(app, boardsDirectory, diagnostics, board);
        if (diagnostics.HasErrors || boardDescription is null)
            return (null, diagnostics.All);

        var layout = SystemLayout.Compute(app, boardDescription);
        foreach (string problem in layout.CheckFitsBoard())
            report(problem, SourceMap.FileStart);
        IsolationChecker.Check(layout, diagnostics);
        return diagnostics.HasErrors ? (null, diagnostics.All) : (layout, diagnostics.All);
    }

    // The board/ folder nearest above the description, or else the one of the Keel tree
    // this tool was built in (for descriptions kept outside the tree).
    private static string FindBoardsDirectory(string tomlPath) =>
        FindBoardsDirectoryAbove(Path.GetDirectoryName(tomlPath)!)
        ?? FindBoardsDirectoryAbove(AppContext.BaseDirectory)
        ?? Path.Combine(Path.GetDirectoryName(tomlPath)!, BoardsFolder);

    private static string? FindBoardsDirectoryAbove(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, BoardsFolder);
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
