// A Keel application: a system description (app.toml) and the kernel image project
// beside it, whose build links the kernel and every task into bin/<board>/<name>.elf
// (sdk/targets/Keel.App.targets, Keel.Image.targets). It may live in Keel's tree
// (importing sdk/Sdk/Sdk.props by path) or anywhere (`<Project Sdk="Keel.Sdk">`), so
// where its boards are is asked of MSBuild (KeelOwnBoardsDir, then KeelSdkBoardsDir:
// the same search the build makes), once, and only by commands that need a board;
// after a build, the answer is the one that build wrote down (BuildLocationsFile).
using System.Text.Json;
using System.Xml.Linq;
using Keel.BuildTool.SystemDescription;

namespace Keel.Cli;

public sealed class Application
{
    public const string DescriptionFile = "app.toml";

    private readonly XDocument _projectXml;
    private BoardSearch? _boards;
    private DriverSearch? _drivers;

    private Application(string folder, string project)
    {
        Folder = folder;
        Project = project;
        _projectXml = XDocument.Load(project);
        ImageName = _projectXml.Descendants("AssemblyName").Select(element => element.Value.Trim()).FirstOrDefault(name => name.Length > 0)
            ?? Path.GetFileNameWithoutExtension(project);
    }

    // The application in `folder`: app.toml beside exactly one project file.
    public static Application At(string folder)
    {
        if (!File.Exists(Path.Combine(folder, DescriptionFile)))
            throw CliError.Usage($"{folder} is not an application: it has no {DescriptionFile}.");
        string[] projects = Directory.GetFiles(folder, "*.csproj");
        if (projects.Length != 1)
            throw CliError.Usage($"{folder} must hold exactly one project file, the application's kernel image project (it holds {projects.Length}).");
        return new Application(folder, projects[0]);
    }

    public string Folder { get; }

    public string Project { get; }

    public string Description => Path.Combine(Folder, DescriptionFile);

    // The project's AssemblyName, which names the image, or the project file's name.
    public string ImageName { get; }

    // The SDK attribute of the project (`Keel.Sdk`, `Keel.Sdk/1.2.3`), or null when it
    // imports the SDK by path (Keel's own tree).
    public string? SdkAttribute => _projectXml.Root?.Attribute("Sdk")?.Value;

    public bool UsesKeelSdkPackage => SdkAttribute?.Split('/')[0].Trim() == "Keel.Sdk";

    // The absolute path of the Sdk.props the project imports by path, or null.
    public string? ImportedSdkProps => _projectXml.Descendants("Import")
        .Select(import => import.Attribute("Project")?.Value)
        .Where(path => path is not null && path.Replace('\\', '/').EndsWith("Sdk/Sdk.props", StringComparison.Ordinal))
        .Select(path => Path.GetFullPath(path!.Replace('\\', '/'), Folder))
        .FirstOrDefault();

    // The image for `board`; `debug`: the unoptimised one (DebugOption), in a folder of its own.
    public string Image(string board, bool debug = false) =>
        Path.Combine(Folder, "bin", debug ? board + DebugOption.FolderSuffix : board, ImageName + ".elf");

    public string BinaryImage(string board) => Path.ChangeExtension(Image(board), ".bin");

    // The image built for `board`, which must exist (after a build, or for --no-build).
    public string RequireImage(Workspace workspace, string board, bool debug = false) => File.Exists(Image(board, debug))
        ? Image(board, debug)
        : throw new CliError($"{Image(board, debug)} has not been built.", $"keel build {workspace.Show(Folder)} --board {board}{(debug ? " --debug" : "")}", ExitCodes.BuildFailed);

    // Where the boards are: the application's own boards/, then the SDK's, as MSBuild
    // evaluates the project (one `dotnet msbuild -getProperty`, about a second).
    public async Task<BoardSearch> BoardsAsync(CliContext context)
    {
        if (_boards is null)
            await LocateAsync(context);
        return _boards!;
    }

    // Where Keel's driver tasks are for this application (KeelDriversDir: the tree's
    // drivers/, or the Keel.Drivers package of its SDK's version). From packages that
    // folder exists once the project is restored, so a fresh application is restored
    // first (`dotnet restore`, as its first build would) when `restore` says so;
    // otherwise (after a build) the folder is taken as MSBuild says.
    public async Task<DriverSearch> DriversAsync(CliContext context, bool restore = false)
    {
        if (_drivers is null)
            await LocateAsync(context);
        if (!restore)
            return _drivers!;
        if (!Directory.Exists(_drivers!.Directory))
        {
            ProcessResult restored = await context.Runner.RunAsync("dotnet", ["restore", Project, "-nologo"]);
            if (!restored.Succeeded)
                throw new CliError($"{Path.GetFileName(Project)} could not be restored, so Keel's drivers are not there: {restored.Output.Trim()}",
                    $"dotnet restore {Project}", ExitCodes.BuildFailed);
            await LocateAsync(context);
        }
        return Directory.Exists(_drivers!.Directory)
            ? _drivers
            : throw new CliError($"Keel's drivers are not where {Path.GetFileName(Project)}'s build looks for them ({_drivers.Directory}).",
                $"dotnet restore {Project}", ExitCodes.BuildFailed);
    }

