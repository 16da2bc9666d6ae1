// Runs the system-description pipeline on TOML text written to a fresh temporary
// folder, against the repository's real boards (board/*), so the tests exercise the
// same board files the build uses.
using Keel.BuildTool.SystemDescription;

namespace Keel.Build.Tests;

public static class TestApps
{
    public static readonly string RepositoryRoot = FindRepositoryRoot();

    public static string BoardsDirectory => Path.Combine(RepositoryRoot, SystemCommand.BoardsFolder);

    public static string SampleFolder => Path.Combine(AppContext.BaseDirectory, "SampleApp");

    public static string ExpectedFolder => Path.Combine(AppContext.BaseDirectory, "Expected");

    // Writes `toml` as app.toml in a new folder holding (empty) `projectFiles`.
    public static string WriteApp(string toml, params string[] projectFiles) => WriteFiles("app.toml", toml, projectFiles);

    public static string SampleAppToml => File.ReadAllText(Path.Combine(SampleFolder, "demo.toml"));

    // The sample app (SampleApp/demo.toml) with its task projects in place.
    public static string WriteSampleApp() => WriteSampleApp(SampleAppToml);

    // The sample app's task projects beside `toml`, an edit of its description.
    public static string WriteSampleApp(string toml) => WriteFiles(
        "demo.toml",
        toml,
        ["tasks/supervisor/Supervisor.csproj", "tasks/uart-driver/UartDriver.csproj", "tasks/worker/Worker.csproj"]);

    private static string WriteFiles(string tomlName, string toml, string[] projectFiles)
    {
        string folder = Directory.CreateTempSubdirectory("keel-app-").FullName;
        foreach (string project in projectFiles)
        {
            string path = Path.Combine(folder, project);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "<Project />");
        }
        string tomlPath = Path.Combine(folder, tomlName);
        File.WriteAllText(tomlPath, toml);
        return tomlPath;
    }

    public static (SystemLayout? Layout, IReadOnlyList<Diagnostic> Diagnostics) Build(string toml, params string[] projectFiles) =>
        SystemCommand.Build(WriteApp(toml, projectFiles), BoardsDirectory);

    // As Build, with `board` in place of the description's (the command's --board).
    public static (SystemLayout? Layout, IReadOnlyList<Diagnostic> Diagnostics) BuildOnBoard(string board, string toml, params string[] projectFiles) =>
        SystemCommand.Build(WriteApp(toml, projectFiles), BoardsDirectory, board);

    public static string[] Errors(string toml, params string[] projectFiles) =>
        Build(toml, projectFiles).Diagnostics.Select(diagnostic => diagnostic.Message).ToArray();

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "board", "netduinoplus2", "board.props")))
                return folder.FullName;
        }
        throw new InvalidOperationException("the repository (a folder with board/) is not above " + AppContext.BaseDirectory);
    }
}
