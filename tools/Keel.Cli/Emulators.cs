// Booting an image under an emulator with its console shown line by line, and fault
// reports symbolised beneath their lines as they arrive.
//
// QEMU (netduinoplus2, the STM32F405) runs with the command line of Keel.Emulation's
// Qemu and ends when the image stops itself through semihosting; its exit status is
// the image's. Renode (nucleo-f401re) runs through Keel.Emulation's Renode, with the
// application's own devices and inputs (RenodeAdditions, its renode/ folder): the
// console comes live from Renode's socket terminal, and the run ends when the image
// stops (its status from the board script's stop hook), when the inputs end it, or
// after a bounded emulated time. Renode itself must end cleanly (status 0).
using Keel.Cli.Faults;
using Keel.Cli.Inspect;
using Keel.Emulation;
using Spectre.Console;

namespace Keel.Cli;

public sealed record EmulatorOutcome(string Console, int? ExitCode, bool TimedOut, bool EndedByInputs = false);

public sealed class Emulators(CliContext context, Workspace workspace)
{
    public const string Qemu = "qemu";
    public const string Renode = "renode";
    public static readonly string[] Names = [Qemu, Renode];

    public const string RenodeInstall =
        "wget https://github.com/renode/renode/releases/download/v1.16.1/renode-1.16.1.linux-portable-dotnet.tar.gz && mkdir -p ~/renode && tar xf renode-1.16.1.linux-portable-dotnet.tar.gz -C ~/renode --strip-components=1 && export RENODE=~/renode/renode";

    // The emulated time an image may run on Renode when the command gives no limit.
    public static readonly TimeSpan RenodeDefaultTime = TimeSpan.FromSeconds(30);

    // The local port of Renode's console terminal; 0: a free one for each run.
    public int RenodeConsolePort { get; init; }

    // The board each emulator models.
    public static string Board(string emulator) => emulator == Renode ? Keel.Emulation.Renode.Board : new Keel.Emulation.Qemu().Machine;

    // QEMU's command line; with `gdb`, halted at reset for gdb on `gdbPort` (QEMU's
    // default when null).
    public static IReadOnlyList<string> QemuArguments(string elf, bool gdb, int? gdbPort) =>
        new Keel.Emulation.Qemu { ExtraArguments = gdb ? Gdb.QemuArguments(gdbPort) : [] }.Arguments(elf);

    // $RENODE, then `renode` on PATH.
    public string FindRenode()
    {
        string? found = Keel.Emulation.Renode.Locate(context.Environment, workspace.SearchPath);
        if (found is not null)
            return found;
        string variable = Keel.Emulation.Renode.EnvironmentVariable;
        string? configured = context.Environment(variable);
        throw string.IsNullOrEmpty(configured)
            ? new CliError("Renode is not installed (it is no Debian package; see renode-scripts/README.md).", RenodeInstall, ExitCodes.MissingTool)
            : new CliError($"{variable} is {configured}, which does not exist.", $"export {variable}=<path to the renode program>", ExitCodes.MissingTool);
    }

    // `renodeAdditions`: the application's devices and inputs, for Renode.
    // `dumps`: under QEMU without gdb, save a dump at a panic or an unhandled fault.
    public async Task<EmulatorOutcome> RunAsync(string emulator, string elf, FaultSymboliser symboliser, bool gdb = false, TimeSpan? timeLimit = null, int? gdbPort = null,
        RenodeAdditions? renodeAdditions = null, FaultDumps? dumps = null)
    {
        void Show(string line) => context.Console.WriteSymbolised(line, symboliser);

        if (emulator == Qemu)
        {
            string qemu = workspace.RequireTool(Keel.Emulation.Qemu.Executable, Keel.Emulation.Qemu.InstallCommand);
            if (gdb)
            {
                int port = gdbPort ?? Gdb.DefaultPort;
                context.Console.MarkupLine($"QEMU waits for gdb on port {port}. Attach with symbols from another terminal:");
                context.Console.WriteWholeLine("  " + Gdb.AttachCommand(elf, port));
                if (workspace.FindTool(Gdb.Executable) is null)
                    context.Console.WriteWholeLine($"  ({Gdb.Executable} is not installed: {Gdb.InstallCommand})");
            }
            if (dumps is null || gdb)
            {
                ProcessResult result = await context.Runner.RunAsync(qemu, QemuArguments(elf, gdb, gdbPort), Show, timeLimit);
                return new EmulatorOutcome(result.Output, result.ExitCode, result.TimedOut);
            }
            int dumpPort = LocalPorts.Free();
            using var stopWatching = new CancellationTokenSource();
            using var stopQemu = new CancellationTokenSource();
            Task<bool> watching = Task.Run(() =>
            {
                bool attached = dumps.Watch(dumpPort, stopWatching.Token);
                if (!attached)
                    stopQemu.Cancel();
                return attached;
            });
            ProcessResult watched = await context.Runner.RunAsync(qemu,
                new Keel.Emulation.Qemu { ExtraArguments = ["-gdb", $"tcp:127.0.0.1:{dumpPort}", "-S"] }.Arguments(elf), Show, timeLimit, stopQemu.Token);
            stopWatching.Cancel();
            if (!await watching)
                throw new CliError($"QEMU's gdb stub, through which keel run saves a dump at a failure, did not answer within {FaultDumps.AttachLimit.TotalSeconds} s.",
                    "run the command again (a loaded machine); keel run --gdb starts QEMU without it", ExitCodes.Failed);
            return new EmulatorOutcome(watched.Output, watched.ExitCode, watched.TimedOut);
        }

        var renode = new Keel.Emulation.Renode
        {
            Executable = FindRenode(),
            EmulatedTime = timeLimit ?? RenodeDefaultTime,
            ConsolePort = RenodeConsolePort,
            Commands = (renodeAdditions ?? RenodeAdditions.None).Commands,
        };
        EmulatorRun run = await renode.RunAsync(elf, onLine: Show);
        bool renodeFailed = run.EmulatorExitCode is int status && status != 0;
        if (run.TimedOut || renodeFailed)
        {
            // The image never stopped, or Renode did not end cleanly: it ran out of
            // time, or Renode itself failed (a script error, a crash); its own errors
            // say which.
            foreach (string line in run.EmulatorOutput!.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)))
                context.Console.MarkupLine($"[red]renode: {Markup.Escape(line)}[/]");
        }
        if (renodeFailed && !run.TimedOut)
            throw new CliError($"Renode exited with status {run.EmulatorExitCode} (its errors are above).", "run the command again; if it recurs, report it with Renode's log", ExitCodes.Failed);
        return new EmulatorOutcome(run.Console, run.ExitCode, run.TimedOut, run.EndedByInputs);
    }
}
