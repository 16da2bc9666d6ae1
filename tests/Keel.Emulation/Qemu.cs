// Runs an image on QEMU's emulated STM32 board, headless, bounded by emulated work.
//
// USART2 (the port a Nucleo board wires to its ST-LINK, and Keel's console) is QEMU's
// second serial port, so the first goes to null and the second to stdout. A run that
// talks to USART1 (the first) listens on a local TCP port and gives it as Usart1Port:
// QEMU connects USART1 to it, both ways, before the guest runs its first instruction,
// so no byte is lost however late the listener's owner reads (QEMU serving the port
// itself would drop what the guest sends before a reader connects). Semihosting
// is enabled for privileged code only: an image ends the run with a status code
// through the kernel's Halt platform call (a privileged semihosting exit), and a task's
// own semihosting trap (`bkpt 0xab` in unprivileged code) never reaches the host, so no
// task can open, read or write host files.
//
// Time is emulated work, not the host's (Icount, -icount): each instruction takes the
// same emulated time however busy the host is, so an image's timers, deadlines and time
// slices fall at the same points of its work on a loaded machine as on an idle one. A
// run that does not end by itself within its InstructionBudget (counted by QEMU,
// asked through QemuMonitor) is killed and reported as timed out together with
// everything it printed: a hung image fails its test, it never hangs the suite, and a
// busy host only makes the run take longer. TimeLimit, minutes of wall-clock time, is
// only the safety net for a QEMU that hangs or a host far too slow, and says so.
// (Arguments alone, as `keel run` uses them, keep QEMU's own clock: an interactive run
// follows the host's time.)

namespace Keel.Emulation;

public sealed class Qemu
{
    public const string Executable = "qemu-system-arm";
    public const string InstallCommand = "sudo apt-get install -y qemu-system-arm";

    public string Machine { get; init; } = "netduinoplus2";

    // One instruction is 2^3 = 8 ns of emulated time (a 125 MHz core, near the board's
    // 168 MHz); align=off: never slowed to the host's pace; sleep=off: an idle core skips
    // to its next timer at once, so idle time costs the host nothing either.
    public const string EmulatedWorkIcount = "shift=3,align=off,sleep=off";

    // One instruction is one nanosecond, so a timer's count is an instruction count:
    // the benchmark's clock (bench/Keel.Bench).
    public const string InstructionCountIcount = "shift=0,align=off,sleep=off";

    // An idle core's time follows the host's (sleep=on), for a run whose host is a
    // party to the image's deadlines: a test that types into an image timing its idleness.
    public const string IdleFollowsHostIcount = "shift=3,align=off,sleep=on";

    public string Icount { get; init; } = EmulatedWorkIcount;

    // The most instructions the image may execute before the run ends as timed out:
    // 32 s of emulated work at EmulatedWorkIcount's pace, ten times what the longest
    // image (the fuzzer, 0.36 billion) runs.
    public long InstructionBudget { get; init; } = 4_000_000_000;

    // The wall-clock safety net: a QEMU still running after this is killed, and the run
    // says the host was too slow (EmulatorRun.WallClockLimitReached).
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(15);

    // Extra arguments, e.g. "-d unimp" for a log of accesses to devices QEMU does not model.
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    // A local TCP port, listening, to which QEMU connects USART1; null: USART1 goes nowhere.
    public int? Usart1Port { get; init; }

    public IReadOnlyList<string> Arguments(string imagePath) =>
    [
        "-M", Machine,
        "-nographic",
        "-monitor", "none",
        .. Usart1Port is int port
            ? new[] { "-chardev", $"socket,id=usart1,host=127.0.0.1,port={port}", "-serial", "chardev:usart1" }
            : ["-serial", "null"],
        "-serial", "stdio",
        "-semihosting-config", "enable=on,target=native",
        .. ExtraArguments,
        "-kernel", imagePath,
    ];

    // The arguments of a run bounded by emulated work: Arguments, with the clock made
    // of instructions and the monitor that counts them served on `monitorSocket`.
    public IReadOnlyList<string> BoundedArguments(string imagePath, string monitorSocket) =>
        [.. Arguments(imagePath).SkipLast(2), "-icount", Icount, .. QemuMonitor.Arguments(monitorSocket), .. Arguments(imagePath).TakeLast(2)];

    // Runs the image; `onLine`, when given, receives each console line as it is printed.
    public async Task<EmulatorRun> RunAsync(string imagePath, CancellationToken cancellation = default, Action<string>? onLine = null)
    {
        if (!File.Exists(imagePath))
            throw new FileNotFoundException($"Firmware image not found: {imagePath} (build it first: dotnet build Firmware.sln)", imagePath);
        string qemu = HostTools.Require(Executable, InstallCommand);
        string folder = Directory.CreateTempSubdirectory("keel-qemu-").FullName;
        try
        {
            string monitorSocket = Path.Combine(folder, "qmp");
            EmulatorRun run = await HostProcess.RunAsync(qemu, BoundedArguments(imagePath, monitorSocket), TimeLimit, cancellation, onLine,
                emulatedBound: stop => QemuMonitor.WaitForInstructionsAsync(monitorSocket, InstructionBudget, stop));
            return run with { Bound = $"its budget of {InstructionBudget} instructions (-icount {Icount})" };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
