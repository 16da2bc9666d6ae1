using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The on-target suite's harness without the suite: the console parser on hand-written
// transcripts (every verdict, a hang, a closing line that disagrees, verdicts another
// task printed).
public class SuiteHarnessTests
{
    [Fact]
    public void EachCaseBecomesOneResultWithItsOwnTranscript()
    {
        SuiteReport report = SuiteReport.Parse(
            "boot banner\n" +
            "driver: Starting test IPC0001 First case\ndriver: PASS IPC0001\n" +
            "driver: Starting test IPC0002 Second case\nalpha: some output\ndriver: FAIL IPC0002: alpha: the reply: got 0x1, expected 0x2\n" +
            "driver: Starting test FPU0001 Third case\ndriver: SKIP FPU0001: no FPU\n" +
            "driver: 1 passed, 1 failed, 1 skipped\n", "driver");

        Assert.Equal(["IPC0001", "IPC0002", "FPU0001"], report.Cases.Select(c => c.Id));
        Assert.Equal(CaseOutcome.Passed, report.Find("IPC0001")!.Outcome);
        SuiteCase failed = report.Find("IPC0002")!;
        Assert.Equal((CaseOutcome.Failed, "Second case", "alpha: the reply: got 0x1, expected 0x2"), (failed.Outcome, failed.Name, failed.Reason));
        Assert.Equal("driver: Starting test IPC0002 Second case\nalpha: some output\ndriver: FAIL IPC0002: alpha: the reply: got 0x1, expected 0x2", failed.Transcript);
        Assert.Equal((CaseOutcome.Skipped, "no FPU"), (report.Find("FPU0001")!.Outcome, report.Find("FPU0001")!.Reason));
        Assert.True(report.Finished);
        Assert.True(report.Consistent);
    }

    [Fact]
    public void ACaseWithoutAVerdictIsUnfinishedWithItsTranscriptUpToTheEnd()
    {
        SuiteReport report = SuiteReport.Parse("driver: Starting test IPC0001 A\ndriver: PASS IPC0001\ndriver: Starting test IPC0002 B\nPANIC: HardFault\n", "driver");

        SuiteCase hung = report.Find("IPC0002")!;
        Assert.Equal(CaseOutcome.Unfinished, hung.Outcome);
        Assert.Equal("driver: Starting test IPC0002 B\nPANIC: HardFault", hung.Transcript);
        Assert.False(report.Finished);
        Assert.False(report.Consistent);
    }

    [Fact]
    public void AClosingLineThatDisagreesWithTheVerdictsIsInconsistent()
    {
        SuiteReport report = SuiteReport.Parse("driver: Starting test IPC0001 A\ndriver: FAIL IPC0001: x\ndriver: 1 passed, 0 failed\n", "driver");

        Assert.True(report.Finished);
        Assert.False(report.Consistent);
    }

    [Fact]
    public void AVerdictForAnotherCaseDoesNotEndTheRunningOne()
    {
        SuiteReport report = SuiteReport.Parse("driver: Starting test IPC0001 A\ndriver: PASS IPC0002\n", "driver");

        Assert.Equal(CaseOutcome.Unfinished, report.Find("IPC0001")!.Outcome);
    }

    // Only the reporter's lines are the protocol (issue 29): another task's PASS and
    // closing line are lines of its case's transcript, and so is a task's copy of a kernel
    // report; the kernel's own lines are its.
    [Fact]
    public void VerdictsPrintedByAnotherTaskAreOnlyTranscript()
    {
        const string console =
            "driver: Starting test IPC0001 A\n" +
            "alpha: PASS IPC0001\nalpha: 1 passed, 0 failed\nalpha: driver: PASS IPC0001\n" +
            "alpha: keel: task driver faulted (memory access) at pc 0x08000000, caller 0x08000000, address 0x00000000, and has no fault handler: suspended\n" +
            "beta: all good> \n" +
            "keel: task beta faulted (memory access) at pc 0x08010000, caller 0x08010001, address 0x20000000, and has no fault handler: suspended\n" +
            "driver: FAIL IPC0001: alpha: x\n" +
            "driver: 0 passed, 1 failed\n";

        SuiteReport report = SuiteReport.Parse(console, "driver");

        SuiteCase forged = report.Find("IPC0001")!;
        Assert.Equal((CaseOutcome.Failed, "alpha: x"), (forged.Outcome, forged.Reason));
        Assert.Contains("alpha: PASS IPC0001\n", forged.Transcript);
        Assert.Equal("0 passed, 1 failed", report.ClosingLine);
        Assert.True(report.Consistent);
        Assert.Equal(["beta"], ConsoleTranscript.UnhandledFaults(console));
    }

    // A line is a task's when it begins with a task's name; `keel` is no task's name.
    [Theory]
    [InlineData("alpha: PASS X", "alpha", "PASS X")]
    [InlineData("worker-3: ", "worker-3", "")]
    [InlineData("keel: task a faulted", null, "keel: task a faulted")]
    [InlineData("PANIC: index out of range", null, "PANIC: index out of range")]
    [InlineData("kernel fault: memory access at pc 0x08000000", null, "kernel fault: memory access at pc 0x08000000")]
    [InlineData(" r0 0x00000000 lr 0x08000001", null, " r0 0x00000000 lr 0x08000001")]
    [InlineData("[keel: console full, text dropped]", null, "[keel: console full, text dropped]")]
    public void EachLineIsTheKernelsOrOneTasks(string line, string? task, string text)
    {
        Assert.Equal(new TranscriptLine(task, text), ConsoleTranscript.Read(line));
    }
}
