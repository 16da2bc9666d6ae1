using Keel.Cli;

namespace Keel.Cli.Tests;

// The command line: help on every command, the version, and the usage errors every
// command reports with status 2, one sentence and the command that fixes it.
public class CommandLineTests
{
    public static readonly TheoryData<string[], string[]> EveryCommandAndItsOptions = new()
    {
        { ["build"], ["[APP]", "--board", "--debug"] },
        { ["run"], ["[APP]", "--emulator", "--gdb", "--gdb-port", "--debug", "--time-limit", "--no-build"] },
        { ["test"], ["[APP]", "--emulator", "--filter", "--report", "--all"] },
        { ["flash"], ["[APP]", "--board", "--probe", "--no-build"] },
        { ["monitor"], ["[APP]", "--board", "--port", "--baud", "--time-limit"] },
        { ["new", "app"], ["<NAME>", "--output"] },
        { ["new", "task"], ["<NAME>", "--app"] },
    };

    [Theory]
    [MemberData(nameof(EveryCommandAndItsOptions))]
    public async Task EveryCommandHasHelpNamingItsOptions(string[] command, string[] options)
    {
        foreach (string help in (string[])["--help", "-h"])
        {
            CliResult result = await CliHarness.RunAsync([.. command, help]);
            Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
            Assert.Contains($"keel {string.Join(' ', command)} ", result.Output);
            foreach (string option in options)
                Assert.Contains(option, result.Output);
            Assert.Equal("", result.Error);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task TheHelpNamesEveryCommand(string argument)
    {
        CliResult result = await CliHarness.RunAsync(argument.Length == 0 ? [] : [argument]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        foreach (string command in (string[])["build", "run", "test", "flash", "monitor", "new"])
            Assert.Matches($@"\n\s+{command}\s+\S", result.Output);
    }

    [Fact]
    public async Task TheVersionIsTheInformationalVersion()
    {
        string expected = typeof(KeelCli).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        CliResult result = await CliHarness.RunAsync(["--version"]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Equal(expected + "\n", result.Output);
        Assert.Equal(expected.Split('+')[0], KeelCli.PackageVersion);
    }

    [Theory]
    [InlineData(new[] { "frob" }, "keel: error: unknown command 'frob'.")]
    [InlineData(new[] { "build", "--bogus" }, "keel: error: unknown option 'bogus'.")]
    [InlineData(new[] { "run", "-z" }, "keel: error: unknown option 'z'.")]
    [InlineData(new[] { "build", "--board" }, "keel: error: option --board needs a value.")]
    [InlineData(new[] { "build", "a", "b" }, "keel: error: could not match 'b' with an argument.")]
    [InlineData(new[] { "build", "--board", "nosuch" }, "keel: error: there is no board 'nosuch' (boards: netduinoplus2, nucleo-f401re).")]
    [InlineData(new[] { "build", "no/such/app" }, "keel: error: there is no application folder 'no/such/app'.")]
    [InlineData(new[] { "run", "--emulator", "bochs" }, "keel: error: run: --emulator must be one of qemu, renode, not 'bochs'.")]
    [InlineData(new[] { "run", "--gdb", "--emulator", "renode" }, "keel: error: run: --gdb works with --emulator qemu only.")]
    [InlineData(new[] { "run", "--gdb", "--gdb-port", "0" }, "keel: error: run: --gdb-port must be a whole number from 1 to 65535, not '0'.")]
    [InlineData(new[] { "run", "--gdb", "--gdb-port", "65536" }, "keel: error: run: --gdb-port must be a whole number from 1 to 65535, not '65536'.")]
    [InlineData(new[] { "run", "--gdb", "--gdb-port", "gdb" }, "keel: error: run: --gdb-port must be a whole number from 1 to 65535, not 'gdb'.")]
    [InlineData(new[] { "run", "--gdb", "--gdb-port" }, "keel: error: option --gdb-port needs a value.")]
    [InlineData(new[] { "run", "--gdb-port", "3333" }, "keel: error: run: --gdb-port is the port of --gdb; give both.")]
    [InlineData(new[] { "run", "--debug", "--no-build" }, "keel: error: run: --debug says how to build; it cannot go with --no-build.")]
    [InlineData(new[] { "test", "--filter" }, "keel: error: option --filter needs a value.")]
    [InlineData(new[] { "new", "app", "Blinky", "--output" }, "keel: error: option --output needs a value.")]
    [InlineData(new[] { "run", "--time-limit", "soon" }, "keel: error: run: --time-limit must be a positive number of seconds, not 'soon'.")]
    [InlineData(new[] { "test", "--all", "--filter", "ipc" }, "keel: error: test: --all runs every test; it takes neither an application nor --emulator, --filter or --report.")]
    [InlineData(new[] { "test", "--emulator", "bochs" }, "keel: error: test: --emulator must be one of qemu, renode, not 'bochs'.")]
    [InlineData(new[] { "flash" }, "keel: error: flash: --board is required (keel flash --board nucleo-f401re).")]
    [InlineData(new[] { "flash", "--board", "nucleo-f401re", "--probe", "jlink" }, "keel: error: flash: --probe must be one of openocd, st-flash, not 'jlink'.")]
    [InlineData(new[] { "new", "thing" }, "keel: error: unknown command 'thing'.")]
    [InlineData(new[] { "new" }, "keel: error: new: say what to make: keel new app NAME, or keel new task NAME.")]
    [InlineData(new[] { "help" }, "keel: error: unknown command 'help'.")]
    [InlineData(new[] { "new", "task" }, "keel: error: command 'task' is missing required argument 'NAME'.")]
    [InlineData(new[] { "new", "app", "9lives" }, "keel: error: new app: '9lives' is not a valid application name: a letter, then letters, digits and '_' (it names the project, its namespace and its image).")]
    [InlineData(new[] { "new", "app", "my-app" }, "keel: error: new app: 'my-app' is not a valid application name: a letter, then letters, digits and '_' (it names the project, its namespace and its image).")]
    public async Task UsageErrorsExitWithStatus2AndSayWhatToDo(string[] arguments, string message)
    {
        CliResult result = await CliHarness.RunAsync(arguments);
        Assert.True(result.ExitCode == ExitCodes.Usage, result.Describe());
        Assert.Equal($"{message}\nkeel: fix: keel --help\n", result.Error);
    }

    // Outside Keel's tree a folder that is no application (nor inside one) is refused
    // by name, and what needs Keel's own tree says so.
    [Theory]
    [InlineData(new[] { "build" }, "is not inside an application (no app.toml beside one project file here or above).")]
    [InlineData(new[] { "test", "--all" }, "keel: error: keel test --all is about Keel itself and runs only inside Keel's tree")]
    [InlineData(new[] { "test" }, "keel: error: keel test with no application is about Keel itself and runs only inside Keel's tree")]
    public async Task OutsideAKeelTreeWithNoApplicationTheCommandSaysWhy(string[] arguments, string message)
    {
        string elsewhere = Directory.CreateTempSubdirectory("keel-elsewhere-").FullName;
        CliResult result = await CliHarness.RunAsync(arguments, currentDirectory: elsewhere, runner: new FakeRunner((_, _) => new ProcessResult(0, false, "")));
        Assert.True(result.ExitCode == ExitCodes.Usage, result.Describe());
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task AnApplicationIsFoundFromASubfolderOfTheTree()
    {
        // Relative to the current directory first, then to the tree's root.
        CliResult result = await CliHarness.RunAsync(["build", "firmware/nosuch"], currentDirectory: Path.Combine(CliHarness.Root, "docs"));
        Assert.Contains("there is no application folder 'firmware/nosuch'", result.Error);
        var app = Workspace.Find(Path.Combine(CliHarness.Root, "docs")).Application("firmware/policy-demo");
        Assert.Equal("policy-demo", app.ImageName);
        Assert.Equal(CliHarness.DemoImage, app.Image("netduinoplus2"));
    }

    // The application the current folder is in: the nearest folder above holding
    // app.toml and one project; the demo only when there is none inside the tree.
    [Fact]
    public void TheApplicationIsTheOneTheCurrentFolderIsIn()
    {
        Assert.Equal(CliHarness.DemoFolder, Workspace.Find(Path.Combine(CliHarness.DemoFolder, "tasks", "alice")).Application(null).Folder);
        Assert.Equal(Path.Combine(CliHarness.Root, "tests", "target-suite"),
            Workspace.Find(Path.Combine(CliHarness.Root, "tests", "target-suite")).Application(null).Folder);
        Assert.Equal(CliHarness.DemoFolder, Workspace.Find(Path.Combine(CliHarness.Root, "docs")).Application(null).Folder);

        string outside = Directory.CreateTempSubdirectory("keel-user-").FullName;
        File.WriteAllText(Path.Combine(outside, "app.toml"), "");
        File.WriteAllText(Path.Combine(outside, "Blinky.csproj"), "<Project Sdk=\"Keel.Sdk\" />");
        string deep = Directory.CreateDirectory(Path.Combine(outside, "tasks", "led")).FullName;
        Workspace workspace = Workspace.Find(deep);
        Assert.Null(workspace.TreeRoot);
        Application found = workspace.Application(null);
        Assert.Equal(outside, found.Folder);
        Assert.True(found.UsesKeelSdkPackage);
        Assert.Equal("../..", workspace.Show(outside));
        Assert.Equal(Path.GetFileName(outside), Workspace.Find(outside).Name(outside));
        Assert.Equal("tasks/led", Workspace.Find(outside).Name(deep));
    }
}
