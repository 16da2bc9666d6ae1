// Runs an image on Renode's emulated Nucleo-F401RE, headless: no GUI, no Robot
// Framework, only monitor commands. The machine is renode-scripts/keel-board.resc's
// (the one every Keel script shares); on top of it this runner
//
// - when asked (Usart1Port), serves USART1 the same way on a port of its own, for a
//   test that types into it and reads what the image sends;
// - connects USART2 to a server socket terminal (Renode's own console transport, the
//   one its `telnet`-style workflows use) on a free local port, and reads the console
//   from that socket as it is printed: exact bytes, live, with no file to share with
//   Renode (which locks the files it writes);
// - sets the board script's `end_when_stopped` hook, so the run ends when the image
//   stops (the Halt platform call, a panic), and takes the image's status from the line
//   the hook logs;
// - bounds the run with an emulated time (`emulation RunFor`), after which Renode
//   quits by itself: an image that never stops ends as timed out, deterministically,
//   however busy the host; and with a wall-clock safety net on the whole process, for
//   a Renode that hangs (a run it ends says the host was too slow, not the image);
// - runs a caller's monitor commands (Commands) between the set-up and that bounded
//   run: an application's own devices and inputs (RenodeAdditions), a test's button
//   press at a given emulated time (`emulation RunFor "0.3"; sysbus.gpioPortC.UserButton
//   PressAndRelease`), a model's log turned on (`logLevel -1 sysbus.gpioPortA.UserLED`,
//   which lands in EmulatorOutput). Inputs that end the run themselves (the board
//   script's `end_of_inputs`) end it as EndedByInputs, unless the image stopped first.
//
// Renode is not a Debian package. It is found through the RENODE environment variable
// (the executable's path), then as `renode` on PATH; without it, Locate returns null
// and callers say how to install it (InstallHint). A caller may also name the launcher
// itself (Executable), which is how the tests give it a stand-in.
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Keel.Emulation;

public sealed partial class Renode
{
    public const string EnvironmentVariable = "RENODE";
    public const string ExecutableName = "renode";
    public const string Board = "nucleo-f401re";
    public const string CheckedVersion = "1.16.1";
    public const string InstallHint =
        "Renode is not installed: install Renode " + CheckedVersion + " from https://github.com/renode/renode/releases " +
        "(renode-scripts/README.md shows the commands), then put `renode` on PATH or set RENODE to its path";

    // The launcher; null: Locate()'s.
    public string? Executable { get; init; }

    // The most emulated time the image runs for, if it does not stop before.
    public TimeSpan EmulatedTime { get; init; } = TimeSpan.FromSeconds(10);

    // EmulatedTime as the monitor reads it.
    private string EmulatedSeconds => EmulatedTime.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The wall-clock safety net on Renode itself (start-up included): a Renode still
    // running after it is killed, and the run says the host was too slow.
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    // The local port of the console's socket; 0: a free one, chosen for each run.
    public int ConsolePort { get; init; }

    // A local TCP port on which Renode serves USART1; null: USART1 is not connected.
    public int? Usart1Port { get; init; }

    // Monitor commands run in order once the machine is set up and before the bounded
    // run of EmulatedTime; an `emulation RunFor` among them runs the image that long
    // first (and counts toward no limit but TimeLimit).
    public IReadOnlyList<string> Commands { get; init; } = [];

    // `environment` and `searchPath` replace the process's environment and PATH when given.
    public static string? Locate(Func<string, string?>? environment = null, string? searchPath = null)
    {
        string? configured = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
            return HostTools.Find(configured, searchPath);
        return HostTools.Find(ExecutableName, searchPath);
    }

    // Beside the running program first (a packed keel carries renode-scripts/), else
    // in the repository.
    public static string BoardScript => Path.Combine(
        File.Exists(Path.Combine(AppContext.BaseDirectory, "renode-scripts", "keel-board.resc")) ? AppContext.BaseDirectory : Repository.Root,
        "renode-scripts", "keel-board.resc");

    // The console's terminal, as the monitor names it.
    private const string Terminal = "keel_console";

