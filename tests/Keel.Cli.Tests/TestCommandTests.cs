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
}
