// keel build [app] [--board B]: builds the application and prints its size table.
using Keel.BuildTool;

namespace Keel.Cli;

public static class BuildCommand
{
    public const string Usage = "keel build [app] [--board B]";
    public const string DefaultBoard = "netduinoplus2";

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments)
    {
        var parsed = new Arguments(arguments, "build", [], ["--board"], 1);
        Workspace workspace = context.Workspace;
        string board = parsed.Option("--board") ?? DefaultBoard;
        workspace.RequireBoard(board);
        Application app = workspace.Application(parsed.Positional(0), context.CurrentDirectory);
        await BuildAsync(context, workspace, app, board);
        var layout = app.Layout(workspace, board);
        var sections = SizeReport.ReadSections(File.ReadAllBytes(app.Image(board)));
        SizeTable.Render(context.Console, Path.GetFileName(app.Image(board)), layout, SizeTable.Compute(layout, sections));
        return ExitCodes.Success;
    }

    public static Task BuildAsync(CliContext context, Workspace workspace, Application app, string board) =>
        context.Builder.BuildAsync($"{Path.GetRelativePath(workspace.Root, app.Folder)} for {board}", app.Project, $"-p:KeelBoard={board}");
}