    // Renode's arguments: the image, the board script, the console's socket, the stop
    // hook and the emulated-time bound.
    public IReadOnlyList<string> Arguments(string imagePath, int consolePort) =>
    [
        "--disable-gui",
        "--console",
        "--plain",
        "-e",
        $"$elf=@{MonitorPath(imagePath)}; include @{MonitorPath(BoardScript)}; " +
        $"emulation CreateServerSocketTerminal {consolePort} \"{Terminal}\" false; connector Connect sysbus.usart2 {Terminal}; " +
        (Usart1Port is int usart1 ? $"emulation CreateServerSocketTerminal {usart1} \"keel_usart1\" false; connector Connect sysbus.usart1 keel_usart1; " : "") +
        $"runMacro $end_when_stopped; " +
        string.Concat(Commands.Select(command => command + "; ")) +
        $"emulation RunFor \"{EmulatedSeconds}\"; quit",
    ];

    // Runs the image; `onLine`, when given, receives each console line as it arrives.
    public async Task<EmulatorRun> RunAsync(string imagePath, CancellationToken cancellation = default, Action<string>? onLine = null)
    {
        if (!File.Exists(imagePath))
            throw new FileNotFoundException($"Firmware image not found: {imagePath} (build it first: dotnet build <app> -p:KeelBoard={Board})", imagePath);
        string renode = Executable ?? Locate() ?? throw NotFound();
        int port = ConsolePort != 0 ? ConsolePort : LocalPorts.Free();

        using var renodeExited = new CancellationTokenSource();
        Task<string> console = ReadConsoleAsync(port, onLine, renodeExited.Token);
        EmulatorRun run = await HostProcess.RunAsync(renode, Arguments(imagePath, port), TimeLimit, cancellation);
        renodeExited.Cancel();
        string transcript = await console;

        // The console is the image's; Renode's own output stays available for a
        // failing test's description, and says how the image ended.
        uint? status = StoppedStatus(run.Console);
        bool endedByInputs = status is null && EndOfInputsLine().IsMatch(run.Console);
        return run with
        {
            Console = transcript,
            EmulatorOutput = run.Console,
            EmulatorExitCode = run.ExitCode,
            ExitCode = status is uint s ? (int)s : null,
            TimedOut = status is null && !endedByInputs,
            EndedByInputs = endedByInputs,
            Bound = $"{EmulatedSeconds} s of emulated time",
        };
    }

    // Renode is neither where RENODE says nor on PATH.
    private static Exception NotFound()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrEmpty(configured)
            ? new MissingToolException(ExecutableName, InstallHint)
            : new FileNotFoundException($"{EnvironmentVariable} is {configured}, which does not exist: set it to the path of the renode program", configured);
    }

    // The status the board script's stop hook logged, if the image stopped.
    public static uint? StoppedStatus(string renodeOutput)
    {
        Match stopped = StoppedLine().Match(renodeOutput);
        return stopped.Success ? uint.Parse(stopped.Groups["status"].Value) : null;
    }

    // Connects to the console's socket as soon as Renode listens on it, and reads it
    // until Renode closes it (when it quits). A Renode that ends without ever listening
    // (a script that failed) leaves an empty console.
    private static async Task<string> ReadConsoleAsync(int port, Action<string>? onLine, CancellationToken renodeExited)
    {
        using TcpClient? client = await LocalPorts.ConnectWhenListeningAsync(port, renodeExited);
        if (client is null)
            return "";

        var transcript = new StringBuilder();
        try
        {
            await HostProcess.Pump(new StreamReader(client.GetStream(), Encoding.UTF8), transcript, onLine);
        }
        catch (IOException)
        {
            // A reset connection (Renode killed) ends the console like a closed one.
        }
        return transcript.ToString().Replace("\r\n", "\n");
    }


    // An absolute path as the monitor reads it after `@`: spaces escaped.
    public static string MonitorPath(string path) => Path.GetFullPath(path).Replace(" ", "\\ ");

    [GeneratedRegex(@"keel: image stopped with status (?<status>[0-9]+)")]
    private static partial Regex StoppedLine();

    // What the board script's `end_of_inputs` logs.
    [GeneratedRegex(@"keel: the scripted inputs ended the run")]
    private static partial Regex EndOfInputsLine();
}
