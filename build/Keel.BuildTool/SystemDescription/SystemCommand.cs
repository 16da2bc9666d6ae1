// `Keel.BuildTool system <app.toml> <output dir>`: reads a system description, checks
// it against its board, lays it out and writes the generated files — or, if anything
// is wrong, writes nothing and prints every error as
//   <app.toml>: error KEEL0100: <message>
// (MSBuild's canonical form, so the build lists them) and exits with status 1.
namespace Keel.BuildTool.SystemDescription;

public static class SystemCommand
{
    public const string BoardsFolder = "board";

    public static int Run(string tomlPath, string outputDirectory)
    {
        tomlPath = Path.GetFullPath(tomlPath);
        var (layout, diagnostics) = Build(tomlPath, FindBoardsDirectory(tomlPath));
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
    public static (SystemLayout? Layout, IReadOnlyList<Diagnostic> Diagnostics) Build(string tomlPath, string boardsDirectory)
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
        var board = AppChecker.Check(app, boardsDirectory, diagnostics);
        if (diagnostics.HasErrors || board is null)
            return (null, diagnostics.All);

        var layout = SystemLayout.Compute(app, board);
        foreach (string problem in layout.CheckFitsBoard())
            report(problem);
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
