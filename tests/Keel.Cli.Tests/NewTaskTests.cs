using System.Text.RegularExpressions;
using Keel.Cli;

namespace Keel.Cli.Tests;

// keel new task: the project and the app.toml entry it adds, the names it refuses
// (leaving nothing changed), and a new task that builds and runs in a tiny application.
[Collection(BuildsCollection.Name)]
public sealed class NewTaskTests : IDisposable
{
    private readonly List<string> _apps = [];

    public void Dispose()
    {
        foreach (string app in _apps)
            Directory.Delete(app, recursive: true);
    }

    // An application with a kernel and no task yet, inside the tree (under this test's
    // output folder) so that its projects find the tree's build files.
    private string TinyApp()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "apps", Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(folder);
        _apps.Add(folder);
        string sdk = Path.GetRelativePath(folder, Path.Combine(CliHarness.Root, "sdk", "Sdk"));
        File.WriteAllText(Path.Combine(folder, "Tiny.csproj"), $"""
            <Project>
              <Import Project="{sdk}/Sdk.props" />
              <PropertyGroup><AssemblyName>tiny</AssemblyName></PropertyGroup>
              <Import Project="{sdk}/Sdk.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "app.toml"), """
            name = "tiny"
            board = "netduinoplus2"

            [kernel]
            flash = 65536
            ram = 16384
            stack = 2048
            """);
        return folder;
    }

    [Fact]
    public async Task ANewTaskGetsAProjectAndAnEntryTheGeneratorAccepts()
    {
        string app = TinyApp();
        CliResult result = await CliHarness.RunAsync(["new", "task", "sensor-hub", "--app", app]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.EndsWith("""

            [tasks.sensor-hub]
            project = "tasks/sensor-hub/SensorHub.csproj"
            priority = 0
            stack = 2048
            flash = 16384
            ram = 4096

            """, File.ReadAllText(Path.Combine(app, "app.toml")));
        string project = File.ReadAllText(Path.Combine(app, "tasks", "sensor-hub", "SensorHub.csproj"));
        string sdk = Path.GetRelativePath(Path.Combine(app, "tasks", "sensor-hub"), Path.Combine(CliHarness.Root, "sdk", "Sdk"));
        Assert.StartsWith("<Project>\n", project);
        // keel-task's project, with the SDK imported by path at its top and bottom.
        Assert.Contains($"<Project>\n  <Import Project=\"{sdk}/Sdk.props\" />\n  <!-- The sensor-hub task:", project);
        Assert.EndsWith($"  <Import Project=\"{sdk}/Sdk.targets\" />\n</Project>\n", project);
        Assert.Contains("Console.WriteLine(\"sensor-hub: started\");", File.ReadAllText(Path.Combine(app, "tasks", "sensor-hub", "Program.cs")));

        // The next task comes after it in priority; the generator checks both.
        result = await CliHarness.RunAsync(["new", "task", "logger", "--app", app]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Contains("priority = 1\n", File.ReadAllText(Path.Combine(app, "app.toml")));
        var (layout, diagnostics) = Keel.BuildTool.SystemDescription.SystemCommand.Build(Path.Combine(app, "app.toml"), Path.Combine(CliHarness.Root, "board"));
        Assert.True(layout is not null, string.Join("\n", diagnostics));
        Assert.Equal(["sensor-hub", "logger"], layout.Tasks.Select(t => t.Task.Name));
    }

    // An application of the user's own, outside Keel's tree, whose project says
    // Sdk="Keel.Sdk": the task's project says the same (the version comes from the
    // application's global.json). Where the boards are is answered as MSBuild would
    // once the package is restored.
    [Fact]
    public async Task InAKeelSdkApplicationTheTaskProjectUsesTheSdkToo()
    {
        string app = Directory.CreateTempSubdirectory("keel-user-app-").FullName;
        _apps.Add(app);
        File.WriteAllText(Path.Combine(app, "Blinky.csproj"), "<Project Sdk=\"Keel.Sdk\">\n</Project>\n");
        File.WriteAllText(Path.Combine(app, "app.toml"), "name = \"blinky\"\nboard = \"netduinoplus2\"\n\n[kernel]\nflash = 65536\nram = 16384\nstack = 2048\n");
        string boards = Path.Combine(CliHarness.Root, "board") + "/";
        var runner = new FakeRunner((_, _) => new ProcessResult(1, false, "nothing but MSBuild's question should run"),
            msbuild: _ => new ProcessResult(0, false, "{\"Properties\": {\"KeelOwnBoardsDir\": \"" + app + "/boards/\", \"KeelSdkBoardsDir\": \"" + boards + "\"}}"));

        CliResult result = await CliHarness.RunAsync(["new", "task", "blink"], runner: runner, currentDirectory: app);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Empty(runner.Commands);
        string project = File.ReadAllText(Path.Combine(app, "tasks", "blink", "Blink.csproj"));
        Assert.StartsWith("<Project Sdk=\"Keel.Sdk\">\n  <!-- The blink task", project);
        Assert.DoesNotContain("Import", project);
        Assert.Contains("[tasks.blink]\nproject = \"tasks/blink/Blink.csproj\"\n", File.ReadAllText(Path.Combine(app, "app.toml")));
        Assert.Contains("Build it with: keel build .", result.Output);
    }

    [Theory]
    [InlineData("Sensor", "new task: 'Sensor' is not a valid task name: name must start with a lower-case letter and use only lower-case letters, digits, '-' and '_'.")]
    [InlineData("9lives", "new task: '9lives' is not a valid task name: name must start with a lower-case letter and use only lower-case letters, digits, '-' and '_'.")]
    [InlineData("rogue", "new task: policy-demo already has a task 'rogue'.")]
    public async Task InvalidAndDuplicateNamesAreRefused(string name, string message)
    {
        string before = File.ReadAllText(Path.Combine(CliHarness.DemoFolder, "app.toml"));
        CliResult result = await CliHarness.RunAsync(["new", "task", name]);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"keel: error: {message}\nkeel: fix: keel --help\n", result.Error);
        Assert.Equal(before, File.ReadAllText(Path.Combine(CliHarness.DemoFolder, "app.toml")));
    }

    [Fact]
    public async Task ANameTheGeneratorRefusesLeavesNothingChanged()
    {
        string app = TinyApp();
        string before = File.ReadAllText(Path.Combine(app, "app.toml"));
        CliResult result = await CliHarness.RunAsync(["new", "task", "kernel", "--app", app]);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("keel: error: new task: the system description refuses task 'kernel': task 'kernel': ", result.Error);
        Assert.Equal(before, File.ReadAllText(Path.Combine(app, "app.toml")));
        Assert.False(Directory.Exists(Path.Combine(app, "tasks", "kernel")));
    }

    [Fact]
    public async Task ANewTaskBuildsAndRuns()
    {
        string app = TinyApp();
        Assert.Equal(ExitCodes.Success, (await CliHarness.RunAsync(["new", "task", "hello", "--app", app])).ExitCode);

        CliResult build = await CliHarness.RunAsync(["build", app]);
        Assert.True(build.ExitCode == ExitCodes.Success, build.Describe());
        Assert.Matches(@"\n\s+hello\s+\d+ \(\d+%\)\s+16384\s+\d+ \(\d+%\)\s+4096\s+2048\s", build.Output);

        // The task prints its line and returns; nothing ends the run, so it meets its limit.
        CliResult run = await CliHarness.RunAsync(["run", app, "--no-build", "--time-limit", "5"]);
        Assert.Contains("hello: started\n", run.Output);
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.StartsWith("keel: error: the image did not stop within the time limit of 5 s.", run.Error);
    }

    // The link is what finds a window too small: keel build reports it at the field in
    // app.toml with the value that fits, not as ld's exit status.
    [Fact]
    public async Task ATaskTooBigForItsFlashWindowIsReportedAtTheField()
    {
        string app = TinyApp();
        Assert.Equal(ExitCodes.Success, (await CliHarness.RunAsync(["new", "task", "hello", "--app", app])).ExitCode);
        string toml = Path.Combine(app, "app.toml");
        File.WriteAllText(toml, File.ReadAllText(toml).Replace("flash = 16384", "flash = 1024"));
        int line = Array.IndexOf(File.ReadAllLines(toml), "flash = 1024") + 1;

        CliResult build = await CliHarness.RunAsync(["build", app]);

        Assert.Equal(ExitCodes.BuildFailed, build.ExitCode);
        Assert.Matches($@"\n{Regex.Escape(toml)}\({line},1\): error KEEL0106: task 'hello': field 'flash': the task needs (\d+) bytes of flash but its window \(TASK_HELLO_FLASH\) holds 1024, \d+ bytes short: set flash = (4096|8192) \(a task's window is an MPU region, so its size is a power of two\) \[", build.Output);
        Assert.DoesNotContain("MSB3073", build.Output);
    }
}
