using Keel.Cli;

namespace Keel.Cli.Tests;

// keel flash: the exact probe command lines, and what happens with the probe program
// missing, with no board attached (the probe fails, or hangs), and when it succeeds,
// with fake probe programs on the tool path. The application is a stand-in whose
// image files exist, so nothing is built (--no-build).
public class FlashTests
{
    private static (Application App, string Folder) FakeApp()
    {
        string folder = Directory.CreateTempSubdirectory("keel-flash-").FullName;
        File.WriteAllText(Path.Combine(folder, "app.toml"), "");
        File.WriteAllText(Path.Combine(folder, "Blinky.csproj"), "<Project><PropertyGroup><AssemblyName>blinky</AssemblyName></PropertyGroup></Project>");
        Directory.CreateDirectory(Path.Combine(folder, "bin", "nucleo-f401re"));
        File.WriteAllText(Path.Combine(folder, "bin", "nucleo-f401re", "blinky.elf"), "");
        File.WriteAllText(Path.Combine(folder, "bin", "nucleo-f401re", "blinky.bin"), "");
        return (Application.At(folder), folder);
    }

    [Fact]
    public void TheProbeCommandLinesAreExact()
    {
        var (app, folder) = FakeApp();
        Assert.Equal($"openocd -f interface/stlink.cfg -f target/stm32f4x.cfg -c 'program {folder}/bin/nucleo-f401re/blinky.elf verify reset exit'",
            FlashCommand.Command("openocd", app, "nucleo-f401re").ToString());
        Assert.Equal($"st-flash --reset write {folder}/bin/nucleo-f401re/blinky.bin 0x08000000",
            FlashCommand.Command("st-flash", app, "nucleo-f401re").ToString());
    }

    [Theory]
    [InlineData("openocd", "openocd")]
    [InlineData("st-flash", "stlink-tools")]
    public async Task AMissingProbeProgramIsNamedWithItsInstallCommand(string probe, string package)
    {
        var (_, folder) = FakeApp();
        CliResult result = await CliHarness.RunAsync(["flash", folder, "--board", "nucleo-f401re", "--probe", probe, "--no-build"], searchPath: CliHarness.FakeTools());
        Assert.Equal(ExitCodes.MissingTool, result.ExitCode);
        Assert.Equal($"keel: error: {probe} is not installed.\nkeel: fix: sudo apt-get install -y {package}\n", result.Error);
    }

    [Fact]
    public async Task WithNoBoardAttachedTheProbesMessageAndAHintAreShown()
    {
        var (_, folder) = FakeApp();
        string tools = CliHarness.FakeTools(("openocd",
            "echo 'Open On-Chip Debugger 0.12.0' >&2\necho 'Error: open failed' >&2\necho 'in procedure program' >&2\nexit 1"));
        CliResult result = await CliHarness.RunAsync(["flash", folder, "--board", "nucleo-f401re", "--no-build"], searchPath: tools);
        Assert.Equal(ExitCodes.ProbeFailed, result.ExitCode);
        Assert.Contains("Error: open failed", result.Output);
        Assert.Equal("keel: error: openocd could not program the board: Error: open failed\n" +
                     $"keel: fix: {FlashCommand.NoBoardHint}: keel flash {Path.GetRelativePath(CliHarness.Root, folder)} --board nucleo-f401re --probe openocd\n", result.Error);
    }

