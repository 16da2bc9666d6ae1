// Booting an image under an emulator with its console shown line by line, and fault
// reports symbolised beneath their lines as they arrive.
//
// QEMU (netduinoplus2, the STM32F405) runs with the command line of Keel.Emulation's
// Qemu and ends when the image stops itself through semihosting; its exit status is
// the image's. Renode (nucleo-f401re) runs with the command line of Keel.Emulation's
// Renode (renode-scripts/run-headless.resc) for a fixed span of emulated time, writing
// the console to a file that is followed here.
using Keel.Cli.Faults;
using Keel.Emulation;
using Spectre.Console;

namespace Keel.Cli;

public sealed record EmulatorOutcome(string Console, int? ExitCode, bool TimedOut);

public sealed class Emulators(CliContext context, Workspace workspace)
{
    public const string Qemu = "qemu";
    public const string Renode = "renode";
    public static readonly string[] Names = [Qemu, Renode];

    public const string RenodeInstall =
        "wget https://github.com/renode/renode/releases/download/v1.16.0/renode-1.16.0.linux-portable-dotnet.tar.gz && mkdir -p ~/renode && tar xf renode-1.16.0.linux-portable-dotnet.tar.gz -C ~/renode --strip-components=1 && export RENODE=~/renode/renode";
    public const string GdbExecutable = "gdb-multiarch";
    public const string GdbInstall = "sudo apt-get install -y gdb-multiarch";
    public const int GdbPort = 1234;

    // The board each emulator models.
    public static string Board(string emulator) => emulator == Renode ? Keel.Emulation.Renode.Board : new Keel.Emulation.Qemu().Machine;

    public static string GdbCommand(string elf) => $"{GdbExecutable} -q {elf} -ex 'target remote :{GdbPort}'";

    public static IReadOnlyList<string> QemuArguments(string elf, bool gdb) =>
        new Keel.Emulation.Qemu { ExtraArguments = gdb ? ["-s", "-S"] : [] }.Arguments(elf);

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

    public async Task<EmulatorOutcome> RunAsync(string emulator, string elf, FaultSymboliser symboliser, bool gdb = false, TimeSpan? timeLimit = null)
    {
        void Show(string line)
        {
            context.Console.WriteLine(line);
            foreach (string note in symboliser.Annotate(line))
                context.Console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        }

        if (emulator == Qemu)
        {
            string qemu = workspace.RequireTool(Keel.Emulation.Qemu.Executable, Keel.Emulation.Qemu.InstallCommand);
            if (gdb)
            {
                context.Console.MarkupLine($"QEMU waits for gdb on port {GdbPort}. Attach with symbols from another terminal:");
                context.Console.WriteLine("  " + GdbCommand(elf));
                if (workspace.FindTool(GdbExecutable) is null)
                    context.Console.WriteLine($"  ({GdbExecutable} is not installed: {GdbInstall})");
            }
            ProcessResult result = await context.Runner.RunAsync(qemu, QemuArguments(elf, gdb), Show, timeLimit);
            return new EmulatorOutcome(result.Output, result.ExitCode, result.TimedOut);
        }

        string renode = FindRenode();
        string folder = Directory.CreateTempSubdirectory("keel-renode-").FullName;
        try
        {
            string console = Path.Combine(folder, "console.log");
            var run = timeLimit is TimeSpan time ? new Keel.Emulation.Renode { EmulatedTime = time } : new Keel.Emulation.Renode();
            using var follow = new CancellationTokenSource();
            Task<string> transcript = Follow(console, Show, follow.Token);
            // Renode runs the emulated time, then quits; the wall-clock limit only
            // catches a script that stopped half-way and waits at Renode's prompt.
            ProcessResult result = await context.Runner.RunAsync(renode, run.Arguments(elf, console, Path.Combine(folder, "renode.log")), timeLimit: run.TimeLimit);
            follow.Cancel();
            return new EmulatorOutcome(await transcript, result.TimedOut ? null : 0, result.TimedOut);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Shows the lines of a growing file until cancelled, then what is left; returns all of it.
    private static async Task<string> Follow(string path, Action<string> show, CancellationToken stop)
    {
        long shown = 0;
        var all = new System.Text.StringBuilder();
        string pending = "";
        bool last = false;
        while (!last)
        {
            last = stop.IsCancellationRequested;
            if (File.Exists(path))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                stream.Seek(shown, SeekOrigin.Begin);
                string text = await new StreamReader(stream).ReadToEndAsync(CancellationToken.None);
                shown = stream.Position;
                pending += text.Replace("\r", "");
                int end;
                while ((end = pending.IndexOf('\n')) >= 0)
                {
                    show(pending[..end]);
                    all.Append(pending[..(end + 1)]);
                    pending = pending[(end + 1)..];
                }
            }
            if (!last)
                await Task.Delay(200, CancellationToken.None);
        }
        if (pending.Length > 0)
        {
            show(pending);
            all.Append(pending);
        }
        return all.ToString();
    }
}
