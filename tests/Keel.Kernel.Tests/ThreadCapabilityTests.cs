// The thread capability: Suspend, Resume, Restart.
using Xunit;

namespace Keel.Kernel.Tests;

public class ThreadCapabilityTests
{
    const int Supervisor = 0, Worker = 1;

    static Sim Setup()
    {
        var sim = new Sim();
        sim.Give(Supervisor, 0, CapType.Thread, Worker, Rights.Write);
        sim.Give(Worker, 0, CapType.Endpoint, 0, Rights.Read);
        sim.StartAll();
        return sim;
    }

    [Fact]
    public void SuspendCancelsABlockedReceiveAndResumeReportsIt()
    {
        var sim = Setup();
        sim.Recv(Worker, 0);
        Assert.Equal(Error.Ok, sim.Sys(Supervisor, SyscallNumber.ThreadSuspend, 0));
        Assert.Equal(ThreadState.Inactive, sim.T(Worker).State);
        Assert.True(sim.K.Endpoints[0].Queue.IsEmpty);
        Assert.Equal(Error.Ok, sim.Sys(Supervisor, SyscallNumber.ThreadResume, 0));
        Assert.Equal(ThreadState.Runnable, sim.T(Worker).State);
        Assert.Equal(Error.Cancelled, sim.T(Worker).Regs.Status);
    }

    [Fact]
    public void SuspendTakesARunnableThreadOffTheReadyQueue()
    {
        var sim = Setup();
        sim.MakeCurrent(Supervisor);
        Assert.True(sim.T(Worker).Queued);
        sim.Sys(Supervisor, SyscallNumber.ThreadSuspend, 0);
        Assert.False(sim.T(Worker).Queued);
    }

    [Fact]
    public void ResumeOfARunnableThreadDoesNothing()
    {
        var sim = Setup();
        sim.MakeCurrent(Supervisor);
        var before = sim.TakeSnapshot();
        Assert.Equal(Error.Ok, sim.Sys(Supervisor, SyscallNumber.ThreadResume, 0));
        sim.T(Supervisor).Regs = before.ThreadRegs(Supervisor);
        sim.TakeSnapshot().AssertSameAs(before);
    }

    [Fact]
    public void RestartAsksTheHardwareLayerToRebuildTheContext()
    {
        var sim = Setup();
        sim.Recv(Worker, 0);
        sim.Sys(Supervisor, SyscallNumber.ThreadRestart, 0);
        Assert.Equal(ThreadState.Runnable, sim.T(Worker).State);
        Assert.True(sim.T(Worker).RestartPending);
        Assert.Equal(default, sim.T(Worker).Regs);
        Assert.True(sim.K.Endpoints[0].Queue.IsEmpty);
    }

    [Fact]
    public void ThreadInvocationsNeedWrite()
    {
        var sim = Setup();
        sim.Give(Supervisor, 1, CapType.Thread, Worker, Rights.Read);
        sim.ExpectRejected(Error.MissingRight, Supervisor, SyscallNumber.ThreadSuspend, 1);
        sim.ExpectRejected(Error.MissingRight, Supervisor, SyscallNumber.ThreadResume, 1);
        sim.ExpectRejected(Error.MissingRight, Supervisor, SyscallNumber.ThreadRestart, 1);
    }
}
