using Keel.Emulation;
using Keel.Suite;

namespace Keel.Firmware.Tests;

// The kernel's on-target test suite (tests/target-suite) on the emulators: the image
// runs once per emulator, and each of its cases is one result here, so a failure names
// the case and shows its transcript. The case list comes from the suite's own
// catalogue (compiled into this project), so a case the image never reached (a hang, a
// crash) still fails by name.
public class TargetSuiteOnQemu
{
    private static readonly Lazy<Task<EmulatorRun>> Run = new(() =>
        new Qemu().RunAsync(TargetSuite.Image()));

    public static TheoryData<string, string> Cases => SuiteCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case(string id, string name) => SuiteCases.AssertPassed(await Run.Value, id, name);

    [Fact]
    public async Task TheRunEndsWithAClosingLineThatAgreesWithTheCasesAndStatusZero()
    {
        EmulatorRun run = await Run.Value;
        SuiteCases.AssertClosingLine(run);
        Assert.True(run.ExitedWith(0), run.Describe());
    }
}

// The same suite under Renode (Nucleo-F401RE, built for Renode), when Renode is
// installed: found through RENODE, then on PATH; otherwise these tests are skipped,
// saying how to install it. A case Renode cannot run (Catalogue.UntestableOnRenode)
// must report SKIP with its reason there, never PASS; every other case must pass.
[Collection(DotnetBuildCollection.Name)]
public class TargetSuiteOnRenode
{
    private static readonly Lazy<Task<EmulatorRun>> Run = new(async () =>
    {
        (int exitCode, string output) = TargetSuite.Build(Renode.Board, renode: true);
        Assert.True(exitCode == 0, output);
        return await new Renode { EmulatedTime = TimeSpan.FromSeconds(30) }.RunAsync(TargetSuite.Image(Renode.Board));
    });

    public static TheoryData<string, string> Cases => SuiteCases.All(renode: true);

    public static TheoryData<string, string> UntestableCases => SuiteCases.UntestableOnRenode();

    [RenodeTheory]
    [MemberData(nameof(Cases))]
    public async Task Case(string id, string name) => SuiteCases.AssertPassed(await Run.Value, id, name);

    [RenodeTheory]
    [MemberData(nameof(UntestableCases))]
    public async Task UntestableCaseIsSkippedWithItsReason(string id, string reason) => SuiteCases.AssertSkipped(await Run.Value, id, reason);

    [RenodeFact]
    public async Task TheRunEndsWithAClosingLineThatAgreesWithTheCasesAndStatusZero()
    {
        EmulatorRun run = await Run.Value;
        SuiteCases.AssertClosingLine(run, renode: true);
        Assert.True(run.ExitedWith(0), run.Describe());
    }
}

public sealed class RenodeFactAttribute : FactAttribute
{
    public RenodeFactAttribute()
    {
        if (Renode.Locate() is null)
            Skip = Renode.InstallHint;
    }
}

public sealed class RenodeTheoryAttribute : TheoryAttribute
{
    public RenodeTheoryAttribute()
    {
        if (Renode.Locate() is null)
            Skip = Renode.InstallHint;
    }
}

internal static class SuiteCases
{
    // Every case, or on Renode every case it can run.
    public static TheoryData<string, string> All(bool renode = false)
    {
        var cases = new TheoryData<string, string>();
        for (int index = 0; index < Catalogue.Count; index++)
        {
            if (renode && Catalogue.UntestableOnRenode(index).Length != 0)
                continue;
            string subject = Catalogue.Subject(index);
            cases.Add(Catalogue.Id(index), (subject.Length == 0 ? "" : subject + " ") + System.Text.Encoding.ASCII.GetString(Catalogue.Name(index)));
        }
        return cases;
    }

    // The cases Renode cannot run, with the reason each must give.
    public static TheoryData<string, string> UntestableOnRenode()
    {
        var cases = new TheoryData<string, string>();
        for (int index = 0; index < Catalogue.Count; index++)
        {
            if (Catalogue.UntestableOnRenode(index) is { Length: > 0 } reason)
                cases.Add(Catalogue.Id(index), reason);
        }
        return cases;
    }

    // Every case ran and passed (or, on Renode, was skipped as it must be), and the
    // closing line says so.
    public static void AssertClosingLine(EmulatorRun run, bool renode = false)
    {
        SuiteReport report = SuiteReport.Parse(run.Console, "driver");
        Assert.True(report.Consistent, run.Describe());
        int skipped = renode ? UntestableOnRenode().Count : 0;
        Assert.Equal($"{Catalogue.Count - skipped} passed, 0 failed" + (skipped == 0 ? "" : $", {skipped} skipped"), report.ClosingLine);
    }

    public static void AssertPassed(EmulatorRun run, string id, string name)
    {
        SuiteCase result = Find(run, id, name);
        Assert.Equal(name, result.Name);
        Assert.True(result.Outcome == CaseOutcome.Passed, $"{id} {name}: {result.Outcome}: {result.Reason}\ntranscript:\n{result.Transcript}");
    }

    public static void AssertSkipped(EmulatorRun run, string id, string reason)
    {
        SuiteCase result = Find(run, id, reason);
        Assert.True((result.Outcome, result.Reason) == (CaseOutcome.Skipped, reason), $"{id}: {result.Outcome}: {result.Reason}\ntranscript:\n{result.Transcript}");
    }

    // The case's result; it fails the test when the case never started or finished.
    private static SuiteCase Find(EmulatorRun run, string id, string what)
    {
        SuiteReport report = SuiteReport.Parse(run.Console, "driver");
        SuiteCase? result = report.Find(id);
        if (result is null)
        {
            string why = report.Finished ? "the suite finished without running it (was the image booted with a case filter?)" : "the suite stopped before it";
            Assert.Fail($"{id} {what}: never started: {why}.\n{run.Describe()}");
        }
        if (result.Outcome == CaseOutcome.Unfinished)
            Assert.Fail($"{id} {what}: started but never finished ({(run.TimedOut ? "the run timed out" : "the run ended")}); its transcript:\n{result.Transcript}\n\n{run.Describe()}");
        return result;
    }
}
