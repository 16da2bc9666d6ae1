using System.Xml.Linq;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The test API for a user's tasks (userlib/Testing.cs, docs/testing.md) on the target:
// tests/images/app-tests is an application (one task, the adder) with a test
// application in tests/ that reuses the adder by path and runs seven cases in a test
// task: four pass (three through IPC to the adder, one on the shared code alone), one
// fails on purpose, one is skipped by its attribute and one at run time. Built for
// QEMU, booted whole and with a selection written into a copy of the image
// (TestSelectionImage), and read with SuiteReport: one
// result per case, in source order, the failure with its line and values, the run's
// exit status from the halt platform call, and the JUnit report of the run; and on
// Renode when it is installed.
[Collection(DotnetBuildCollection.Name)]
public class AppTestApplicationTests
{
    private const string Folder = "tests/images/app-tests/tests";
    private const string ImageName = "app-tests-tests";
    private static string Project => Path.Combine(Repository.Root, Folder, "AppTestsTests.csproj");

    private static string Build()
    {
        var (exitCode, output) = DotnetBuild.Run(Project, "-p:KeelBoard=netduinoplus2");
        Assert.True(exitCode == 0, output);
        return Repository.Image(Folder, ImageName);
    }

    private static async Task<(EmulatorRun Run, SuiteReport Report)> Run(string image)
    {
        EmulatorRun run = await new Qemu().RunAsync(image);
        return (run, SuiteReport.Parse(run.Console, "checks"));
    }

    private static Task<(EmulatorRun Run, SuiteReport Report)> BuildAndRun() => Run(Build());

    // The test application boots the application's own adder with a Caps.g.cs of its
    // own. Each application builds the task into folders of its own (KeelAppName,
    // sdk/targets/Keel.Task.props), so building one leaves the other's build of the
    // adder as it was: the application built again after its tests runs no ILC, as
    // `keel run` after `keel test` compiles nothing (docs/build-performance.md).
    [Fact]
    public void BuildingTheTestApplicationLeavesTheApplicationsBuildOfItsTaskUpToDate()
    {
        string application = Path.Combine(Repository.Root, "tests/images/app-tests/AppTests.csproj");
        var (firstExit, firstOutput) = DotnetBuild.Run(application, "-p:KeelBoard=netduinoplus2");
        Assert.True(firstExit == 0, firstOutput);
        Build();

        var (exitCode, output) = DotnetBuild.Run(application, "-p:KeelBoard=netduinoplus2");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(": ILC -> ", output);
    }