    // Where the application's build wrote down the folders it searched for boards and
    // drivers (Keel.App.targets, KeelGenerateSystem: one Name=value line each).
    public const string BuildLocationsFile = "obj/keel/locations.txt";

    // Where the boards and the drivers are: as the last build found them, while neither
    // the project file nor global.json (which pins the SDK) changed since; otherwise
    // asked of MSBuild, which evaluates the project (a second, three under load: before
    // `keel run` boots, most of its time when nothing changed).
    private async Task LocateAsync(CliContext context)
    {
        string? own, sdk, drivers, output = null;
        if (LocationsOfLastBuild() is { } built)
            (own, sdk, drivers) = built;
        else
            (own, sdk, drivers, output) = await AskMsBuildAsync(context);
        if (string.IsNullOrEmpty(sdk))
            throw new CliError($"MSBuild could not tell where {Path.GetFileName(Project)}'s boards are (is it a Keel application project?): {output?.Trim()}",
                "dotnet " + string.Join(' ', LocateArguments), ExitCodes.BuildFailed);
        _boards = new BoardSearch(string.IsNullOrEmpty(own) ? [sdk] : [own, sdk]);
        _drivers = new DriverSearch(drivers ?? "");
    }

    private string[] LocateArguments => ["msbuild", Project, "-nologo", "-getProperty:KeelOwnBoardsDir", "-getProperty:KeelSdkBoardsDir", "-getProperty:KeelDriversDir"];

    private async Task<(string? Own, string? Sdk, string? Drivers, string Output)> AskMsBuildAsync(CliContext context)
    {
        ProcessResult result = await context.Runner.RunAsync("dotnet", LocateArguments);
        if (result.Succeeded)
        {
            try
            {
                JsonElement properties = JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]).RootElement.GetProperty("Properties");
                return (properties.GetProperty("KeelOwnBoardsDir").GetString(), properties.GetProperty("KeelSdkBoardsDir").GetString(),
                    properties.TryGetProperty("KeelDriversDir", out JsonElement driversDir) ? driversDir.GetString() : null, result.Output);
            }
            catch (Exception failure) when (failure is JsonException or KeyNotFoundException or ArgumentOutOfRangeException or InvalidOperationException)
            {
            }
        }
        return (null, null, null, result.Output);
    }

    // The folders the last build wrote down, when that record is newer than the project
    // file and global.json and the folders it names are there; otherwise null.
    private (string? Own, string? Sdk, string? Drivers)? LocationsOfLastBuild()
    {
        var record = new FileInfo(Path.Combine(Folder, BuildLocationsFile));
        string? globalJson = GlobalJsonAbove(Folder);
        if (!record.Exists || record.LastWriteTimeUtc < File.GetLastWriteTimeUtc(Project)
            || (globalJson is not null && record.LastWriteTimeUtc < File.GetLastWriteTimeUtc(globalJson)))
            return null;
        var values = File.ReadAllLines(record.FullName)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        string? sdk = values.GetValueOrDefault("KeelSdkBoardsDir"), drivers = values.GetValueOrDefault("KeelDriversDir");
        return Directory.Exists(sdk) && (string.IsNullOrEmpty(drivers) || Directory.Exists(drivers))
            ? (values.GetValueOrDefault("KeelOwnBoardsDir"), sdk, drivers)
            : null;
    }

    private static string? GlobalJsonAbove(string folder)
    {
        for (var directory = new DirectoryInfo(folder); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "global.json");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    // The description as it is (it must parse), for `command` (keel new task, keel add
    // driver) to add a task `name` to: a usage error if it has one already.
    public AppDescription WithoutTask(Workspace workspace, string command, string name)
    {
        var existing = AppDescriptionParser.Parse(Description, (_, _) => { })
            ?? throw new CliError($"{Description} does not parse.", $"keel build {workspace.Show(Folder)}", ExitCodes.BuildFailed);
        return existing.Tasks.Any(task => task.Name == name)
            ? throw CliError.Usage($"{command}: {Path.GetFileName(Folder)} already has a task '{name}'.")
            : existing;
    }

    // A usage error unless `board` is one the application's build can find.
    public async Task RequireBoardAsync(CliContext context, string board)
    {
        BoardSearch boards = await BoardsAsync(context);
        if (boards.Find(board) is null)
            throw CliError.Usage($"there is no board '{board}' (boards: {string.Join(", ", boards.Known)}).");
    }

    // The checked layout of the description for `board`: every task's flash and RAM
    // window. The build has already checked the description, so a failure here means
    // it changed since.
    public async Task<SystemLayout> LayoutAsync(CliContext context, Workspace workspace, string board)
    {
        var (layout, diagnostics) = SystemCommand.Build(Description, await BoardsAsync(context), board, await DriversAsync(context));
        return layout ?? throw new CliError(
            $"{Description} has errors: {string.Join("; ", diagnostics.Select(d => d.ToString()))}.",
            $"keel build {workspace.Show(Folder)} --board {board}", ExitCodes.BuildFailed);
    }
}