    [Fact]
    public async Task AHangingProbeReportsTheTimeLimit()
    {
        var (_, folder) = FakeApp();
        string tools = CliHarness.FakeTools(("openocd", "echo 'Open On-Chip Debugger 0.12.0'\nsleep 60"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        CliResult result = await CliHarness.RunAsync([], searchPath: tools, command: context =>
            FlashCommand.RunAsync(context, new FlashCommand.Settings { App = folder, Board = "nucleo-f401re", NoBuild = true }, TimeSpan.FromSeconds(1)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.Equal(ExitCodes.ProbeFailed, result.ExitCode);
        Assert.StartsWith("keel: error: openocd did not finish within 1 s and was stopped.\nkeel: fix: connect the Nucleo board", result.Error);
        Assert.Contains("Open On-Chip Debugger 0.12.0", result.Output);
    }

    [Fact]
    public async Task ASuccessfulProbeRunsTheExactCommandLine()
    {
        var (app, folder) = FakeApp();
        string args = Path.Combine(folder, "probe-args");
        string tools = CliHarness.FakeTools(("st-flash", $"printf '%s\\n' \"$@\" > {args}\necho 'Flash written and verified! jolly good!'"));
        CliResult result = await CliHarness.RunAsync(["flash", folder, "--board", "nucleo-f401re", "--probe", "st-flash", "--no-build"], searchPath: tools);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Equal(["--reset", "write", app.BinaryImage("nucleo-f401re"), "0x08000000"], File.ReadAllLines(args));
        Assert.Contains("Programmed, verified and reset nucleo-f401re.", result.Output);
    }

    [Fact]
    public async Task ABoardWithoutAnStLinkIsRefused()
    {
        CliResult result = await CliHarness.RunAsync(["flash", "--board", "netduinoplus2"]);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("flash: board 'netduinoplus2' has no ST-LINK to program it through; boards: nucleo-f401re.", result.Error);
    }

    // Set-up comes after the command line is accepted: a wrong or missing board under
    // ./keel (which allows installing) installs nothing.
    [Theory]
    [InlineData("flash")]
    [InlineData("flash --board netduinoplus2")]
    [InlineData("flash --board nucleo-f401re --probe jlink")]
    [InlineData("flash --board")]
    public async Task AWrongCommandLineInstallsNothing(string commandLine)
    {
        string[] arguments = commandLine.Split(' ');
        var runner = new FakeRunner((_, _) => new ProcessResult(0, false, ""));
        CliResult result = await CliHarness.RunAsync(arguments, searchPath: CliHarness.FakeTools(), runner: runner,
            environment: name => name == HostSetup.InstallVariable ? "1" : null);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(runner.Commands);
    }

    // Under ./keel a missing probe program is installed through apt-get, as root or
    // through sudo, and then used; the fake apt-get puts the program on the tool path.
    [Theory]
    [InlineData(true, "")]
    [InlineData(false, "sudo ")]
    public async Task UnderTheFrontDoorAMissingProbeIsInstalledThenUsed(bool isRoot, string sudo)
    {
        var (_, folder) = FakeApp();
        string tools = CliHarness.FakeTools(("sudo", "exit 1"));
        var runner = new FakeRunner((executable, arguments) =>
        {
            if (arguments.Contains("install"))
                File.Copy(CliHarness.FakeTools(("st-flash", "echo written")) + "/st-flash", Path.Combine(tools, "st-flash"));
            return new ProcessResult(0, false, "");
        });
        CliResult result = await CliHarness.RunAsync(["flash", folder, "--board", "nucleo-f401re", "--probe", "st-flash", "--no-build"],
            searchPath: tools, runner: runner, environment: name => name == HostSetup.InstallVariable ? "1" : null, isRoot: isRoot);

        Assert.Equal([$"{sudo}apt-get update -q", $"{sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -q stlink-tools"], runner.Commands.Take(2));
        Assert.Contains("keel: installing stlink-tools", result.Output);
        Assert.Equal(3, runner.Commands.Count);
        Assert.StartsWith(Path.Combine(tools, "st-flash") + " --reset write ", runner.Commands[2]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
    }

    // Without ./keel's permission keel never installs: it names the command.
    [Fact]
    public async Task OutsideTheFrontDoorNothingIsInstalled()
    {
        var (_, folder) = FakeApp();
        var runner = new FakeRunner((_, _) => new ProcessResult(0, false, ""));
        CliResult result = await CliHarness.RunAsync(["flash", folder, "--board", "nucleo-f401re", "--no-build"], searchPath: CliHarness.FakeTools(), runner: runner);
        Assert.Equal(ExitCodes.MissingTool, result.ExitCode);
        Assert.Empty(runner.Commands);
        Assert.Equal("keel: error: openocd is not installed.\nkeel: fix: sudo apt-get install -y openocd\n", result.Error);
    }
}
