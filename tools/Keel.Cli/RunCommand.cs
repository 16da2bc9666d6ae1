// keel run [app] [--emulator qemu|renode] [--gdb [--gdb-port N]] [--time-limit S] [--no-build]:
// builds the application for the emulator's board (unless --no-build) and boots it
// with the console attached. The run has gone well when the image stopped itself with
// status 0 and no task died for want of a fault handler (the kernel's report line).
using System.Text.RegularExpressions;
using Keel.Cli.Faults;

namespace Keel.Cli;

public static partial class RunCommand
{
    public const string Usage = "keel run [app] [--emulator qemu|renode] [--gdb [--gdb-port N]] [--time-limit S] [--no-build]";

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments)
    {
        var parsed = new Arguments(arguments, "run", ["--gdb", "--no-build"], ["--emulator", "--time-limit", "--gdb-port"], 1);
        string emulator = parsed.Choice("run", "--emulator", Emulators.Names);
        bool gdb = parsed.Flag("--gdb");
        if (gdb && emulator != Emulators.Qemu)
            throw CliError.Usage("run: --gdb works with --emulator qemu only.");
        int? gdbPort = parsed.WholeNumber("run", "--gdb-port", maximum: 65535);
        if (gdbPort is not null && !gdb)
            throw CliError.Usage("run: --gdb-port is the port of --gdb; give both.");
        TimeSpan? limit = parsed.Seconds("run", "--time-limit");
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(parsed.Positional(0), context.CurrentDirectory);
        string board = Emulators.Board(emulator);
        var emulators = new Emulators(context, workspace);
        if (emulator == Emulators.Renode)
            emulators.FindRenode();

        if (!parsed.Flag("--no-build"))
            await BuildCommand.BuildAsync(context, workspace, app, board);
        string elf = app.RequireImage(workspace, board);
        var symboliser = FaultSymboliser.For(elf, app.Layout(workspace, board), workspace);
        EmulatorOutcome outcome = await emulators.RunAsync(emulator, elf, symboliser, gdb, limit, gdbPort);
        string folder = Path.GetRelativePath(workspace.Root, app.Folder);
        // Line by line debugging is QEMU's (gdb); a Renode run is debugged there too.
        string again = $"keel run {folder} --gdb";
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
        if (outcome.ExitCode != 0)
            throw new CliError($"the image stopped with status {outcome.ExitCode}.", again, ExitCodes.Failed);
        string[] dead = UnhandledFault().Matches(outcome.Console).Select(m => m.Groups["task"].Value).Distinct().ToArray();
        if (dead.Length > 0)
            throw new CliError($"task {string.Join(", ", dead)} faulted with no fault handler (the kernel's report is above).", again, ExitCodes.Failed);
        return ExitCodes.Success;
    }

    // The status a panicking image stops with (board/Board.Common.cs, ExitPanic).
    public const int PanicStatus = 101;

    // The kernel's report of a fault nobody handles (hal/Port/KernelPort.cs).
    [GeneratedRegex(@"^keel: task (?<task>\S+) faulted .*, and has no fault handler: suspended$", RegexOptions.Multiline)]
    private static partial Regex UnhandledFault();
}
