// The Keel tree the command works in (the folder holding Firmware.sln, found above the
// current directory), the host tools it may call, and the applications in it.
using Keel.BuildTool.SystemDescription;
using Keel.Emulation;

namespace Keel.Cli;

public sealed class Workspace(string root, string? searchPath = null)
{
    public const string Solution = Repository.Solution;
    public const string DefaultApplication = "firmware/policy-demo";

    public string Root { get; } = root;

    // Where host tools are looked for: null for the process's PATH.
    public string? SearchPath { get; } = searchPath;

    public string BoardsDirectory => Path.Combine(Root, SystemCommand.BoardsFolder);

    public static Workspace Find(string currentDirectory, string? searchPath = null) =>
        new(Repository.FindAbove(currentDirectory)
            ?? throw new CliError($"{currentDirectory} is not inside a Keel tree (no {Solution} above it).", "cd <your Keel checkout>", ExitCodes.Usage),
            searchPath);

    public string RequireTool(string name, string installCommand)
    {
        try
        {
            return HostTools.Require(name, installCommand, SearchPath);
        }
        catch (MissingToolException missing)
        {
            throw new CliError($"{missing.Tool} is not installed.", missing.InstallCommand, ExitCodes.MissingTool);
        }
    }

    public string? FindTool(string name) => HostTools.Find(name, SearchPath);

    public void RequireBoard(string board)
    {
        if (!Directory.Exists(Path.Combine(BoardsDirectory, board)))
        {
            string known = string.Join(", ", Directory.GetDirectories(BoardsDirectory).Select(Path.GetFileName).Order());
            throw CliError.Usage($"there is no board '{board}' (boards: {known}).");
        }
    }

    // An application folder (app.toml beside one project file), given relative to the
    // current directory or to the tree's root; the demo when none is given.
    public Application Application(string? folder, string currentDirectory)
    {
        folder ??= DefaultApplication;
        string? found = new[] { Path.GetFullPath(folder, currentDirectory), Path.GetFullPath(folder, Root) }.FirstOrDefault(Directory.Exists);
        if (found is null)
            throw CliError.Usage($"there is no application folder '{folder}'.");
        if (!File.Exists(Path.Combine(found, Cli.Application.DescriptionFile)))
            throw CliError.Usage($"{found} is not an application: it has no {Cli.Application.DescriptionFile}.");
        string[] projects = Directory.GetFiles(found, "*.csproj");
        if (projects.Length != 1)
            throw CliError.Usage($"{found} must hold exactly one project file, the application's kernel image project (it holds {projects.Length}).");
        return new Application(found, projects[0]);
    }
}
