// keel build [APP] [--board B]: builds the application and prints its size table.
using System.ComponentModel;
using Keel.BuildTool;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed class BuildCommand(CliContext context) : AsyncCommand<BuildCommand.Settings>
{
    public const string DefaultBoard = "netduinoplus2";

    public sealed class Settings : AppSettings
    {
        [CommandOption("-b|--board <BOARD>")]
        [Description("The board to build for: one of Keel's (netduinoplus2, nucleo-f401re) or the application's own boards/<name>/. Default: netduinoplus2.")]
        public string Board { get; set; } = DefaultBoard;
    }

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    public static async Task<int> RunAsync(CliContext context, Settings settings)
    {
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(settings.App);
        await app.RequireBoardAsync(context, settings.Board);
        await HostSetup.EnsureAsync(context, workspace, HostSetup.Toolchain);
        await BuildAsync(context, workspace, app, settings.Board);
        var layout = await app.LayoutAsync(context, workspace, settings.Board);
        var sections = SizeReport.ReadSections(File.ReadAllBytes(app.Image(settings.Board)));
        SizeTable.Render(context.Console, Path.GetFileName(app.Image(settings.Board)), layout, SizeTable.Compute(layout, sections));
        return ExitCodes.Success;
    }

    public static Task BuildAsync(CliContext context, Workspace workspace, Application app, string board) =>
        context.Builder.BuildAsync($"{workspace.Name(app.Folder)} for {board}", app.Project, $"-p:KeelBoard={board}");
}
