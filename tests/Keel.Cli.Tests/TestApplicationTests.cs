using System.Xml.Linq;
using Keel.Cli;
using Keel.Emulation;

namespace Keel.Cli.Tests;

// The test run of a user's test application (TestApplicationRunner, docs/testing.md)
// and its JUnit report (Keel.Emulation's JUnitReport): the report's shape for every
// outcome of a case and of the run, and the runner's build, table, report file and exit
// status, with dotnet and QEMU stood in for by canned output (the real thing is
// Keel.Firmware.Tests' AppTestApplicationTests) and the policy demo's image standing in
// for the test image (for its symbols and layout); where a filter is written into the
// image, the kernel suite's image, which has a selection block.
public class TestApplicationTests
{
    private const string MixedConsole = """
        supervisor: Starting test AddsTwoNumbers the adder adds two numbers
        supervisor: PASS AddsTwoNumbers
        supervisor: Starting test DeliberatelyFailing 2 + 2 is not 5
        supervisor:   line 49: 2 + 2: expected 5, got 4
        supervisor: FAIL DeliberatelyFailing: line 49: 2 + 2: expected 5, got 4
        supervisor: Starting test Multiplies skipped by its attribute
        supervisor: SKIP Multiplies: no multiplication yet
        supervisor: 2 passed, 1 failed, 1 skipped
        """;

    private static TestRunRecord Record(string console, int? exitCode, bool timedOut = false) =>
        new("app-tests-tests", SuiteReport.Parse(console, "supervisor"), console, exitCode, timedOut,
            new DateTimeOffset(2026, 11, 28, 1, 2, 3, TimeSpan.Zero), TimeSpan.FromMilliseconds(1500), [new("emulator", "qemu")]);

    private static XElement Suite(XDocument report) => report.Root!.Element("testsuite")!;

    private static XElement Case(XDocument report, string name) => Suite(report).Elements("testcase").Single(c => (string?)c.Attribute("name") == name);

    [Fact]
    public void EachCaseIsATestcaseWithItsOutcomeAndTranscript()
    {
        XDocument report = JUnitReport.Build(Record(MixedConsole.Replace("2 passed", "1 passed"), 1));

        XElement suite = Suite(report);
        Assert.Equal("testsuites", report.Root!.Name.LocalName);
        Assert.Equal(("app-tests-tests", "3", "1", "0", "1"),
            ((string)suite.Attribute("name")!, (string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!, (string)suite.Attribute("skipped")!));
        Assert.Equal("2026-11-28T01:02:03", (string)suite.Attribute("timestamp")!);
        Assert.Equal("1.500", (string)suite.Attribute("time")!);
        Assert.Equal("qemu", (string)suite.Element("properties")!.Element("property")!.Attribute("value")!);
        Assert.Equal(["AddsTwoNumbers", "DeliberatelyFailing", "Multiplies"], suite.Elements("testcase").Select(c => (string)c.Attribute("name")!));
        Assert.All(suite.Elements("testcase"), c => Assert.Equal("app-tests-tests", (string)c.Attribute("classname")!));

        XElement passed = Case(report, "AddsTwoNumbers");
        Assert.Null(passed.Element("failure"));
        Assert.Null(passed.Element("skipped"));
        Assert.Equal("supervisor: Starting test AddsTwoNumbers the adder adds two numbers\nsupervisor: PASS AddsTwoNumbers", (string)passed.Element("system-out")!);

        XElement failure = Case(report, "DeliberatelyFailing").Element("failure")!;
        Assert.Equal("line 49: 2 + 2: expected 5, got 4", (string)failure.Attribute("message")!);
        Assert.Contains("  line 49: 2 + 2: expected 5, got 4\nsupervisor: FAIL DeliberatelyFailing", (string)failure);

        Assert.Equal("no multiplication yet", (string)Case(report, "Multiplies").Element("skipped")!.Attribute("message")!);
        Assert.Null(suite.Elements("testcase").SingleOrDefault(c => (string?)c.Attribute("name") == JUnitReport.RunCaseName));
        Assert.Equal(MixedConsole.Replace("2 passed", "1 passed"), (string)suite.Element("system-out")!);
    }

    [Fact]
    public void ACaseThatNeverFinishedIsAnError()
    {
        XDocument report = JUnitReport.Build(Record("supervisor: Starting test AddsTwoNumbers adds\nsupervisor: PASS AddsTwoNumbers\nsupervisor: Starting test Hangs hangs\nPANIC: HardFault\n", 101));
        XElement error = Case(report, "Hangs").Element("error")!;
        Assert.Equal("Unfinished", (string)error.Attribute("type")!);
        Assert.Equal("case Hangs never finished: the image hung or crashed in it", (string)error.Attribute("message")!);
        Assert.Contains("PANIC: HardFault", (string)error);
        Assert.Equal("1", (string)Suite(report).Attribute("errors")!);
        Assert.Equal("2", (string)Suite(report).Attribute("tests")!);
    }

    public static TheoryData<string, int?, bool, string> BrokenRuns => new()
    {
        { "supervisor: Starting test A a\nsupervisor: PASS A\n", 0, false, "the run ended without the closing line" },
        { "supervisor: Starting test A a\nsupervisor: PASS A\n", null, true, "the image never stopped" },
        { "supervisor: Starting test A a\nsupervisor: PASS A\nsupervisor: 2 passed, 0 failed\n", 0, false, "the closing line '2 passed, 0 failed' disagrees" },
        { "supervisor: Starting test A a\nsupervisor: PASS A\nsupervisor: 1 passed, 0 failed\n", 1, false, "the image stopped with status 1 after no failed case" },
        { "supervisor: Starting test A a\nsupervisor: FAIL A: x\nsupervisor: 0 passed, 1 failed\n", 0, false, "the image stopped with status 0 after failed cases" },
        { "", 0, false, "the run ended without the closing line" },
    };

    [Theory]
    [MemberData(nameof(BrokenRuns))]
    public void ARunBrokenOutsideItsCasesAddsAnErrorCaseSoCiNeverReadsItAsGreen(string console, int? exitCode, bool timedOut, string problem)
    {
        XDocument report = JUnitReport.Build(Record(console, exitCode, timedOut));
        XElement error = Case(report, JUnitReport.RunCaseName).Element("error")!;
        Assert.StartsWith(problem, (string)error.Attribute("message")!);
        Assert.Equal(console, (string)error);
        Assert.Equal("1", (string)Suite(report).Attribute("errors")!);
        Assert.Equal("1", (string)report.Root!.Attribute("errors")!);
    }

    [Fact]
    public void TheReportFileIsWellFormedWhateverTheConsoleHeld()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("keel-junit-").FullName, "nested", "report.xml");
        string console = "supervisor: Starting test A garbage \u001b[31m\0\uD800 ends\nsupervisor: FAIL A: bad \u0007 byte\nsupervisor: 0 passed, 1 failed\n";
        JUnitReport.Write(Record(console, 1), path);

