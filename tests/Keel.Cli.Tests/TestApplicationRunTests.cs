using System.Xml.Linq;
using Keel.Cli;
using Keel.Emulation;
using Xunit.Abstractions;

namespace Keel.Cli.Tests;

// TestApplicationRunner for real: tests/images/app-tests' test application built with
// dotnet and booted under QEMU, as `keel test` runs a user's tests. Its cases and their
// outcomes are pinned by Keel.Firmware.Tests' AppTestApplicationTests; this checks the
// command's side: the table, the exit status and hint, and the report file on disk.
[Collection(BuildsCollection.Name)]
public class TestApplicationRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheInTreeTestApplicationRunsUnderQemuWithOneRowPerCaseAndAReport()
    {
        var workspace = Workspace.Find(CliHarness.Root);
        Application application = workspace.Application("tests/images/app-tests");
        Application tests = TestApplicationRunner.TestApplicationOf(workspace, application);
        string report = TestApplicationRunner.DefaultReportPath(application);
        // File.Delete throws when TestResults/ does not exist yet (a fresh clone).
        if (File.Exists(report))
            File.Delete(report);

        CliResult result = await CliHarness.RunAsync([],
            command: context => TestApplicationRunner.RunAsync(context, workspace, tests, "qemu", "AddsTwo*|Deliberately*|Multiplies", report,
                "keel test tests/images/app-tests --emulator qemu"));
        output.WriteLine(result.Describe());

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("Built tests/images/app-tests/tests for netduinoplus2", result.Output);
        Assert.Matches(@"AddsTwoNumbers\W+the adder adds two numbers\W+passed", result.Output);
        Assert.Matches(@"DeliberatelyFailing\W+deliberately wrong: 2 \+ 2 is not 5\W+failed\W+line \d+: 2 \+ 2: expected 5, got 4", result.Output);
        Assert.Matches(@"Multiplies\W+skipped by its attribute\W+skipped\W+the adder has no multiplication yet", result.Output);
        Assert.DoesNotContain("AddSaturates", result.Output);
        Assert.Contains("\n1 passed, 1 failed, 1 skipped\n", result.Output);
        Assert.Equal("keel: error: 1 on-target cases failed (listed above).\n" +
                     "keel: fix: keel test tests/images/app-tests --emulator qemu --filter 'DeliberatelyFailing'\n", result.Error);

        XElement suite = XDocument.Load(report).Root!.Element("testsuite")!;
        Assert.Equal(["AddsTwoNumbers", "DeliberatelyFailing", "Multiplies"], suite.Elements("testcase").Select(c => (string)c.Attribute("name")!));
        Assert.Equal("app-tests-tests", (string)suite.Attribute("name")!);
    }
}
