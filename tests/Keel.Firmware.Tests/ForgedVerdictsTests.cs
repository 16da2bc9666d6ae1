using Keel.Emulation;

namespace Keel.Firmware.Tests;

// Verdicts a task cannot write (issue 29): tests/images/forged-verdicts runs a test
// case that fails beside a forger, which prints that case's PASS, a closing line with no
// failure and a kernel report of the test task's unhandled fault, and a hider, which
// prints a line without its end and then dies with no fault handler. The verdicts read
// from the console must be the kernel's and the test task's, not the forger's, and the
// hider's death must be seen. Failed before the kernel marked task lines (issue 29):
// ForgedPass was read as passed, and the one task reported dead was checks (the
// forger's line), while the hider's real report, glued to its prompt, was missed.
[Collection(DotnetBuildCollection.Name)]
public class ForgedVerdictsTests
{
    private const string Folder = "tests/images/forged-verdicts";

    [Fact]
    public async Task ForgedAndHiddenVerdictsChangeNoVerdict()
    {
        var (exitCode, output) = DotnetBuild.Run(Path.Combine(Repository.Root, Folder, "ForgedVerdicts.csproj"), "-p:KeelBoard=netduinoplus2");
        Assert.True(exitCode == 0, output);
        EmulatorRun run = await new Qemu { TimeLimit = TimeSpan.FromSeconds(60) }.RunAsync(Repository.Image(Folder, "forged-verdicts"));
        Assert.True(run.ExitedWith(1), run.Describe());

        SuiteReport report = SuiteReport.Parse(run.Console, "checks");
        Assert.True(report.Find("ForgedPass")?.Outcome == CaseOutcome.Failed, run.Describe());
        Assert.True(report.ClosingLine == "0 passed, 1 failed" && report.Consistent, run.Describe());

        // What `keel run` takes for the tasks that died unhandled.
        Assert.True(ConsoleTranscript.UnhandledFaults(run.Console).SequenceEqual(["hider"]), run.Describe());
    }
}
