using Keel.Cli;

namespace Keel.Cli.Tests;

// keel test --all: builds the solution, runs dotnet test over it, and closes with one
// line for the whole suite (with dotnet stood in for: the real thing is this suite).
public class TestCommandTests
{
    private const string DotnetTestOutput = """
        Passed!  - Failed:     0, Passed:    95, Skipped:     0, Total:    95, Duration: 1 s - Keel.Build.Tests.dll (net10.0)
        [xUnit.net 00:00:02.61]     Keel.Firmware.Tests.HelloImageTests.Boots [FAIL]
        Failed!  - Failed:     1, Passed:    20, Skipped:     2, Total:    23, Duration: 40 s - Keel.Firmware.Tests.dll (net10.0)
        """;

    [Fact]
    public void TheClosingLinesOfEachTestAssemblyAreSummed()
    {
        IReadOnlyList<TestCounts> counts = TestTotals.Parse(DotnetTestOutput);
        Assert.Equal([new TestCounts("Keel.Build.Tests.dll", 95, 0, 0), new TestCounts("Keel.Firmware.Tests.dll", 20, 1, 2)], counts);
        Assert.Equal("Total: 115 passed, 1 failed, 2 skipped", TestTotals.ClosingLine(counts));
    }

    [Fact]
    public async Task AllBuildsTheSolutionRunsEveryTestAndFailsWhenOneFails()
    {
        var runner = new FakeRunner((_, arguments) => arguments[0] == "test" ? new ProcessResult(1, false, DotnetTestOutput) : new ProcessResult(0, false, ""));
        CliResult result = await CliHarness.RunAsync(["test", "--all"], runner: runner);

        string solution = Path.Combine(CliHarness.Root, "Firmware.sln");
        Assert.Equal([$"dotnet build {solution} -nologo -v:m", $"dotnet test {solution} --no-build --nologo"], runner.Commands);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("Keel.Firmware.Tests.HelloImageTests.Boots [FAIL]", result.Output);
        Assert.Matches(@"Keel\.Firmware\.Tests\.dll\W+20\W+1\W+2", result.Output);
        Assert.EndsWith("\nTotal: 115 passed, 1 failed, 2 skipped\n", result.Output);
        Assert.Equal("keel: error: some tests failed (they are listed above).\nkeel: fix: dotnet test Firmware.sln --no-build\n", result.Error);
    }

    [Fact]
    public async Task AllPassesWhenEveryAssemblyPasses()
    {
        string passing = DotnetTestOutput.Split('\n')[0];
        var runner = new FakeRunner((_, _) => new ProcessResult(0, false, passing));
        CliResult result = await CliHarness.RunAsync(["test", "--all"], runner: runner);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.EndsWith("Total: 95 passed, 0 failed, 0 skipped\n", result.Output);
    }

    // The on-target path, with the policy demo's image standing in for the suite's (for
    // its symbols and layout) and dotnet and QEMU stood in for by canned output.
    private static async Task<(CliResult Result, FakeRunner Runner)> RunSuite(string console, int exitStatus, string? filter)
    {
        var runner = new FakeRunner((_, arguments) => arguments[0] == "build" ? new ProcessResult(0, false, "") : new ProcessResult(exitStatus, false, console));
        var workspace = Workspace.Find(CliHarness.Root);
        Application suite = Application.At(CliHarness.DemoFolder);
        CliResult result = await CliHarness.RunAsync([], runner: runner,
            command: context => TestApplicationRunner.RunAsync(context, workspace, suite, "qemu", filter, null, "keel test --emulator qemu"));
        return (result, runner);
    }

    [Fact]
    public async Task TheOnTargetSuiteIsBuiltAndItsCasesAreTabulated()
    {
        string pc = $"0x{CliHarness.SymbolAddress("Rogue_Keel_Demo_Rogue_Program__Main") + 4:x8}";
        string console = $"""
            supervisor: Starting test IPC0001 Call and reply
            supervisor: PASS IPC0001
            supervisor: Starting test MPU0002 A read of another task's RAM faults
            supervisor: rogue faulted: memory access at address 0x20007000, pc {pc}
            supervisor: FAIL MPU0002: the fault came from the wrong task
            supervisor: Starting test SCH0003 Round robin
            supervisor: SKIP SCH0003: needs two tasks
            supervisor: 1 passed, 1 failed, 1 skipped
            """;
        var (result, runner) = await RunSuite(console, 1, null);

        Assert.Equal($"dotnet build {CliHarness.DemoFolder}/PolicyDemo.csproj -nologo -v:m -p:KeelBoard=netduinoplus2", runner.Commands[0]);
        Assert.Contains($"    pc {pc}: task rogue, ", result.Output);
        Assert.Matches(@"MPU0002\W+A read of another task's RAM faults\W+failed\W+the fault came from the wrong task", result.Output);
        Assert.Matches(@"SCH0003\W+Round robin\W+skipped\W+needs two tasks", result.Output);
        Assert.EndsWith("\n1 passed, 1 failed, 1 skipped\n", result.Output);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Equal("keel: error: 1 on-target cases failed (listed above).\nkeel: fix: keel test --emulator qemu --filter 'MPU0002'\n", result.Error);
    }

