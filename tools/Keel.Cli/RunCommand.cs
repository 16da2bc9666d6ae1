// keel run [app] [--emulator qemu|renode] [--gdb] [--time-limit S] [--no-build]:
// builds the application for the emulator's board (unless --no-build) and boots it
// with the console attached.
using Keel.Cli.Faults;

namespace Keel.Cli;

public static class RunCommand
{
    public const string Usage = "keel run [app] [--emulator qemu|renode] [--gdb] [--time-limit S] [--no-build]";

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments)
    {
        var parsed = new Arguments(arguments, "run", ["--gdb", "--no-build"], ["--emulator", "--time-limit"], 1);
        string emulator = parsed.Choice("run", "--emulator", Emulators.Names);
        bool gdb = parsed.Flag("--gdb");
        if (gdb && emulator != Emulators.Qemu)
            throw CliError.Usage("run: --gdb works with --emulator qemu only.");
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
        var symboliser = FaultSymboliser.For(elf, app.Layout(workspace, board));
        EmulatorOutcome outcome = await emulators.RunAsync(emulator, elf, symboliser, gdb, limit);
        string again = $"keel run {Path.GetRelativePath(workspace.Root, app.Folder)} --gdb";
        if (outcome.TimedOut)
            throw new CliError($"the image did not stop within the time limit of {limit?.TotalSeconds} s.", again, ExitCodes.Failed);
        if (outcome.ExitCode != 0)
            throw new CliError($"the image stopped with status {outcome.ExitCode}{(outcome.ExitCode == 101 ? " (a panic)" : "")}.", again, ExitCodes.Failed);
        return ExitCodes.Success;
    }
}
