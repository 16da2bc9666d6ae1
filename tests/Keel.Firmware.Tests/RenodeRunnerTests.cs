using System.Net;
using System.Net.Sockets;
using System.Text;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// Keel.Emulation's Renode runner against a stand-in `renode` script, so it runs where
// Renode is not installed: the command line it gives Renode, the console it reads
// from Renode's socket terminal (this test plays the terminal's server), and the
// image's status it takes from the board script's stop hook. The stand-in is named
// to the runner directly: nothing here touches the process's environment, so these
// tests and the real Renode ones (TargetSuiteOnRenode) can run side by side.
public class RenodeRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("keel-fake-renode-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A stand-in that records its arguments, waits until the console was served, and
    // prints `renodeOutput` as Renode's log would.
    private Renode StandIn(string renodeOutput, int consolePort, double emulatedSeconds = 2.5)
    {
        string fake = Path.Combine(_folder, "renode");
        File.WriteAllText(fake, $"""
            #!/bin/sh
            printf '%s\n' "$@" > "$(dirname "$0")/arguments"
            sleep 1
            printf '{renodeOutput}'
            """);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new Renode { Executable = fake, ConsolePort = consolePort, EmulatedTime = TimeSpan.FromSeconds(emulatedSeconds) };
    }

    private string Image()
    {
        string image = Path.Combine(_folder, "image.elf");
        File.WriteAllText(image, "");
        return image;
    }

    // Plays Renode's console terminal: accepts the runner's connection, sends `console`
    // and closes, as Renode does when it quits.
    private static async Task ServeConsole(TcpListener terminal, string console)
    {
        using TcpClient runner = await terminal.AcceptTcpClientAsync();
        await runner.GetStream().WriteAsync(Encoding.UTF8.GetBytes(console));
    }

    // Runs an image on a stand-in that logs `renodeOutput` while this test serves `console`.
    private async Task<EmulatorRun> RunOnStandIn(string renodeOutput, string console)
    {
        var terminal = new TcpListener(IPAddress.Loopback, 0);
        terminal.Start();
        Renode renode = StandIn(renodeOutput, ((IPEndPoint)terminal.LocalEndpoint).Port);
        Task served = ServeConsole(terminal, console);

        EmulatorRun run = await renode.RunAsync(Image());
        await served;
        terminal.Stop();
        return run;
    }

    [Fact]
    public async Task TheConsoleComesFromTheSocketAndTheStatusFromTheStopHook()
    {
        var terminal = new TcpListener(IPAddress.Loopback, 0);
        terminal.Start();
        int port = ((IPEndPoint)terminal.LocalEndpoint).Port;
        Renode renode = StandIn("12:00:00.0000 [INFO] cpu: keel: image stopped with status 3\\n", port);
        Task served = ServeConsole(terminal, "Starting test IPC0001 A\r\nPASS IPC0001\r\n1 passed, 0 failed\r\n");
        var lines = new List<string>();

        EmulatorRun run = await renode.RunAsync(Image(), onLine: lines.Add);
        await served;
        terminal.Stop();

        Assert.Equal("Starting test IPC0001 A\nPASS IPC0001\n1 passed, 0 failed\n", run.Console);
        Assert.Equal(["Starting test IPC0001 A", "PASS IPC0001", "1 passed, 0 failed"], lines);
        Assert.Equal((3, false), (run.ExitCode, run.TimedOut));
        Assert.Contains("keel: image stopped with status 3", run.EmulatorOutput);
        Assert.StartsWith(Path.Combine(_folder, "renode") + " --disable-gui", run.CommandLine);
        string[] arguments = File.ReadAllLines(Path.Combine(_folder, "arguments"));
        Assert.Equal(["--disable-gui", "--console", "--plain", "-e"], arguments[..4]);
        Assert.Equal(
            $"$elf=@{Path.Combine(_folder, "image.elf")}; include @{Renode.BoardScript}; " +
            $"emulation CreateServerSocketTerminal {port} \"keel_console\" false; connector Connect sysbus.usart2 keel_console; " +
            "runMacro $end_when_stopped; emulation RunFor \"2.5\"; quit",
            arguments[4]);
    }

    // An application's own devices and settings (Commands) go after the machine is set
    // up and before the bounded run, each one monitor command.
    [Fact]
    public void CommandsRunAfterTheMachineIsSetUpAndBeforeTheBoundedRun()
    {
        var renode = new Renode { Commands = ["machine LoadPlatformDescription @/x/devices.repl", "i2c1.tmp103 Temperature 21"], EmulatedTime = TimeSpan.FromSeconds(2.5) };

        Assert.Equal(
            $"$elf=@/x/image.elf; include @{Renode.BoardScript}; " +
            "emulation CreateServerSocketTerminal 4321 \"keel_console\" false; connector Connect sysbus.usart2 keel_console; " +
            "runMacro $end_when_stopped; " +
            "machine LoadPlatformDescription @/x/devices.repl; i2c1.tmp103 Temperature 21; " +
            "emulation RunFor \"2.5\"; quit",
            renode.Arguments("/x/image.elf", 4321)[4]);
    }

    // An application's renode/ folder: its devices load first, then its inputs run,
    // each file only where it exists.
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void AnApplicationsRenodeFolderGivesItsDevicesThenItsInputs(bool devices, bool inputs)
    {
        string app = Path.Combine(_folder, "my app");
        string additions = Path.Combine(app, RenodeAdditions.Folder);
        Directory.CreateDirectory(additions);
        if (devices)
            File.WriteAllText(Path.Combine(additions, "devices.repl"), "");
        if (inputs)
            File.WriteAllText(Path.Combine(additions, "inputs.resc"), "");

        Assert.Equal(
            [
                .. devices ? [$"machine LoadPlatformDescription @{_folder}/my\\ app/renode/devices.repl"] : Array.Empty<string>(),
                .. inputs ? [$"include @{_folder}/my\\ app/renode/inputs.resc"] : Array.Empty<string>(),
            ],
            RenodeAdditions.Of(app).Commands);
    }

    [Fact]
    public async Task AnImageThatNeverStopsTimesOutWithWhatItPrinted()
    {
        EmulatorRun run = await RunOnStandIn("12:00:00.0000 [INFO] nucleo-f401re: Machine paused.\\n", "hello\r\nhalf a li");

        Assert.Equal(("hello\nhalf a li", (int?)null, true), (run.Console, run.ExitCode, run.TimedOut));
    }

    // An application that serves for ever ends its scripted inputs with end_of_inputs:
    // neither a status nor a time-out. The image's own stop, when it came first, wins.
    [Theory]
    [InlineData("12:00:00.0000 [INFO] Monitor: Script: keel: the scripted inputs ended the run\\n", null, true)]
    [InlineData("12:00:00.0000 [INFO] cpu: keel: image stopped with status 101\\n12:00:01.0000 [INFO] Monitor: Script: keel: the scripted inputs ended the run\\n", 101, false)]
    public async Task ScriptedInputsMayEndTheRun(string renodeOutput, int? status, bool endedByInputs)
    {
        EmulatorRun run = await RunOnStandIn(renodeOutput, "button: press 3, LED toggled: Ok\r\n");

        Assert.Equal((status, false, endedByInputs, 0), (run.ExitCode, run.TimedOut, run.EndedByInputs, run.EmulatorExitCode));
    }

    // Renode's own status is kept apart from the image's: a Renode that aborts after the
    // image stopped says so.
    [Fact]
    public async Task RenodesOwnExitStatusIsKept()
    {
        EmulatorRun run = await RunOnStandIn("12:00:00.0000 [INFO] cpu: keel: image stopped with status 0\\n'; exit 134; printf '", "done\r\n");

        Assert.Equal((0, 134), (run.ExitCode, run.EmulatorExitCode));
        Assert.Contains("(the emulator exited with status 134)", run.Describe());
    }

    [Fact]
    public async Task ARenodeThatNeverOpensItsTerminalLeavesAnEmptyConsole()
    {
        // A port nobody listens on: the runner keeps trying until Renode has ended.
        var unused = new TcpListener(IPAddress.Loopback, 0);
        unused.Start();
        int port = ((IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();
        Renode renode = StandIn("There was an error executing command 'include'\\n", port);

        EmulatorRun run = await renode.RunAsync(Image());

        Assert.Equal(("", true), (run.Console, run.TimedOut));
        Assert.Contains("There was an error", run.EmulatorOutput);
    }

    [Theory]
    [InlineData("... [INFO] cpu: keel: image stopped with status 0\n", 0u)]
    [InlineData("noise\n16:20:27.9233 [INFO] cpu: keel: image stopped with status 101\nmore\n", 101u)]
    [InlineData("16:20:27.9233 [INFO] nucleo-f401re: Machine paused.\n", null)]
    public void TheStatusIsTheStopHooksLine(string output, uint? status) => Assert.Equal(status, Renode.StoppedStatus(output));
}