    [Fact]
    public async Task AnOnTargetSuiteThatPassesExitsWith0()
    {
        var (result, _) = await RunSuite("supervisor: Starting test IPC0001 Call and reply\nsupervisor: PASS IPC0001\nsupervisor: 1 passed, 0 failed\n", 0, null);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.EndsWith("\n1 passed, 0 failed\n", result.Output);
    }

    [Fact]
    public async Task ACaseThatNeverFinishesIsNamed()
    {
        var (result, _) = await RunSuite("supervisor: Starting test IPC0001 Call and reply\nPANIC: index out of range\n", 101, null);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.StartsWith("keel: error: case IPC0001 never finished: the suite hung or crashed in it (its output is above).", result.Error);
    }

    // A user's application outside the tree, with or without its tests/ application.
    private static string UserApp(bool withTests)
    {
        string app = Directory.CreateTempSubdirectory("keel-user-").FullName;
        File.WriteAllText(Path.Combine(app, "app.toml"), "");
        File.WriteAllText(Path.Combine(app, "Blinky.csproj"), "<Project Sdk=\"Keel.Sdk\" />");
        if (withTests)
        {
            Directory.CreateDirectory(Path.Combine(app, "tests"));
            File.WriteAllText(Path.Combine(app, "tests", "app.toml"), "");
            File.WriteAllText(Path.Combine(app, "tests", "BlinkyTests.csproj"), "<Project Sdk=\"Keel.Sdk\" />");
        }
        return app;
    }

    [Fact]
    public void TheTestApplicationIsTheApplicationsTestsFolderElseInTheTreeTheKernelSuite()
    {
        string app = UserApp(withTests: true);
        string tests = Path.Combine(app, "tests");
        // From inside the application (a task's folder), and naming it from elsewhere.
        string task = Directory.CreateDirectory(Path.Combine(app, "tasks", "led")).FullName;
        Assert.Equal((app, tests), Folders(TestCommand.TestApplication(Workspace.Find(task), null)));
        Assert.Equal((app, tests), Folders(TestCommand.TestApplication(Workspace.Find(CliHarness.Root), app)));
        // In the tree with no application named: the kernel suite; from inside an
        // application of the tree that has tests, those.
        Assert.Equal((null, Path.Combine(CliHarness.Root, "tests", "target-suite")), Folders(TestCommand.TestApplication(Workspace.Find(CliHarness.Root), null)));
        string appTests = Path.Combine(CliHarness.Root, "tests", "images", "app-tests");
        Assert.Equal((appTests, Path.Combine(appTests, "tests")), Folders(TestCommand.TestApplication(Workspace.Find(appTests), null)));
    }

    private static (string? Application, string Tests) Folders((Application? Application, Application Tests) found) =>
        (found.Application?.Folder, found.Tests.Folder);

    [Fact]
    public async Task AnApplicationWithoutTestsIsAUsageErrorAndNothingIsBuilt()
    {
        string app = UserApp(withTests: false);
        var runner = new FakeRunner((_, _) => new ProcessResult(0, false, ""));
        CliResult result = await CliHarness.RunAsync(["test"], runner: runner, currentDirectory: app);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"keel: error: {app} has no test application (tests/app.toml and its project; docs/testing.md says how to write one).\nkeel: fix: mkdir -p tests/tasks\n", result.Error);
        Assert.Empty(runner.Commands);
    }

    // The hint that reruns failed cases of a user's tests names the application.
    [Fact]
    public async Task AUsersTestsAreBuiltFromTheirProjectAndTheHintNamesTheApplication()
    {
        string app = UserApp(withTests: true);
        var runner = new FakeRunner((_, arguments) => new ProcessResult(1, false, "/x/tests/app.toml(1,1): error KEEL0100: nope\n"));
        CliResult result = await CliHarness.RunAsync(["test", "--filter", "LED*"], runner: runner, currentDirectory: app);
        Assert.Equal(ExitCodes.BuildFailed, result.ExitCode);
        Assert.Equal($"dotnet build {app}/tests/BlinkyTests.csproj -nologo -v:m -p:KeelBoard=netduinoplus2", runner.Commands.Single());
        Assert.StartsWith("keel: error: the build of tests for netduinoplus2 failed", result.Error);
        Assert.False(File.Exists(Path.Combine(app, "TestResults", "keel-test.xml")));
    }
}