    [Fact]
    public async Task EveryCaseHasOneResultAndTheFailingOneSaysWhereAndWhat()
    {
        var (run, report) = await BuildAndRun();

        Assert.True(run.ExitedWith(1), run.Describe());
        Assert.True(report.Consistent, run.Describe());
        Assert.Equal("4 passed, 1 failed, 2 skipped", report.ClosingLine);
        Assert.Equal(
            [
                ("AddsTwoNumbers", CaseOutcome.Passed),
                ("AddSaturates", CaseOutcome.Passed),
                ("DivideByZeroIsRefused", CaseOutcome.Passed),
                ("Shared_SaturatingAdd", CaseOutcome.Passed),
                ("DeliberatelyFailing", CaseOutcome.Failed),
                ("Multiplies", CaseOutcome.Skipped),
                ("NeedsAPeripheral", CaseOutcome.Skipped),
            ],
            report.Cases.Select(c => (c.Id, c.Outcome)));

        // The failing case: its first failure is the reason, with the line of the check in
        // Cases.cs; the second is printed and counted; the case ran on to its end.
        string[] cases = File.ReadAllLines(Path.Combine(Repository.Root, Folder, "tasks/checks/Cases.cs"));
        int first = Array.FindIndex(cases, l => l.Contains("check.Equal(5u, sum, \"2 + 2\")")) + 1;
        int second = Array.FindIndex(cases, l => l.Contains("\"1 / 0\"")) + 1;
        SuiteCase failed = report.Find("DeliberatelyFailing")!;
        Assert.Equal($"line {first}: 2 + 2: expected 5, got 4 (and 1 more failed check)", failed.Reason);
        Assert.Equal(
            $"checks: Starting test DeliberatelyFailing deliberately wrong: 2 + 2 is not 5\n" +
            $"checks:   line {first}: 2 + 2: expected 5, got 4\n" +
            $"checks:   line {second}: 1 / 0: expected Ok, got InvalidArgument\n" +
            $"checks: FAIL DeliberatelyFailing: line {first}: 2 + 2: expected 5, got 4 (and 1 more failed check)",
            failed.Transcript);

        Assert.Equal("the adder has no multiplication yet", report.Find("Multiplies")!.Reason);
        Assert.Equal("this board has no second UART", report.Find("NeedsAPeripheral")!.Reason);
        Assert.Equal("the shared arithmetic, without IPC", report.Find("Shared_SaturatingAdd")!.Name);
        Assert.DoesNotContain("a skipped case must not run", run.Console);

        // The JUnit report of this run, as keel test writes it for CI.
        string path = Path.Combine(Repository.Root, "tests/images/app-tests/TestResults/keel-test.xml");
        JUnitReport.Write(new TestRunRecord(ImageName, report, run.Console, run.ExitCode, run.TimedOut, DateTimeOffset.UtcNow, run.Elapsed,
            [new("emulator", "qemu"), new("board", "netduinoplus2")]), path);
        XElement suite = XDocument.Load(path).Root!.Element("testsuite")!;
        Assert.Equal(("7", "1", "0", "2"),
            ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!, (string)suite.Attribute("skipped")!));
    }

    // A selection is written into a copy of the built image, so selecting cases neither
    // rebuilds nor changes the image itself; two selections from one build each run
    // only their cases.
    [Fact]
    public async Task ASelectionWrittenIntoACopyOfTheImageRunsOnlyTheCasesItSelects()
    {
        string image = Build();
        byte[] built = File.ReadAllBytes(image);

        var (run, report) = await Run(TestSelectionImage.Write(image, "add*|SHARED_*"));
        Assert.True(run.ExitedWith(0), run.Describe());
        Assert.True(report.Consistent, run.Describe());
        Assert.Equal(["AddsTwoNumbers", "AddSaturates", "Shared_SaturatingAdd"], report.Cases.Select(c => c.Id));
        Assert.All(report.Cases, c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
        Assert.Equal("3 passed, 0 failed", report.ClosingLine);

        (run, report) = await Run(TestSelectionImage.Write(image, "Deliberately*"));
        Assert.True(run.ExitedWith(1), run.Describe());
        Assert.Equal(["DeliberatelyFailing"], report.Cases.Select(c => c.Id));

        Assert.Equal(built, File.ReadAllBytes(image));
    }

    // The same image built for Renode's board (Nucleo-F401RE), when Renode is installed:
    // the same result for every case, and the halt's status as Renode's exit status.
    [RenodeFact]
    public async Task OnRenodeEveryCaseHasTheSameResult()
    {
        var (exitCode, output) = DotnetBuild.Run(Project, $"-p:KeelBoard={Renode.Board}");
        Assert.True(exitCode == 0, output);
        EmulatorRun run = await new Renode { EmulatedTime = TimeSpan.FromSeconds(30) }.RunAsync(Repository.Image(Folder, ImageName, Renode.Board));
        SuiteReport report = SuiteReport.Parse(run.Console, "checks");

        Assert.True(run.ExitedWith(1), run.Describe());
        Assert.True(report.Consistent, run.Describe());
        Assert.Equal("4 passed, 1 failed, 2 skipped", report.ClosingLine);
        Assert.Equal(["DeliberatelyFailing"], report.Cases.Where(c => c.Outcome == CaseOutcome.Failed).Select(c => c.Id));
    }

    // The application the tests are for builds on its own too, from the same adder
    // project (built with the application's capabilities, then again with the test
    // application's: one task project, two systems).
    [Fact]
    public void TheApplicationItselfBuildsFromTheSameTaskProject()
    {
        var (exitCode, output) = DotnetBuild.Run(Path.Combine(Repository.Root, "tests/images/app-tests/AppTests.csproj"), "-p:KeelBoard=netduinoplus2");
        Assert.True(exitCode == 0, output);
        Assert.True(File.Exists(Repository.Image("tests/images/app-tests", "app-tests")), output);
    }
}
