// keel flash [APP] --board nucleo-f401re [--probe openocd|st-flash]: builds the
// application for the board and programs it through the board's ST-LINK, verifying
// the flash and resetting the chip. The probe program runs with a time limit and
// its output shown, so with no board attached the command ends with the probe's
// own message and a hint instead of waiting.
using System.ComponentModel;
using Keel.Emulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed record ProbeCommand(string Tool, string Package, IReadOnlyList<string> Arguments)
{
    public string InstallCommand => $"sudo apt-get install -y {Package}";

    public override string ToString() => Tool + " " + string.Join(' ', Arguments.Select(HostProcess.Quote));
}

public sealed class FlashCommand(CliContext context) : AsyncCommand<FlashCommand.Settings>
{
    public const string OpenOcd = "openocd";
    public const string StFlash = "st-flash";
    public static readonly string[] Probes = [OpenOcd, StFlash];

    // The boards with an ST-LINK on them.
    public static readonly string[] Boards = ["nucleo-f401re"];
    public const uint FlashBase = 0x0800_0000;
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    public const string NoBoardHint =
        "connect the Nucleo board's ST-LINK USB port (CN1), check that `lsusb` lists an STMicroelectronics ST-LINK, then run the command again";

    public sealed class Settings : AppSettings
    {
        [CommandOption("-b|--board <BOARD>")]
        [Description("The board to program (required): nucleo-f401re.")]
        public string? Board { get; set; }

        [CommandOption("-p|--probe <PROBE>")]
        [Description("The probe program: openocd (the default; programs the ELF) or st-flash (writes the .bin).")]
        public string Probe { get; set; } = OpenOcd;

        [CommandOption("--no-build")]
        [Description("Program the image already built.")]
        public bool NoBuild { get; set; }

        protected override ValidationResult CheckValues()
        {
            if (Board is null)
                return ValidationResult.Error("flash: --board is required (keel flash --board nucleo-f401re).");
            if (!Boards.Contains(Board))
                return ValidationResult.Error($"flash: board '{Board}' has no ST-LINK to program it through; boards: {string.Join(", ", Boards)}.");
            return OptionValues.Choice("flash", "--probe", Probe, Probes);
        }
    }

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    // The exact command that programs `app`'s image: OpenOCD programs the ELF, verifies
    // and resets; st-flash writes the raw image (the build's .bin, made by objcopy -O
    // binary) at the start of flash, verifies as it writes, and resets.
    public static ProbeCommand Command(string probe, Application app, string board) => probe == OpenOcd
        ? new ProbeCommand(OpenOcd, "openocd", ["-f", "interface/stlink.cfg", "-f", "target/stm32f4x.cfg", "-c", $"program {app.Image(board)} verify reset exit"])
        : new ProbeCommand(StFlash, "stlink-tools", ["--reset", "write", app.BinaryImage(board), $"0x{FlashBase:x8}"]);

    public static async Task<int> RunAsync(CliContext context, Settings settings, TimeSpan? timeLimit = null)
    {
        string board = settings.Board!, probe = settings.Probe;
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(settings.App);
        ProbeCommand command = Command(probe, app, board);
        await HostSetup.EnsureAsync(context, workspace, [new HostPackage(command.Tool, command.Package), .. settings.NoBuild ? [] : HostSetup.Toolchain]);
        string executable = workspace.RequireTool(command.Tool, command.InstallCommand);
        if (!settings.NoBuild)
            await BuildCommand.BuildAsync(context, workspace, app, board);
        app.RequireImage(workspace, board);

        context.Console.WriteWholeLine(command.ToString());
        TimeSpan limit = timeLimit ?? DefaultTimeLimit;
        ProcessResult result = await context.Runner.RunAsync(executable, command.Arguments, context.Console.WriteWholeLine, limit);
        string again = $"keel flash {workspace.Show(app.Folder)} --board {board} --probe {probe}";
        if (result.TimedOut)
            throw new CliError($"{command.Tool} did not finish within {limit.TotalSeconds} s and was stopped.", $"{NoBoardHint}: {again}", ExitCodes.ProbeFailed);
        if (result.ExitCode != 0)
            throw new CliError($"{command.Tool} could not program the board: {ProbeMessage(result.Output)}", $"{NoBoardHint}: {again}", ExitCodes.ProbeFailed);
        context.Console.MarkupLine($"[green]Programmed, verified and reset[/] {board}.");
        return ExitCodes.Success;
    }

    // The line of the probe's output that says what went wrong: its last error line,
    // or else its last line.
    public static string ProbeMessage(string output)
    {
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(line => line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("couldn't", StringComparison.OrdinalIgnoreCase))
            ?? lines.LastOrDefault() ?? "it exited with no message";
    }
}
