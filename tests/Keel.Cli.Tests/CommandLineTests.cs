using Keel.Cli;

namespace Keel.Cli.Tests;

// The command line: help, and the usage errors every command reports with status 2,
// one sentence and the command that fixes it.
public class CommandLineTests
{
    [Fact]
    public async Task NoArgumentsPrintsTheHelpWithEveryCommand()
    {
        CliResult result = await CliHarness.RunAsync([]);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (string usage in (string[])[BuildCommand.Usage, RunCommand.Usage, TestCommand.Usage, FlashCommand.Usage, MonitorCommand.Usage, NewTaskCommand.Usage])
            Assert.Contains(usage, result.Output);
    }

    [Theory]
    [InlineData(new[] { "frob" }, "keel: error: there is no command 'frob'.")]
    [InlineData(new[] { "build", "--bogus" }, "keel: error: build: unknown option --bogus.")]
    [InlineData(new[] { "build", "--board" }, "keel: error: build: option --board needs a value.")]
    [InlineData(new[] { "build", "a", "b" }, "keel: error: build: unexpected argument 'b'.")]
    [InlineData(new[] { "build", "--board", "nosuch" }, "keel: error: there is no board 'nosuch' (boards: netduinoplus2, nucleo-f401re).")]
    [InlineData(new[] { "build", "no/such/app" }, "keel: error: there is no application folder 'no/such/app'.")]
    [InlineData(new[] { "run", "--emulator", "bochs" }, "keel: error: run: --emulator must be one of qemu, renode, not 'bochs'.")]
    [InlineData(new[] { "run", "--gdb", "--emulator", "renode" }, "keel: error: run: --gdb works with --emulator qemu only.")]
    [InlineData(new[] { "run", "--gdb", "--gdb-port", "0" }, "keel: error: run: --gdb-port must be a whole number from 1 to 65535, not '0'.")]
    [InlineData(new[] { "run", "--gdb", "--gdb-port", "65536" }, "keel: error: run: --gdb-port must be a whole number from 1 to 65535, not '65536'.")]
    [InlineData(new[] { "run", "--gdb", "--gdb-port", "gdb" }, "keel: error: run: --gdb-port must be a whole number from 1 to 65535, not 'gdb'.")]
    [InlineData(new[] { "run", "--gdb", "--gdb-port" }, "keel: error: run: option --gdb-port needs a value.")]
    [InlineData(new[] { "run", "--gdb-port", "3333" }, "keel: error: run: --gdb-port is the port of --gdb; give both.")]
    [InlineData(new[] { "run", "--time-limit", "soon" }, "keel: error: run: --time-limit must be a positive number of seconds, not 'soon'.")]
    [InlineData(new[] { "test", "--all", "--filter", "ipc" }, "keel: error: test: --all runs every test; it takes neither --emulator nor --filter.")]
    [InlineData(new[] { "flash" }, "keel: error: flash: --board is required (keel flash --board nucleo-f401re).")]
    [InlineData(new[] { "new", "thing" }, "keel: error: new: what to add must be 'task' (keel new task NAME [--app DIR]).")]
    public async Task UsageErrorsExitWithStatus2AndSayWhatToDo(string[] arguments, string message)
    {
        CliResult result = await CliHarness.RunAsync(arguments);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"{message}\nkeel: fix: keel --help\n", result.Error);
    }

    [Fact]
    public async Task OutsideAKeelTreeTheCommandSaysWhereToRunIt()
    {
        string elsewhere = Directory.CreateTempSubdirectory("keel-elsewhere-").FullName;
        CliResult result = await CliHarness.RunAsync(["build"], currentDirectory: elsewhere);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"keel: error: {elsewhere} is not inside a Keel tree (no Firmware.sln above it).", result.Error);
    }

    [Fact]
    public async Task AnApplicationIsFoundFromASubfolderOfTheTree()
    {
        // Relative to the current directory first, then to the tree's root.
        CliResult result = await CliHarness.RunAsync(["build", "firmware/nosuch"], currentDirectory: Path.Combine(CliHarness.Root, "docs"));
        Assert.Contains("there is no application folder 'firmware/nosuch'", result.Error);
        var app = new Workspace(CliHarness.Root).Application("firmware/policy-demo", Path.Combine(CliHarness.Root, "docs"));
        Assert.Equal("policy-demo", app.ImageName);
        Assert.Equal(CliHarness.DemoImage, app.Image("netduinoplus2"));
    }
}
