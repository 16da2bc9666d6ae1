// Where the command works: the folder it was started in, the Keel tree around it if
// there is one (the folder holding Firmware.sln: Keel's own checkout), the host tools
// it may call, and how it finds the application it works on.
//
// keel works in any folder holding an application (app.toml beside one project file),
// inside Keel's tree or in a user's own repository (a `<Project Sdk="Keel.Sdk">`). The
// application is the APP argument; else the current folder or the nearest folder above
// it holding app.toml and one *.csproj; else, inside Keel's tree only, the demo
// (firmware/policy-demo). Only commands about Keel itself (`test --all`, the kernel's
// on-target suite) need the tree (RequireTree).
using Keel.Emulation;

namespace Keel.Cli;

public sealed class Workspace(string currentDirectory, string? treeRoot, string? searchPath = null)
{
    public const string Solution = Repository.Solution;
    public const string DefaultApplication = "firmware/policy-demo";

    public string CurrentDirectory { get; } = currentDirectory;

    // Keel's own tree around the current folder, or null outside it.
    public string? TreeRoot { get; } = treeRoot;

    // What paths in messages are shown relative to: the tree's root inside it (so a
    // hint reads `keel build firmware/policy-demo` from any subfolder), else the
    // current folder.
    public string Root => TreeRoot ?? CurrentDirectory;

    // Where host tools are looked for: null for the process's PATH.
    public string? SearchPath { get; } = searchPath;

    public static Workspace Find(string currentDirectory, string? searchPath = null) =>
        new(currentDirectory, Repository.FindAbove(currentDirectory), searchPath);

    // A path as messages show it: relative to Root, "." for Root itself.
    public string Show(string path) => Path.GetRelativePath(Root, path);

    // A folder as progress lines name it: as Show does, but by its own name when it is
    // the current folder ("Building Orchard", not "Building .").
    public string Name(string folder) => Show(folder) is "." ? Path.GetFileName(folder) : Show(folder);

    // The tree, for commands about Keel itself; elsewhere a usage error naming them.
    public string RequireTree(string what) => TreeRoot
        ?? throw CliError.Usage($"{what} is about Keel itself and runs only inside Keel's tree ({CurrentDirectory} has no {Solution} above it).");

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

    // The application `folder` names (relative to the current folder, or inside the
    // tree to its root), or the one the current folder is in, or the tree's demo.
    public Application Application(string? folder)
    {
        if (folder is not null)
        {
            string? found = new[] { Path.GetFullPath(folder, CurrentDirectory), TreeRoot is null ? null : Path.GetFullPath(folder, TreeRoot) }
                .FirstOrDefault(Directory.Exists);
            if (found is null)
                throw CliError.Usage($"there is no application folder '{folder}'.");
            return Cli.Application.At(found);
        }
        if (ApplicationAbove(CurrentDirectory) is string around)
            return Cli.Application.At(around);
        if (TreeRoot is not null)
            return Cli.Application.At(Path.Combine(TreeRoot, DefaultApplication));
        throw new CliError($"{CurrentDirectory} is not inside an application (no {Cli.Application.DescriptionFile} beside one project file here or above).",
            "cd <your application's folder>, or give its folder (keel build APP), or make one: keel new app NAME", ExitCodes.Usage);
    }

    // The application the current folder is in, or null.
    public Application? ApplicationAround() => ApplicationAbove(CurrentDirectory) is string folder ? Cli.Application.At(folder) : null;

    // The nearest folder at or above `start` (not above the tree's root, whose own
    // folders are not applications) holding app.toml and exactly one project file.
    private string? ApplicationAbove(string start)
    {
        for (string? folder = Path.GetFullPath(start); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, Cli.Application.DescriptionFile)) && Directory.GetFiles(folder, "*.csproj").Length == 1)
                return folder;
            if (folder == TreeRoot)
                return null;
        }
        return null;
    }
}