        XDocument read = XDocument.Load(path);
        Assert.Equal("bad \uFFFD byte", (string)Case(read, "A").Element("failure")!.Attribute("message")!);
        Assert.Contains("garbage \uFFFD[31m\uFFFD\uFFFD ends", (string)Case(read, "A").Element("system-out")!);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", File.ReadAllText(path));
    }

    // The runner, with dotnet and QEMU answering `console` and `exitStatus`. The test
    // task that prints the protocol is the policy demo's supervisor, or with a filter the
    // kernel suite's driver (each the one task granted halt).
    private static async Task<(CliResult Result, FakeRunner Runner, string Report)> RunTests(string console, int exitStatus, string? filter)
    {
        var runner = new FakeRunner((_, arguments) => arguments[0] == "build" ? new ProcessResult(0, false, "") : new ProcessResult(exitStatus, false, console));
        var workspace = Workspace.Find(CliHarness.Root);
        Application tests = workspace.Application(filter is null ? null : TargetSuite.Folder);
        string report = Path.Combine(Directory.CreateTempSubdirectory("keel-test-").FullName, "TestResults", "keel-test.xml");
        CliResult result = await CliHarness.RunAsync([], runner: runner,
            command: context => TestApplicationRunner.RunAsync(context, workspace, tests, "qemu", filter, report, "keel test my-app --emulator qemu"));
        return (result, runner, report);
    }

    [Fact]
    public async Task TheTestApplicationIsBuiltAndEachCaseIsShownAndReported()
    {
        var (result, runner, report) = await RunTests(MixedConsole.Replace("2 passed", "1 passed"), 1, null);

        Assert.Equal($"dotnet build {CliHarness.DemoFolder}/PolicyDemo.csproj -nologo -v:m -p:KeelBoard=netduinoplus2",
            runner.Commands[0]);
        Assert.Contains("qemu-system-arm -M netduinoplus2 ", runner.Commands[1]);
        Assert.Matches(@"AddsTwoNumbers\W+the adder adds two numbers\W+passed", result.Output);
        Assert.Matches(@"DeliberatelyFailing\W+2 \+ 2 is not 5\W+failed\W+line 49: 2 \+ 2: expected 5, got 4", result.Output);
        Assert.Matches(@"Multiplies\W+skipped by its attribute\W+skipped\W+no multiplication yet", result.Output);
        Assert.Contains("\n1 passed, 1 failed, 1 skipped\n", result.Output);
        Assert.Contains("JUnit report: ", result.Output);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Equal("keel: error: 1 on-target cases failed (listed above).\nkeel: fix: keel test my-app --emulator qemu --filter 'DeliberatelyFailing'\n", result.Error);

        XDocument written = XDocument.Load(report);
        Assert.Equal("1", (string)Suite(written).Attribute("failures")!);
        Assert.Equal("policy-demo", (string)Suite(written).Attribute("name")!);
    }

    // The filter is no build input: the build is the one a run without a filter makes
    // (so MSBuild finds it up to date), and the emulator boots a copy of the image with
    // the filter in its selection block.
    [Fact]
    public async Task AFilterDoesNotChangeTheBuildAndIsWrittenIntoACopyOfTheImage()
    {
        var (result, runner, report) = await RunTests("driver: Starting test AddsTwoNumbers adds\ndriver: PASS AddsTwoNumbers\ndriver: 1 passed, 0 failed\n", 0, "Adds*|Deliberately*");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Equal($"dotnet build {TargetSuite.Project} -nologo -v:m -p:KeelBoard=netduinoplus2", runner.Commands[0]);
        string selected = Path.ChangeExtension(TargetSuite.Image(), ".selected.elf");
        Assert.Contains($"-kernel {selected}", runner.Commands[1]);
        byte[] image = File.ReadAllBytes(selected);
        int marker = image.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(Keel.UserLib.Testing.TestSelectionBlock.MarkerText));
        Assert.True(marker > 0, "no selection block in the booted copy");
        Assert.Equal("Adds*|Deliberately*\0"u8.ToArray(), image.AsSpan(marker + 16, 20).ToArray());
        Assert.Contains(Suite(XDocument.Load(report)).Element("properties")!.Elements("property"),
            p => (string)p.Attribute("name")! == "filter" && (string)p.Attribute("value")! == "Adds*|Deliberately*");
    }

    [Fact]
    public async Task APassingRunExitsWith0AndItsReportHasNoFailure()
    {
        var (result, _, report) = await RunTests("supervisor: Starting test AddsTwoNumbers adds\nsupervisor: PASS AddsTwoNumbers\nsupervisor: 1 passed, 0 failed\n", 0, null);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        XElement suite = Suite(XDocument.Load(report));
        Assert.Equal(("1", "0", "0"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!));
    }

    [Fact]
    public async Task AFilterThatSelectsNoCaseIsAMistakeOnTheCommandLine()
    {
        var (result, _, _) = await RunTests("driver: 0 passed, 0 failed\n", 0, "Nothing*");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("keel: error: --filter 'Nothing*' selects none of the cases of tests/target-suite.", result.Error);
    }

    [Fact]
    public async Task AFilterTheBuildCannotReadStopsBeforeTheBuild()
    {
        var (result, runner, report) = await RunTests("", 0, "Adds Two");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("keel: error: --filter 'Adds Two': a filter is case-id patterns separated by '|'", result.Error);
        Assert.Empty(runner.Commands);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public async Task ACrashedRunIsAFailureNamingTheUnfinishedCaseAndIsStillReported()
    {
        var (result, _, report) = await RunTests("supervisor: Starting test Hangs hangs\nPANIC: index out of range\n", 101, null);
        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.StartsWith("keel: error: case Hangs never finished", result.Error);
        Assert.Contains("keel: fix: keel test my-app --emulator qemu --filter 'Hangs'", result.Error);
        Assert.Equal("Unfinished", (string)Case(XDocument.Load(report), "Hangs").Element("error")!.Attribute("type")!);
    }

    [Fact]
    public void AnApplicationWithoutATestsFolderHasNoTestApplication()
    {
        var workspace = Workspace.Find(CliHarness.Root);
        CliError error = Assert.Throws<CliError>(() => TestApplicationRunner.TestApplicationOf(workspace, workspace.Application(null)));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("has no test application (tests/app.toml", error.Message);

        Application tests = TestApplicationRunner.TestApplicationOf(workspace, workspace.Application("tests/images/app-tests"));
        Assert.Equal("app-tests-tests", tests.ImageName);
        Assert.Equal(Path.Combine(CliHarness.Root, "tests/images/app-tests/TestResults/keel-test.xml"),
            TestApplicationRunner.DefaultReportPath(workspace.Application("tests/images/app-tests")));
    }
}
