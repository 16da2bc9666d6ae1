// keel build [APP] [--board B] [--debug]: builds the application and prints its size table.
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

        [CommandOption("--debug")]
        [Description(DebugOption.Description)]
        public bool Debug { get; set; }
    }

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    public static async Task<int> RunAsync(CliContext context, Settings settings)
    {
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(settings.App);
        await app.RequireBoardAsync(context, settings.Board);
        await HostSetup.EnsureAsync(context, workspace, HostSetup.Toolchain);
        await BuildAsync(context, workspace, app, settings.Board, settings.Debug);
        var layout = await app.LayoutAsync(context, workspace, settings.Board);
        string image = app.Image(settings.Board, settings.Debug);
        var sections = SizeReport.ReadSections(File.ReadAllBytes(image));
        string stackReport = Path.ChangeExtension(image, ".stack.txt");
        var worstStacks = File.Exists(stackReport) ? StackDepth.ReadReport(stackReport) : new Dictionary<string, long>();
        SizeTable.Render(context.Console, Path.GetFileName(image), layout, SizeTable.Compute(layout, sections, worstStacks));
        return ExitCodes.Success;
    }

    public static Task BuildAsync(CliContext context, Workspace workspace, Application app, string board, bool debug = false) =>
        context.Builder.BuildAsync($"{workspace.Name(app.Folder)} for {board}{(debug ? " (debug)" : "")}", app.Project,
            [$"-p:KeelBoard={board}", .. debug ? [DebugOption.Property] : Array.Empty<string>()]);
}

// --debug of keel build and keel run: the unoptimised build (docs/debugging.md).
public static class DebugOption
{
    public const string Description = "Build without optimisation (ILC without -O): every line takes a breakpoint and every local is visible in gdb. Larger and slower code.";

    // Keel.Native.targets: ILC without -O; Keel.Target.props: the C# compiler too.
    public const string Property = "-p:KeelOptimize=false";

    // The debug build's objects and image are kept apart from the optimised build's
    // (bin/<board>-debug/), so neither overwrites the other (Keel.Target.props).
    public const string FolderSuffix = "-debug";
}
