using System.Net;
using System.Net.Sockets;
using System.Text;
using Keel.Cli;
using Keel.Emulation;

namespace Keel.Cli.Tests;

// keel build and keel run on the policy demo, for real (dotnet build, QEMU), and with
// fake tools where the real ones would wait (QEMU under --gdb) or are absent (Renode).
[Collection(BuildsCollection.Name)]
public class BuildAndRunTests
{
    [Fact]
    public async Task BuildPrintsOneRowPerTaskWithBudgetsAndWaste()
    {
        CliResult result = await CliHarness.RunAsync(["build"]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Contains("Built firmware/policy-demo for netduinoplus2", result.Output);
        Assert.Matches(@"policy-demo\.elf on netduinoplus2", result.Output);
        // ... its stack, the worst case the build computed for it, and what the MPU wastes.
        Assert.Matches(@"\n\s+rogue\s+\d+ \(\d+%\)\s+16384\s+\d+ \(\d+%\)\s+4096\s+2048\s+\d+\s+\d+/\d+\s*\n", result.Output);
        Assert.Contains("Alignment padding after the kernel: flash 0, RAM 0 bytes.", result.Output);
    }

    [Fact]
    public async Task AFailedBuildShowsItsErrorsAndExitsWithStatus3()
    {
        var runner = new FakeRunner((_, _) => new ProcessResult(1, false,
            "  Keel.Hal -> /x/Keel.Hal.dll\n/x/app.toml(20,1): error KEEL0100: task 'rogue': field 'ram': 3000 is not a power of two\n"));
        CliResult result = await CliHarness.RunAsync(["build"], runner: runner);
        Assert.Equal(ExitCodes.BuildFailed, result.ExitCode);
        Assert.Contains("/x/app.toml(20,1): error KEEL0100: task 'rogue': field 'ram': 3000 is not a power of two", result.Output);
        Assert.StartsWith("keel: error: the build of firmware/policy-demo for netduinoplus2 failed (the errors are above).\n" +
                          $"keel: fix: dotnet build {CliHarness.DemoFolder}/PolicyDemo.csproj -nologo -v:m -p:KeelBoard=netduinoplus2", result.Error);
    }

    // An error line wider than the terminal is printed whole, never wrapped mid-word:
    // editors and terminals link file(line,col) only when the line is intact.
    [Fact]
    public async Task ABuildErrorWiderThanTheTerminalIsNotWrapped()
    {
        string error = "/x/app.toml(69,1): error KEEL0106: task 'alice': field 'flash': the task needs 4848 bytes of flash but its window (TASK_ALICE_FLASH) holds 1024, 3824 bytes short: set flash = 8192 (a task's window is an MPU region, so its size is a power of two) [/x/PolicyDemo.csproj]";
        var runner = new FakeRunner((_, _) => new ProcessResult(1, false, error + "\n"));
        CliResult result = await CliHarness.RunAsync(["build"], runner: runner);
        Assert.Contains(error + "\n", result.Output);
    }

    // A task project built alone, as an editor builds it, finds its application's
    // app.toml and gets its generated capability names (Caps.X).
    [Fact]
    public async Task ATaskProjectBuildsOnItsOwn()
    {
        string project = Path.Combine(CliHarness.DemoFolder, "tasks", "alice", "Alice.csproj");
        ProcessResult result = await new ProcessRunner().RunAsync("dotnet", ["build", project, "-nologo", "-v:m"], timeLimit: TimeSpan.FromMinutes(5));
        Assert.True(result.Succeeded, result.Output);
    }

    // A project under an app.toml that does not list it has no capability names: the
    // build says so instead of failing on every Caps.X. (The task projects sit in a
    // folder of their own: a project beside app.toml is the application's image.)
    [Fact]
    public async Task AProjectTheDescriptionDoesNotListIsRefusedByName()
    {
        string folder = Directory.CreateTempSubdirectory("keel-stray-").FullName;
        WriteTaskProjects(folder, "tasks/Solo.csproj", "tasks/Stray.csproj");
        File.WriteAllText(Path.Combine(folder, "app.toml"), AppTomlTop("stray") + """
            [tasks.solo]
            project = "tasks/Solo.csproj"
            priority = 0
            stack = 1024
            flash = 16384
            ram = 4096
            """);

        ProcessResult result = await new ProcessRunner().RunAsync("dotnet", ["build", Path.Combine(folder, "tasks", "Stray.csproj"), "-nologo", "-v:m"], timeLimit: TimeSpan.FromMinutes(5));

        Assert.False(result.Succeeded);
        Assert.Contains($"error KEEL0107: Stray.csproj is no task of {folder}/app.toml (no [tasks.<name>] has project = \"tasks/Stray.csproj\"), so it has no capability names (Caps) to build with", result.Output);
    }

    // A task using a capability another task holds and it does not: the C# compiler
    // stops at the use with KEEL0110, naming the task and where its caps are in
    // app.toml, not with CS0117 ('Caps' does not contain a definition for 'Led').
    [Fact]
    public async Task ACapabilityTheTaskDoesNotHoldIsAnErrorNamingTheTaskAndAppToml()
    {
        string folder = Directory.CreateTempSubdirectory("keel-caps-").FullName;
        WriteTaskProjects(folder, "sensor/sensor.csproj", "panel/panel.csproj");
        File.WriteAllText(Path.Combine(folder, "sensor", "Program.cs"), """
            using System.Runtime.InteropServices;
            using Keel.UserLib;

            namespace Thermo.Sensor
            {
                public static class Program
                {
                    [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
                    private static void Main()
                    {
                        Console.WriteDecimal(Keel.Tasks.Caps.Led);
                    }
                }
            }
            """);
        File.WriteAllText(Path.Combine(folder, "app.toml"), AppTomlTop("thermo") + """
            [endpoints]
            led = {}
            [tasks.sensor]
            project = "sensor/sensor.csproj"
            priority = 1
            stack = 1024
            flash = 16384
            ram = 4096
            [tasks.sensor.caps]
            log = { endpoint = "led", rights = ["write"] }
            [tasks.panel]
            project = "panel/panel.csproj"
            priority = 0
            stack = 1024
            flash = 16384
            ram = 4096
            [tasks.panel.caps]
            led = { endpoint = "led", rights = ["read"] }
            """);

        ProcessResult result = await new ProcessRunner().RunAsync("dotnet", ["build", Path.Combine(folder, "sensor", "sensor.csproj"), "-nologo", "-v:m"], timeLimit: TimeSpan.FromMinutes(5));

        Assert.False(result.Succeeded);
        Assert.Contains($"{folder}/sensor/Program.cs(11,34): error KEEL0110: 'Caps.Led' is obsolete: 'task 'sensor' holds no capability 'Led': add it to [tasks.sensor.caps] in app.toml(15,15)'", result.Output);
        Assert.DoesNotContain("CS0117", result.Output);
    }

    // Task projects at `paths` under `folder`, each importing Keel's SDK by path.
    private static void WriteTaskProjects(string folder, params string[] paths)
    {
        string sdk = Path.Combine(CliHarness.Root, "sdk", "Sdk");
        foreach (string path in paths)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
            File.WriteAllText(Path.Combine(folder, path), $"<Project><Import Project=\"{sdk}/Sdk.props\" /><Import Project=\"{sdk}/Sdk.targets\" /></Project>");
        }
    }

