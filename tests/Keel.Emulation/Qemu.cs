// Runs an image on QEMU's emulated STM32 board, headless, with a wall-clock limit.
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
// task can open, read or write host files. A run that does not end by itself within the limit is killed and
// reported as timed out together with everything it printed: a hung image fails its
// test, it never hangs the suite.

namespace Keel.Emulation;

public sealed class Qemu
{
    public const string Executable = "qemu-system-arm";
    public const string InstallCommand = "sudo apt-get install -y qemu-system-arm";

    public string Machine { get; init; } = "netduinoplus2";

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    // Extra arguments, e.g. "-icount shift=0,align=off,sleep=off" for exact counts.
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

    // Runs the image; `onLine`, when given, receives each console line as it is printed.
    public async Task<EmulatorRun> RunAsync(string imagePath, CancellationToken cancellation = default, Action<string>? onLine = null)
    {
        if (!File.Exists(imagePath))
            throw new FileNotFoundException($"Firmware image not found: {imagePath} (build it first: dotnet build Firmware.sln)", imagePath);
        string qemu = HostTools.Require(Executable, InstallCommand);
        return await HostProcess.RunAsync(qemu, Arguments(imagePath), TimeLimit, cancellation, onLine);
    }
}
