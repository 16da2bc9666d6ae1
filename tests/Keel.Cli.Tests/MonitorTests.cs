// keel monitor: a board's serial console, read through a pseudo-terminal standing in
// for the ST-LINK's virtual COM port, so the bytes go through the same open, stty and
// read as a board's; and how the port is found, and each way it can be missing.
using System.Runtime.InteropServices;
using System.Text;
using Keel.Cli;
using Microsoft.Win32.SafeHandles;

namespace Keel.Cli.Tests;

[Collection(BuildsCollection.Name)]
public class MonitorTests
{
    [Fact]
    public async Task ShowsTheConsoleLiveWithFaultsSymbolisedAndEndsWhenThePortCloses()
    {
        using var terminal = PseudoTerminal.Open();
        uint main = CliHarness.SymbolAddress("Rogue_Keel_Demo_Rogue_Program__Main");
        var output = new StringWriter();
        var context = CliHarness.Context(output);
        var error = new StringWriter();
        Task<int> monitor = KeelCli.RunAsync(context, ["monitor", "--board", "netduinoplus2", "--port", terminal.DevicePath], error);

        await WaitFor(output, "Monitoring ");
        terminal.Write($"supervisor: rogue faulted: memory access at address 0x20007000, pc 0x{main + 4:x8}\r\n");
        await WaitFor(output, "pc 0x");
        terminal.Dispose();
        int status = await monitor.WaitAsync(TimeSpan.FromSeconds(30));

        string text = output.ToString();
        Assert.Contains($"Monitoring {terminal.DevicePath} at 115200 baud", text);
        Assert.Contains($"supervisor: rogue faulted: memory access at address 0x20007000, pc 0x{main + 4:x8}\n", text);
        Assert.Contains($"    pc 0x{main + 4:x8}: task rogue, Keel.Demo.Rogue.Program.Main (Rogue) + 0x4", text);
        Assert.Equal(ExitCodes.Failed, status);
        Assert.Equal($"keel: error: the serial port {terminal.DevicePath} closed (was the board unplugged?).\nkeel: fix: keel monitor firmware/policy-demo --board netduinoplus2 --port {terminal.DevicePath}\n", error.ToString());
    }

    [Fact]
    public async Task EndsWithoutErrorAtItsTimeLimit()
    {
        using var terminal = PseudoTerminal.Open();
        CliResult result = await CliHarness.RunAsync(["monitor", "--board", "netduinoplus2", "--port", terminal.DevicePath, "--baud", "9600", "--time-limit", "0.5"]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Contains($"Monitoring {terminal.DevicePath} at 9600 baud", result.Output);
    }

    [Fact]
    public void FindsTheStLinkByIdThenAnyAcmPort()
    {
        string devices = Directory.CreateTempSubdirectory("keel-dev-").FullName;
        Assert.Null(MonitorCommand.FindPort(devices));
        File.WriteAllText(Path.Combine(devices, "ttyACM1"), "");
        File.WriteAllText(Path.Combine(devices, "ttyACM0"), "");
        Assert.Equal(Path.Combine(devices, "ttyACM0"), MonitorCommand.FindPort(devices));
        string byId = Directory.CreateDirectory(Path.Combine(devices, "serial", "by-id")).FullName;
        File.WriteAllText(Path.Combine(byId, "usb-FTDI_FT232R-if00-port0"), "");
        File.WriteAllText(Path.Combine(byId, "usb-STMicroelectronics_STM32_STLink_066DFF-if02"), "");
        Assert.Equal(Path.Combine(byId, "usb-STMicroelectronics_STM32_STLink_066DFF-if02"), MonitorCommand.FindPort(devices));
    }

    [Fact]
    public async Task WithNoBoardAttachedItSaysWhereItLooked()
    {
        string devices = Directory.CreateTempSubdirectory("keel-dev-").FullName;
        var error = new StringWriter();
        var context = CliHarness.Context(new StringWriter()) with { DeviceRoot = devices };
        int status = await KeelCli.RunAsync(context, ["monitor", "--board", "netduinoplus2"], error);
        Assert.Equal(ExitCodes.ProbeFailed, status);
        Assert.Equal($"keel: error: no board's serial port was found (no {devices}/serial/by-id/*STLink* or *STMicroelectronics*, no {devices}/ttyACM*).\n" +
                     $"keel: fix: {MonitorCommand.NoPortHint}\n", error.ToString());
    }

    [Fact]
    public async Task AMissingPortIsNamed()
    {
        CliResult result = await CliHarness.RunAsync(["monitor", "--board", "netduinoplus2", "--port", "/dev/ttyNOPE9"]);
        Assert.Equal(ExitCodes.ProbeFailed, result.ExitCode);
        Assert.Equal($"keel: error: the serial port /dev/ttyNOPE9 does not exist.\nkeel: fix: {MonitorCommand.NoPortHint}\n", result.Error);
    }

    // Serial ports belong to group dialout. (As root, a file only its owner may write
    // stands in: root is refused reading it.)
    [Fact]
    public async Task APortItMayNotOpenGetsTheDialoutFix()
    {
        string port = Environment.UserName == "root" ? "/proc/sys/vm/compact_memory" : Unreadable();
        CliResult result = await CliHarness.RunAsync(["monitor", "--board", "netduinoplus2", "--port", port]);
        Assert.Equal(ExitCodes.ProbeFailed, result.ExitCode);
        Assert.Equal($"keel: error: no permission to open {port} (a serial port belongs to group dialout).\n" +
                     "keel: fix: sudo usermod -aG dialout $USER, then log out and in again\n", result.Error);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0")]
    public async Task ABaudRateMustBeAPositiveNumber(string baud)
    {
        CliResult result = await CliHarness.RunAsync(["monitor", "--baud", baud]);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"keel: error: monitor: --baud must be a positive whole number, not '{baud}'.\nkeel: fix: keel --help\n", result.Error);
    }

    private static string Unreadable()
    {
        string path = Path.GetTempFileName();
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.None);
        return path;
    }

    private static async Task WaitFor(StringWriter output, string text)
    {
        for (int i = 0; i < 300 && !output.ToString().Contains(text, StringComparison.Ordinal); i++)
            await Task.Delay(100);
        Assert.Contains(text, output.ToString());
    }

    // A pseudo-terminal pair: the monitor opens the device (the slave, /dev/pts/N) as it
    // would a board's port; the test writes what the board would send into the master.
    private sealed class PseudoTerminal : IDisposable
    {
        private const int ReadWrite = 2;
        private const int NoControllingTerminal = 0x100;
        private readonly FileStream _master;

        private PseudoTerminal(FileStream master, string devicePath)
        {
            _master = master;
            DevicePath = devicePath;
        }

        public string DevicePath { get; }

        public static PseudoTerminal Open()
        {
            int master = posix_openpt(ReadWrite | NoControllingTerminal);
            if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
                throw new InvalidOperationException("no pseudo-terminal: " + Marshal.GetLastPInvokeErrorMessage());
            string device = Marshal.PtrToStringAnsi(ptsname(master))!;
            return new PseudoTerminal(new FileStream(new SafeFileHandle(master, ownsHandle: true), FileAccess.ReadWrite, 0), device);
        }

        public void Write(string text)
        {
            _master.Write(Encoding.ASCII.GetBytes(text));
            _master.Flush();
        }

        public void Dispose() => _master.Dispose();

        [DllImport("libc", SetLastError = true)]
        private static extern int posix_openpt(int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int grantpt(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int unlockpt(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr ptsname(int fd);
    }
}