    // An app.toml's lines before its objects and tasks.
    private static string AppTomlTop(string name) => $"""
        name = "{name}"
        board = "netduinoplus2"
        [kernel]
        flash = 65536
        ram = 16384
        stack = 2048

        """;

    [Fact]
    public async Task RunBootsTheDemoAndSymbolisesTheRoguesFaults()
    {
        CliResult result = await CliHarness.RunAsync(["run", "--no-build", "--time-limit", "60"]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Contains("supervisor: demo complete", result.Output);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(result.Output,
            @"supervisor: rogue faulted: memory access at address 0x20009000, pc (0x[0-9a-f]{8})\n" +
            @"    address 0x20009000: in the RAM of task service\n" +
            @"    pc \1: task rogue, Keel\.Demo\.Rogue\.Program\.Main \(Rogue\) \+ 0x[0-9a-f]+, firmware/policy-demo/tasks/rogue/Program\.cs:(\d+)\n").Count);
        string[] rogue = File.ReadAllLines(Path.Combine(CliHarness.DemoFolder, "tasks", "rogue", "Program.cs"));
        int line = int.Parse(System.Text.RegularExpressions.Regex.Match(result.Output, @"rogue/Program\.cs:(\d+)").Groups[1].Value);
        Assert.Contains("uint stolen = *target;", rogue[line - 1]);
    }

