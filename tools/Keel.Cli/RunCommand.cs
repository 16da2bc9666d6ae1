// keel run [APP] [--emulator qemu|renode] [--gdb [--gdb-port N]] [--debug] [--time-limit S] [--no-build]:
// builds the application for the emulator's board (unless --no-build) and boots it
// with the console attached (under Renode with the application's renode/ additions).
// The run has gone well when the image stopped itself with status 0, or the
// application's scripted inputs ended it, and no task died for want of a fault handler
// (the kernel's report line: ConsoleTranscript reads it from the kernel's lines alone,
// which no task can write).
using System.ComponentModel;
using Keel.Cli.Faults;
using Keel.Cli.Inspect;
using Keel.Emulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed class RunCommand(CliContext context) : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : AppSettings
    {
        [CommandOption("-e|--emulator <EMULATOR>")]
        [Description("qemu (netduinoplus2, the default) or renode (nucleo-f401re; $RENODE, then renode on PATH).")]
        public string Emulator { get; set; } = Emulators.Qemu;

        [CommandOption("--gdb")]
        [Description("Start QEMU halted with its gdb stub and print the command that attaches gdb-multiarch with the image's symbols.")]
        public bool Gdb { get; set; }

        [CommandOption("--gdb-port <PORT>")]
        [Description("With --gdb: the port of the gdb stub (1 to 65535; default 1234).")]
        public string? GdbPortText { get; set; }

        [CommandOption("--debug")]
        [Description(DebugOption.Description)]
        public bool Debug { get; set; }

        [CommandOption("-t|--time-limit <SECONDS>")]
        [Description("Stop the run after this many seconds: wall-clock under QEMU (default: none), emulated under Renode (default 30).")]
        public string? TimeLimitText { get; set; }

        [CommandOption("--no-build")]
        [Description("Boot the image already built.")]
        public bool NoBuild { get; set; }

        public int? GdbPort => OptionValues.WholeNumber("run", "--gdb-port", GdbPortText, maximum: 65535);

        public TimeSpan? TimeLimit => OptionValues.Seconds("run", "--time-limit", TimeLimitText);

        protected override ValidationResult CheckValues() => OptionValues.Check(() =>
        {
            if (OptionValues.Choice("run", "--emulator", Emulator, Emulators.Names) is { Successful: false } wrong)
                throw CliError.Usage(wrong.Message!);
            if (Gdb && Emulator != Emulators.Qemu)
                throw CliError.Usage("run: --gdb works with --emulator qemu only.");
            _ = GdbPort;
            if (GdbPortText is not null && !Gdb)
                throw CliError.Usage("run: --gdb-port is the port of --gdb; give both.");
            _ = TimeLimit;
            if (Debug && NoBuild)
                throw CliError.Usage("run: --debug says how to build; it cannot go with --no-build.");
        });
    }

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    public static async Task<int> RunAsync(CliContext context, Settings settings)
    {
        string emulator = settings.Emulator;
        TimeSpan? limit = settings.TimeLimit;
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(settings.App);
        string board = Emulators.Board(emulator);
        var emulators = new Emulators(context, workspace);
        if (emulator == Emulators.Renode)
            emulators.FindRenode();
        await HostSetup.EnsureAsync(context, workspace,
            [.. emulator == Emulators.Qemu ? [HostSetup.Qemu] : Array.Empty<HostPackage>(), .. settings.NoBuild ? [] : HostSetup.Toolchain],
            wanted: settings.Gdb ? [HostSetup.Gdb] : null);

        if (!settings.NoBuild)
            await BuildCommand.BuildAsync(context, workspace, app, board, settings.Debug);
        string elf = app.RequireImage(workspace, board, settings.Debug);
        var layout = await app.LayoutAsync(context, workspace, board);
        var symboliser = FaultSymboliser.For(elf, layout, workspace);
        var dumps = new FaultDumps(elf, layout);
        EmulatorOutcome outcome = await emulators.RunAsync(emulator, elf, symboliser, settings.Gdb, limit, settings.GdbPort, RenodeAdditions.Of(app.Folder), dumps);
        foreach (string dump in dumps.Saved)
            context.Console.WriteWholeLine($"keel: saved a dump of the system at the failure above: {workspace.Show(dump)} (keel inspect --dump {workspace.Show(dump)})");
        // Line by line debugging is QEMU's (gdb); a Renode run is debugged there too.
        string again = $"keel run {workspace.Show(app.Folder)} --gdb";
        if (outcome.TimedOut)
        {
            string within = emulator == Emulators.Renode
                ? $"within {(limit ?? Emulators.RenodeDefaultTime).TotalSeconds} s of emulated time"
                : $"within the time limit of {limit?.TotalSeconds} s";
            throw new CliError($"the image did not stop {within}.", again, ExitCodes.Failed);
        }
        // A panic's report names its reason, not where it came from (the check that
        // failed is a few calls into the core library); gdb's backtrace from keel_panic
        // gives the C# method that panicked.
        if (outcome.ExitCode == PanicStatus)
            throw new CliError($"the image stopped with status {PanicStatus} (a panic).", $"{again}   (then in gdb: break keel_panic, continue, bt)", ExitCodes.Failed);
        // An application that serves for ever (a button's presses) ends its scripted
        // inputs with end_of_inputs: that run has gone well unless a task died in it.
        if (outcome.EndedByInputs)
            context.Console.WriteWholeLine($"keel: the run ended with the application's scripted inputs ({RenodeAdditions.Folder}/{RenodeAdditions.InputsFile}).");
        else if (outcome.ExitCode != 0)
            throw new CliError($"the image stopped with status {outcome.ExitCode}.", again, ExitCodes.Failed);
        IReadOnlyList<string> dead = ConsoleTranscript.UnhandledFaults(outcome.Console);
        if (dead.Count > 0)
            throw new CliError($"task {string.Join(", ", dead)} faulted with no fault handler (the kernel's report is above).", again, ExitCodes.Failed);
        return ExitCodes.Success;
    }

    // The status a panicking image stops with (board/Board.Common.cs, ExitPanic).
    public const int PanicStatus = 101;
}
