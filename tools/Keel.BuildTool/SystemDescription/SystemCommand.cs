// `Keel.BuildTool system <app.toml> <output dir> [--board <name>] [--boards <dir>]... [--drivers <dir>]`:
// reads a system description, checks it against its board (or the one --board names
// instead, so one description builds for several boards) found in the --boards folders
// in order (BoardSearch), finds each driver task it names in the --drivers folder
// (DriverSearch), lays it out and writes the generated files
// — or, if anything is wrong, writes nothing and prints every error as
//   <app.toml>(<line>,<column>): error KEEL01xx: <message>
// (MSBuild's canonical form, so the build lists them; the codes are Diagnostic's) and
// exits with status 1.
namespace Keel.BuildTool.SystemDescription;

public sealed record SystemArguments(string TomlPath, string OutputDirectory, string? Board, IReadOnlyList<string> BoardsDirectories, string? DriversDirectory = null);

public static class SystemCommand
{
    public const string BoardsFolder = "board";
    public const string Usage = "system <app.toml> <output dir> [--board <name>] [--boards <dir>]... [--drivers <dir>]";

    // The command's arguments (those after `system`), or null if they do not match
    // Usage: a misspelt option or a missing value must stop the build, not be ignored.
    public static SystemArguments? ParseArguments(IReadOnlyList<string> arguments)
    {
        var positional = new List<string>();
        string? board = null;
        string? drivers = null;
        var boards = new List<string>();
        for (int i = 0; i < arguments.Count; i++)
        {
            bool hasValue = i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-');
            if (arguments[i] == "--board" && board is null && hasValue)
                board = arguments[++i];
            else if (arguments[i] == "--boards" && hasValue)
                boards.Add(arguments[++i]);
            else if (arguments[i] == "--drivers" && drivers is null && hasValue)
                drivers = arguments[++i];
            else if (arguments[i].StartsWith('-'))
                return null;
            else
                positional.Add(arguments[i]);
        }
        return positional.Count == 2 ? new SystemArguments(positional[0], positional[1], board, boards, drivers) : null;
    }

    public static int Run(SystemArguments arguments)
    {
        string tomlPath = Path.GetFullPath(arguments.TomlPath);
        BoardSearch boards = arguments.BoardsDirectories.Count > 0 ? new BoardSearch(arguments.BoardsDirectories) : FindBoardsDirectory(tomlPath);
        var (layout, diagnostics) = Build(tomlPath, boards, arguments.Board, arguments.DriversDirectory is string drivers ? new DriverSearch(drivers) : null);
        if (layout is null)
        {
            foreach (var diagnostic in diagnostics)
                Console.Error.WriteLine(diagnostic);
            return 1;
        }
        GeneratedFiles.WriteAll(layout, arguments.OutputDirectory);
        return 0;
    }

    // The layout of a valid description, or null and the reasons it is not valid.
    // `board`, if given, replaces the description's own; `drivers` is where the tasks'
    // `driver` names are found.
    public static (SystemLayout? Layout, IReadOnlyList<Diagnostic> Diagnostics) Build(string tomlPath, BoardSearch boards, string? board = null, DriverSearch? drivers = null)
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
        app = ConsoleRoute.Resolve(app, diagnostics);
        var boardDescription = AppChecker.Check(app, boards, diagnostics, board, drivers);
        if (diagnostics.HasErrors || boardDescription is null)
            return (null, diagnostics.All);
        // A driver task is built from its project in the drivers folder; from here on it
        // is known as a driver by that project's folder (DriverConfigChecker.DriverName).
        app = app with { Tasks = app.Tasks.Select(task => task.Driver is string driver ? task with { Project = drivers!.FindProject(driver) } : task).ToList() };
        app = DriverConfigChecker.Resolve(app, boardDescription, boards, diagnostics)!;
        if (diagnostics.HasErrors)
            return (null, diagnostics.All);

        var layout = SystemLayout.Compute(app, boardDescription);
        foreach (string problem in layout.CheckFitsBoard())
            report(problem, SourceMap.FileStart);
        IsolationChecker.Check(layout, diagnostics);
        return diagnostics.HasErrors ? (null, diagnostics.All) : (layout, diagnostics.All);
    }

    // Without --boards (the tool run by hand): the board/ folder nearest above the
    // description, or else the one of the Keel tree this tool was built in.
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