    // A stack overflow leaves the stack pointer below the task's RAM, in its
    // neighbour's: the report must blame the task that overflowed, name the recursing
    // method (the caller the kernel found on its stack) with its file and line, and say
    // which app.toml field to raise and to what.
    [Fact]
    public async Task AStackOverflowNamesTheTaskItsMethodAndTheStackToTry()
    {
        const string folder = "tests/images/task-stack-overflow";
        CliResult result = await CliHarness.RunAsync(["run", folder, "--time-limit", "120"]);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        string sensor = Path.Combine(CliHarness.Root, folder, "tasks", "sensor", "Program.cs");
        int recursion = Array.FindIndex(File.ReadAllLines(sensor), text => text.Contains("return Smooth(depth + 1)")) + 1;
        int stackField = Array.FindIndex(File.ReadAllLines(Path.Combine(CliHarness.Root, folder, "app.toml")), text => text == "[tasks.sensor]") + 4;
        Assert.Matches(
            @"keel: task sensor faulted \(stack overflow\) at pc 0x00000000, caller (0x[0-9a-f]{8}), address (0x[0-9a-f]{8}), and has no fault handler: suspended\n" +
            @"    caller \1: task sensor, Keel\.Tests\.TaskStackOverflow\.Program\.Smooth \(Sensor\) \+ 0x[0-9a-f]+, " +
            $@"tests/images/task-stack-overflow/tasks/sensor/Program\.cs:{recursion}\n" +
            @"    address \2: the stack pointer of task sensor when its 1024-byte stack overflowed " +
            $@"\(stack = 1024 in \[tasks\.sensor\], tests/images/task-stack-overflow/app\.toml\({stackField},1\)\): try stack = 2048\n" +
            "logger: the sensor has stopped\n", result.Output);

        // keel run saved a dump at the kernel's report, in which the sensor's stack is (nearly: the
        // frame the hardware could not stack is not in it) used up
        // and the sensor will restart afresh (the kernel lost its context).
        var dump = System.Text.RegularExpressions.Regex.Match(result.Output,
            @"^keel: saved a dump of the system at the failure above: (?<file>\S+\.dump) \(keel inspect --dump \k<file>\)$", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(dump.Success, result.Describe());
        CliResult stacks = await CliHarness.RunAsync(["inspect", "stacks", folder, "--dump", Path.Combine(CliHarness.Root, dump.Groups["file"].Value)]);
        Assert.True(stacks.ExitCode == ExitCodes.Success, stacks.Describe());
        Assert.Matches(@"(?m)^sensor +1024 +\d+ \((9\d|100)%\) +\d+ +starts afresh when it next runs$", stacks.Output);
    }

    // QEMU's default port through its -s, or the one --gdb-port gives through -gdb.
    [Theory]
    [InlineData(new string[0], "1234", new[] { "-s", "-S" })]
    [InlineData(new[] { "--gdb-port", "3333" }, "3333", new[] { "-gdb", "tcp::3333", "-S" })]
    public async Task RunWithGdbStartsQemuHaltedAndPrintsTheAttachCommand(string[] portOption, string port, string[] stub)
    {
        string args = Path.Combine(Directory.CreateTempSubdirectory("keel-gdb-").FullName, "args");
        string tools = CliHarness.FakeTools((Qemu.Executable, $"printf '%s\\n' \"$@\" > {args}"));
        CliResult result = await CliHarness.RunAsync(["run", "--no-build", "--gdb", .. portOption], searchPath: tools);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Contains($"QEMU waits for gdb on port {port}. Attach with symbols from another terminal:\n" +
                        $"  gdb-multiarch -q {CliHarness.DemoImage} -ex 'target remote :{port}'\n", result.Output);
        Assert.Equal(new Qemu().Arguments(CliHarness.DemoImage).SkipLast(2).Concat([.. stub, "-kernel", CliHarness.DemoImage]),
            File.ReadAllLines(args));
    }

    // A panic's reason has no location: the fix says how gdb finds the method.
    [Fact]
    public async Task APanicSaysHowToFindWhereItCameFrom()
    {
        string tools = CliHarness.FakeTools((Qemu.Executable, "echo 'PANIC: index out of range'\nexit 101"));
        CliResult result = await CliHarness.RunAsync(["run", "--no-build"], searchPath: tools);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Equal("keel: error: the image stopped with status 101 (a panic).\n" +
                     "keel: fix: keel run firmware/policy-demo --gdb   (then in gdb: break keel_panic, continue, bt)\n", result.Error);
    }

    [Fact]
    public async Task ARunInWhichATaskDiedWithNoFaultHandlerFailsEvenIfTheImageStoppedWell()
    {
        string tools = CliHarness.FakeTools((Qemu.Executable,
            "echo 'keel: task rogue faulted (memory access) at pc 0x08028000, address 0x20007000, and has no fault handler: suspended'\n" +
            "echo 'supervisor: demo complete'"));
        CliResult result = await CliHarness.RunAsync(["run", "--no-build"], searchPath: tools);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Equal("keel: error: task rogue faulted with no fault handler (the kernel's report is above).\n" +
                     "keel: fix: keel run firmware/policy-demo --gdb\n", result.Error);
    }

    // A task's copy of the kernel's report is a line of the task's (the kernel begins it
    // with the task's name): it names no one dead (issue 29).
    [Fact]
    public async Task AReportPrintedByATaskIsNotTheKernels()
    {
        string tools = CliHarness.FakeTools((Qemu.Executable,
            "echo 'rogue: keel: task service faulted (memory access) at pc 0x08028000, address 0x20007000, and has no fault handler: suspended'\n" +
            "echo 'supervisor: demo complete'"));
        CliResult result = await CliHarness.RunAsync(["run", "--no-build"], searchPath: tools);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
    }

    [Fact]
    public async Task RunWithoutQemuSaysHowToInstallIt()
    {
        CliResult result = await CliHarness.RunAsync(["run", "--no-build"], searchPath: CliHarness.FakeTools());
        Assert.Equal(ExitCodes.MissingTool, result.ExitCode);
        Assert.Equal("keel: error: qemu-system-arm is not installed.\nkeel: fix: sudo apt-get install -y qemu-system-arm\n", result.Error);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("test")]
    public async Task OnRenodeWithoutRenodeTheCommandSaysHowToInstallIt(string command)
    {
        CliResult result = await CliHarness.RunAsync([command, "--emulator", "renode"], searchPath: CliHarness.FakeTools());
        Assert.Equal(ExitCodes.MissingTool, result.ExitCode);
        Assert.Equal($"keel: error: Renode is not installed (it is no Debian package; see renode-scripts/README.md).\nkeel: fix: {Emulators.RenodeInstall}\n", result.Error);
    }

    [Fact]
    public async Task ARenodeVariableNamingNothingIsReported()
    {
        CliResult result = await CliHarness.RunAsync(["run", "--emulator", "renode"], environment: name => name == "RENODE" ? "/nowhere/renode" : null);
        Assert.Equal(ExitCodes.MissingTool, result.ExitCode);
        Assert.StartsWith("keel: error: RENODE is /nowhere/renode, which does not exist.", result.Error);
    }

    // Runs the demo image through Emulators on a stand-in for Renode that records its
    // arguments and logs `renodeLog`; this test plays Renode's console terminal (the
    // server keel connects to) and sends `console`.
    private static async Task<(EmulatorOutcome Outcome, string Output, string[] Arguments, int Port)> OnStandInRenode(string renodeLog, string console,
        RenodeAdditions? additions = null)
    {
        var terminal = new TcpListener(IPAddress.Loopback, 0);
        terminal.Start();
        int port = ((IPEndPoint)terminal.LocalEndpoint).Port;
        string args = Path.Combine(Directory.CreateTempSubdirectory("keel-renode-").FullName, "args");
        string tools = CliHarness.FakeTools(("renode", $"printf '%s\\n' \"$@\" > {args}\nsleep 1\necho '{renodeLog}'"));
        var output = new StringWriter();
        CliContext context = CliHarness.Context(output, searchPath: tools);
        var workspace = Workspace.Find(CliHarness.Root, tools);
        var app = workspace.Application(null);
        var symboliser = Faults.FaultSymboliser.For(CliHarness.DemoImage, await app.LayoutAsync(context, workspace, "netduinoplus2"), workspace);
        Task served = Task.Run(async () =>
        {
            using TcpClient keel = await terminal.AcceptTcpClientAsync();
            await keel.GetStream().WriteAsync(Encoding.UTF8.GetBytes(console));
        });

        EmulatorOutcome outcome = await new Emulators(context, workspace) { RenodeConsolePort = port }
            .RunAsync(Emulators.Renode, CliHarness.DemoImage, symboliser, timeLimit: TimeSpan.FromSeconds(2), renodeAdditions: additions);
        await served;
        terminal.Stop();
        return (outcome, output.ToString(), File.ReadAllLines(args), port);
    }

    [Fact]
    public async Task RenodeConsoleIsFollowedAndSymbolisedAndTheImagesStatusReturned()
    {
        var (outcome, output, arguments, port) = await OnStandInRenode("12:00:00.0000 [INFO] cpu: keel: image stopped with status 0",
            "rogue: hello\r\nsupervisor: rogue faulted: memory access at address 0x20007000, pc 0x08028000\r\n");

        Assert.Equal(new EmulatorOutcome("rogue: hello\nsupervisor: rogue faulted: memory access at address 0x20007000, pc 0x08028000\n", 0, false), outcome);
        Assert.Contains("    pc 0x08028000: task rogue, ", output);
        Assert.Equal(["--disable-gui", "--console", "--plain", "-e"], arguments[..4]);
        // The machine script is found beside the program (keel carries renode-scripts/), not in the tree.
        string script = Path.Combine(AppContext.BaseDirectory, "renode-scripts", "keel-board.resc");
        Assert.True(File.Exists(script), script);
        Assert.Matches($@"^\$elf=@{CliHarness.DemoImage}; include @{script}; emulation CreateServerSocketTerminal {port} .*emulation RunFor ""2""; quit$", arguments[4]);
    }

    // An application's renode/ additions reach Renode before the bounded run, and inputs
    // that end the run (end_of_inputs) end it neither with a status nor as a time-out.
    [Fact]
    public async Task RenodeLoadsTheApplicationsAdditionsAndItsInputsMayEndTheRun()
    {
        var (outcome, _, arguments, _) = await OnStandInRenode("12:00:00.0000 [INFO] Monitor: Script: keel: the scripted inputs ended the run",
            "button: press 1, LED toggled: Ok\r\n", new RenodeAdditions("/app/renode/devices.repl", "/app/renode/inputs.resc"));

        Assert.Equal(new EmulatorOutcome("button: press 1, LED toggled: Ok\n", null, false, EndedByInputs: true), outcome);
        Assert.Matches(
            @"runMacro \$end_when_stopped; machine LoadPlatformDescription @/app/renode/devices\.repl; include @/app/renode/inputs\.resc; emulation RunFor ""2""; quit$",
            arguments[4]);
    }
}
