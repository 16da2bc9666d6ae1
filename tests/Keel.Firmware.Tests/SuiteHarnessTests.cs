using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The on-target suite's harness without the suite: the console parser on hand-written
// transcripts (every verdict, a hang, a closing line that disagrees).
public class SuiteHarnessTests
{
    [Fact]
    public void EachCaseBecomesOneResultWithItsOwnTranscript()
    {
        SuiteReport report = SuiteReport.Parse(
            "boot banner\n" +
            "Starting test IPC0001 First case\nPASS IPC0001\n" +
            "Starting test IPC0002 Second case\nsome output\nFAIL IPC0002: alpha: the reply: got 0x1, expected 0x2\n" +
            "Starting test FPU0001 Third case\nSKIP FPU0001: no FPU\n" +
            "1 passed, 1 failed, 1 skipped\n");

        Assert.Equal(["IPC0001", "IPC0002", "FPU0001"], report.Cases.Select(c => c.Id));
        Assert.Equal(CaseOutcome.Passed, report.Find("IPC0001")!.Outcome);
        SuiteCase failed = report.Find("IPC0002")!;
        Assert.Equal((CaseOutcome.Failed, "Second case", "alpha: the reply: got 0x1, expected 0x2"), (failed.Outcome, failed.Name, failed.Reason));
        Assert.Equal("Starting test IPC0002 Second case\nsome output\nFAIL IPC0002: alpha: the reply: got 0x1, expected 0x2", failed.Transcript);
        Assert.Equal((CaseOutcome.Skipped, "no FPU"), (report.Find("FPU0001")!.Outcome, report.Find("FPU0001")!.Reason));
        Assert.True(report.Finished);
        Assert.True(report.Consistent);
    }

    [Fact]
    public void ACaseWithoutAVerdictIsUnfinishedWithItsTranscriptUpToTheEnd()
    {
        SuiteReport report = SuiteReport.Parse("Starting test IPC0001 A\nPASS IPC0001\nStarting test IPC0002 B\nPANIC: HardFault\n");

        SuiteCase hung = report.Find("IPC0002")!;
        Assert.Equal(CaseOutcome.Unfinished, hung.Outcome);
        Assert.Equal("Starting test IPC0002 B\nPANIC: HardFault", hung.Transcript);
        Assert.False(report.Finished);
        Assert.False(report.Consistent);
    }

    [Fact]
    public void AClosingLineThatDisagreesWithTheVerdictsIsInconsistent()
    {
        SuiteReport report = SuiteReport.Parse("Starting test IPC0001 A\nFAIL IPC0001: x\n1 passed, 0 failed\n");

        Assert.True(report.Finished);
        Assert.False(report.Consistent);
    }

    [Fact]
    public void AVerdictForAnotherCaseDoesNotEndTheRunningOne()
    {
        SuiteReport report = SuiteReport.Parse("Starting test IPC0001 A\nPASS IPC0002\n");

        Assert.Equal(CaseOutcome.Unfinished, report.Find("IPC0001")!.Outcome);
    }
}
