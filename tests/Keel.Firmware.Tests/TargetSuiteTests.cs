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
        new Qemu { TimeLimit = TimeSpan.FromMinutes(5) }.RunAsync(TargetSuite.Image()));

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

// The same suite under Renode (Nucleo-F401RE build), when Renode is installed: found
// through RENODE, then on PATH; otherwise these tests are skipped, saying how to
// install it. Renode ignores the semihosting exit, so the run is judged by its console.
[Collection(DotnetBuildCollection.Name)]
public class TargetSuiteOnRenode
{
    private static readonly Lazy<Task<EmulatorRun>> Run = new(async () =>
    {
        (int exitCode, string output) = TargetSuite.Build(Renode.Board);
        Assert.True(exitCode == 0, output);
        return await new Renode { EmulatedTime = TimeSpan.FromSeconds(20) }.RunAsync(TargetSuite.Image(Renode.Board));
    });

    public static TheoryData<string, string> Cases => SuiteCases.All();

    [RenodeTheory]
    [MemberData(nameof(Cases))]
    public async Task Case(string id, string name) => SuiteCases.AssertPassed(await Run.Value, id, name);

    [RenodeFact]
    public async Task TheRunEndsWithAClosingLineThatAgreesWithTheCases() => SuiteCases.AssertClosingLine(await Run.Value);
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
    public static TheoryData<string, string> All()
    {
        var cases = new TheoryData<string, string>();
        for (int index = 0; index < Catalogue.Count; index++)
        {
            string subject = Catalogue.Subject(index);
            cases.Add(Catalogue.Id(index), (subject.Length == 0 ? "" : subject + " ") + Catalogue.Name(index));
        }
        return cases;
    }

    // Every case ran and passed, and the closing line says so.
    public static void AssertClosingLine(EmulatorRun run)
    {
        SuiteReport report = SuiteReport.Parse(run.Console);
        Assert.True(report.Consistent, run.Describe());
        Assert.Equal($"{Catalogue.Count} passed, 0 failed", report.ClosingLine);
    }

    public static void AssertPassed(EmulatorRun run, string id, string name)
    {
        SuiteReport report = SuiteReport.Parse(run.Console);
        SuiteCase? result = report.Find(id);
        if (result is null)
        {
            string why = report.Finished ? "the suite finished without running it (was the image built with a KeelTestFilter?)" : "the suite stopped before it";
            Assert.Fail($"{id} {name}: never started: {why}.\n{run.Describe()}");
        }
        Assert.Equal(name, result.Name);
        if (result.Outcome == CaseOutcome.Unfinished)
            Assert.Fail($"{id} {name}: started but never finished ({(run.TimedOut ? "the run timed out" : "the run ended")}); its transcript:\n{result.Transcript}\n\n{run.Describe()}");
        Assert.True(result.Outcome == CaseOutcome.Passed, $"{id} {name}: {result.Outcome}: {result.Reason}\ntranscript:\n{result.Transcript}");
    }
}
