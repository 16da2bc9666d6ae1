// Rule 17: deleting a capability ends the IPC blocked through it, so deleting the last
// capability to an endpoint or notification wakes every thread queued on it.
using Xunit;
using static Keel.Kernel.Tests.Sim;

namespace Keel.Kernel.Tests;

public class RevocationRuleTests
{
    // Owner holds the capabilities; Helper1 and Helper2 share the owner's CSpace (threads
    // of one task), so the owner can delete a capability they are blocked through.
    const int Owner = 0, Helper1 = 1, Helper2 = 2, Outsider = 3;
    const uint Ep = 0, Note = 1, SecondEp = 2;

    static Sim SharedCSpace()
    {
        var sim = new Sim();
        sim.T(Helper1).CSpace = Owner;
        sim.T(Helper2).CSpace = Owner;
        sim.Give(Owner, Ep, CapType.Endpoint, 0, Rights.All);
        sim.Give(Owner, Note, CapType.Notification, 0, Rights.Read | Rights.Write);
        sim.Give(Owner, SecondEp, CapType.Endpoint, 0, Rights.All);
        sim.StartAll();
        return sim;
    }

    static void AssertEndedWith(Sim sim, int thread, Error status)
    {
        Assert.Equal(ThreadState.Runnable, sim.T(thread).State);
        Assert.Equal(status, sim.T(thread).Regs.Status);
    }

    [Fact]
    public void Rule17_DeletingTheLastCapabilityToAnEndpointWakesEveryReceiverQueuedOnIt()
    {
        var sim = SharedCSpace();
        sim.Sys(Owner, SyscallNumber.Delete, SecondEp);
        sim.Recv(Helper1, Ep);
        sim.Recv(Helper2, Ep);

        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Delete, Ep));
        AssertEndedWith(sim, Helper1, Error.Revoked);
        AssertEndedWith(sim, Helper2, Error.Revoked);
        Assert.True(sim.K.Endpoints[0].Queue.IsEmpty);
    }

    [Theory]
    [InlineData(SyscallNumber.Send)]
    [InlineData(SyscallNumber.Call)]
    public void Rule17_DeletingTheLastCapabilityToAnEndpointWakesEverySenderQueuedOnIt(SyscallNumber send)
    {
        var sim = SharedCSpace();
        sim.Sys(Owner, SyscallNumber.Delete, SecondEp);
        sim.Sys(Helper1, send, Ep, Msg(1, 1), mr0: 11);
        sim.Sys(Helper2, send, Ep, Msg(2, 1), mr0: 22);

        sim.Sys(Owner, SyscallNumber.Delete, Ep);
        AssertEndedWith(sim, Helper1, Error.Revoked);
        AssertEndedWith(sim, Helper2, Error.Revoked);
        Assert.True(sim.K.Endpoints[0].Queue.IsEmpty);
        Assert.Equal(11u, sim.T(Helper1).Regs.R7);     // the message stays the sender's, undelivered
    }

    [Fact]
    public void Rule17_DeletingTheLastCapabilityToANotificationWakesEveryWaiter()
    {
        var sim = SharedCSpace();
        sim.Sys(Helper1, SyscallNumber.Wait, Note);
        sim.Sys(Helper2, SyscallNumber.Wait, Note);

        sim.Sys(Owner, SyscallNumber.Delete, Note);
        AssertEndedWith(sim, Helper1, Error.Revoked);
        AssertEndedWith(sim, Helper2, Error.Revoked);
        Assert.True(sim.K.Notifications[0].Waiters.IsEmpty);
    }

    [Fact]
    public void Rule17_DeletingACapabilityEndsOnlyTheIpcBlockedThroughIt()
    {
        var sim = SharedCSpace();
        sim.Recv(Helper1, Ep);
        sim.Recv(Helper2, SecondEp);           // the same endpoint, through another capability

        sim.Sys(Owner, SyscallNumber.Delete, Ep);
        AssertEndedWith(sim, Helper1, Error.Revoked);
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Helper2).State);
        sim.Give(Outsider, 0, CapType.Endpoint, 0, Rights.Write);
        sim.Send(Outsider, 0, mr0: 5);
        Assert.Equal(5u, sim.T(Helper2).Regs.R7);
    }

    [Fact]
    public void Rule17_ACapabilityMovedWhileAThreadIsBlockedThroughItStillEndsItsIpcWhenDeleted()
    {
        var sim = SharedCSpace();
        sim.Recv(Helper1, Ep);
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Move, Ep, r6: 9));

        sim.Sys(Owner, SyscallNumber.Delete, Ep);             // empty now: nothing happens
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Helper1).State);
        sim.Sys(Owner, SyscallNumber.Delete, 9);
        AssertEndedWith(sim, Helper1, Error.Revoked);
    }

    [Fact]
    public void Rule17_AFaultWaitingForItsHandlerIsNotEndedByDeletingSlotCapabilities()
    {
        // The fault handler capability lives in the TCB, not in a CSpace: deleting every
        // slot capability to the endpoint leaves the fault's Call waiting for a handler.
        var sim = SharedCSpace();
        sim.T(Outsider).FaultHandler = Capability.Create(CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, 0xF);
        sim.MakeCurrent(Outsider);
        Kernel.Fault(ref sim.K, Outsider, FaultKind.MemoryAccess, 0x0800_0000, 0, 0, contextLost: false);
        sim.Sys(Owner, SyscallNumber.Delete, Ep);
        sim.Sys(Owner, SyscallNumber.Delete, SecondEp);
        Assert.Equal(ThreadState.BlockedOnSend, sim.T(Outsider).State);
    }
}
