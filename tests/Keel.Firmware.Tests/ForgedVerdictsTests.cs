using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// Verdicts a task cannot write (issue 29): tests/images/forged-verdicts runs a test
// case that fails beside a forger, which prints that case's PASS, a closing line with no
// failure and a kernel report of the test task's unhandled fault, and a hider, which
// prints a line without its end and then dies with no fault handler. The verdicts read
// from the console must be the kernel's and the test task's, not the forger's, and the
// hider's death must be seen.
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

        SuiteReport report = SuiteReport.Parse(run.Console);
        Assert.True(report.Find("ForgedPass")?.Outcome == CaseOutcome.Failed, run.Describe());
        Assert.True(report.ClosingLine == "0 passed, 1 failed" && report.Consistent, run.Describe());

        string[] dead = Regex.Matches(run.Console, @"^keel: task (?<task>\S+) faulted .*, and has no fault handler: suspended$", RegexOptions.Multiline)
            .Select(m => m.Groups["task"].Value).ToArray();
        Assert.True(dead.SequenceEqual(["hider"]), run.Describe());
    }
}
