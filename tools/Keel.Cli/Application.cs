// A Keel application: a system description (app.toml) and the kernel image project
// beside it, whose build links the kernel and every task into bin/<board>/<name>.elf
// (build/Keel.App.targets, build/Keel.Image.targets).
using System.Xml.Linq;
using Keel.BuildTool.SystemDescription;

namespace Keel.Cli;

public sealed class Application(string folder, string project)
{
    public const string DescriptionFile = "app.toml";

    public string Folder { get; } = folder;

    public string Project { get; } = project;

    public string Description => Path.Combine(Folder, DescriptionFile);

    // The project's AssemblyName, which names the image, or the project file's name.
    public string ImageName { get; } =
        XDocument.Load(project).Descendants("AssemblyName").Select(element => element.Value.Trim()).FirstOrDefault(name => name.Length > 0)
        ?? Path.GetFileNameWithoutExtension(project);

    public string Image(string board) => Path.Combine(Folder, "bin", board, ImageName + ".elf");

    public string BinaryImage(string board) => Path.ChangeExtension(Image(board), ".bin");

    // The image built for `board`, which must exist (after a build, or for --no-build).
    public string RequireImage(Workspace workspace, string board) => File.Exists(Image(board))
        ? Image(board)
        : throw new CliError($"{Image(board)} has not been built.", $"keel build {Path.GetRelativePath(workspace.Root, Folder)} --board {board}", ExitCodes.BuildFailed);

    // The checked layout of the description for `board`: every task's flash and RAM
    // window. The build has already checked the description, so a failure here means
    // it changed since.
    public SystemLayout Layout(Workspace workspace, string board)
    {
        var (layout, diagnostics) = SystemCommand.Build(Description, workspace.BoardsDirectory, board);
        return layout ?? throw new CliError(
            $"{Description} has errors: {string.Join("; ", diagnostics.Select(d => d.ToString()))}.",
            $"keel build {Folder} --board {board}", ExitCodes.BuildFailed);
    }
}
