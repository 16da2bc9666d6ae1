// Runs an image on Renode's emulated Nucleo-F401RE, headless, through the repository's
// own renode-scripts/run-headless.resc: no GUI, no Robot Framework, only the monitor's
// commands. The script writes USART2 to a file and runs a bounded emulated time, then
// Renode quits; that file is the run's console. Renode ignores the semihosting exit
// Keel's images end with, so a run always lasts the whole emulated time, has no exit
// status of the image's, and is judged by its console alone (a closing line).
//
// Renode is not a Debian package. It is found through the RENODE environment variable
// (the executable's path), then as `renode` on PATH; without it, Locate returns null
// and callers say how to install it (InstallHint).
namespace Keel.Emulation;

public sealed class Renode
{
    public const string EnvironmentVariable = "RENODE";
    public const string Executable = "renode";
    public const string Board = "nucleo-f401re";
    public const string InstallHint =
        "Renode is not installed: install Renode 1.16 from https://github.com/renode/renode/releases " +
        "(renode-scripts/README.md shows the commands), then put `renode` on PATH or set RENODE to its path";

    // Emulated time the image runs for.
    public TimeSpan EmulatedTime { get; init; } = TimeSpan.FromSeconds(10);

    // Wall-clock limit on Renode itself (start-up included), after which it is killed.
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    // `environment` and `searchPath` replace the process's environment and PATH when given.
    public static string? Locate(Func<string, string?>? environment = null, string? searchPath = null)
    {
        string? configured = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
            return HostTools.Find(configured, searchPath);
        return HostTools.Find(Executable, searchPath);
    }

    public static string HeadlessScript => Path.Combine(Repository.Root, "renode-scripts", "run-headless.resc");

    // Renode's arguments: the variables run-headless.resc reads, then the script.
    public IReadOnlyList<string> Arguments(string imagePath, string consoleFile, string logFile) =>
    [
        "--disable-gui",
        "--console",
        "--plain",
        "-e",
        $"$elf=@{MonitorPath(imagePath)}; $console=@{MonitorPath(consoleFile)}; $logfile=@{MonitorPath(logFile)}; " +
        $"$time=\"{EmulatedTime.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"; " +
        $"include @{MonitorPath(HeadlessScript)}",
    ];

    public async Task<EmulatorRun> RunAsync(string imagePath, CancellationToken cancellation = default)
    {
        if (!File.Exists(imagePath))
            throw new FileNotFoundException($"Firmware image not found: {imagePath} (build it first: dotnet build <app> -p:KeelBoard={Board})", imagePath);
        string renode = Locate() ?? throw new MissingToolException(Executable, InstallHint);

        string folder = Directory.CreateTempSubdirectory("keel-renode-run-").FullName;
        try
        {
            string consoleFile = Path.Combine(folder, "console.log");
            EmulatorRun run = await HostProcess.RunAsync(renode, Arguments(imagePath, consoleFile, Path.Combine(folder, "renode.log")), TimeLimit, cancellation);
            string console = File.Exists(consoleFile) ? File.ReadAllText(consoleFile).Replace("\r\n", "\n") : "";
            // The console is the image's; Renode's own output stays available for a
            // failing test's description.
            return run with { Console = console, EmulatorOutput = run.Console };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // An absolute path as the monitor reads it after `@`: spaces escaped.
    private static string MonitorPath(string path) => Path.GetFullPath(path).Replace(" ", "\\ ");
}
