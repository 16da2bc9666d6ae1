// Rule 17: deleting a capability ends the IPC blocked through it, so deleting the last
// capability to an endpoint or notification wakes every thread queued on it. Rule 18:
// derivation and Revoke. Rule 19: CancelBadgedSends.
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
        Kernel.Fault(ref sim.K, Outsider, new FaultRecord { Kind = FaultKind.MemoryAccess, Pc = 0x0800_0000 }, contextLost: false);
        sim.Sys(Owner, SyscallNumber.Delete, Ep);
        sim.Sys(Owner, SyscallNumber.Delete, SecondEp);
        Assert.Equal(ThreadState.BlockedOnSend, sim.T(Outsider).State);
    }

    // ---- Rule 18: derivation and Revoke ----

    const uint Transfer = 3;      // Owner: endpoint 1 with Write and Grant; Outsider: endpoint 1 with Read

    /// <summary>The owner's CSpace as in SharedCSpace, and an outsider in a CSpace of its own that capabilities reach by transfer.</summary>
    static Sim WithOutsider()
    {
        var sim = SharedCSpace();
        sim.Give(Owner, Transfer, CapType.Endpoint, 1, Rights.Write | Rights.Grant);
        sim.Give(Outsider, Transfer, CapType.Endpoint, 1, Rights.Read);
        return sim;
    }

    /// <summary>The owner sends the capability in its slot <paramref name="from"/> to the outsider's slot <paramref name="to"/>.</summary>
    static unsafe void Grant(Sim sim, uint from, uint to)
    {
        sim.Buffer(Outsider)[IpcBuffer.ReceiveSlots] = to;
        Assert.Equal(Error.Ok, sim.Recv(Outsider, Transfer));
        sim.Buffer(Owner)[IpcBuffer.SendCaps] = from;
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Send, Transfer, Msg(0, 0, 1)));
        Assert.Equal(1, sim.T(Outsider).Regs.Info.ExtraCaps);
    }

    static Error Revoke(Sim sim, int thread, uint slot) => sim.Sys(thread, SyscallNumber.Revoke, slot);

    static void AssertEmpty(Sim sim, int thread, params uint[] slots)
    {
        foreach (uint slot in slots)
            Assert.Equal((CapType.Null, Rights.None), sim.Identify(thread, slot));
    }

    [Fact]
    public void Rule18_RevokeDeletesEveryCapabilityDerivedFromIt_InAnyCSpace()
    {
        var sim = WithOutsider();
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Mint, Ep, r6: 5, mr0: (uint)(Rights.Write | Rights.GrantReply), mr1: 7));
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Copy, 5, r6: 6));
        Grant(sim, 5, 10);
        Assert.Equal(Error.Ok, sim.Sys(Outsider, SyscallNumber.Copy, 10, r6: 11));   // derived from a derived one

        Assert.Equal(Error.Ok, Revoke(sim, Owner, Ep));
        AssertEmpty(sim, Owner, 5, 6);
        AssertEmpty(sim, Outsider, 10, 11);
        Assert.Equal((CapType.Endpoint, Rights.All), sim.Identify(Owner, Ep));
    }

    [Fact]
    public void Rule18_RevokeKeepsTheCapabilityItselfAndWhatItWasDerivedFrom()
    {
        var sim = WithOutsider();
        sim.Sys(Owner, SyscallNumber.Mint, Ep, r6: 5, mr0: (uint)Rights.All, mr1: 7);
        sim.Sys(Owner, SyscallNumber.Copy, 5, r6: 6);
        sim.Sys(Owner, SyscallNumber.Copy, Ep, r6: 7);                              // a sibling of slot 5

        Assert.Equal(Error.Ok, Revoke(sim, Owner, 5));
        AssertEmpty(sim, Owner, 6);
        Assert.Equal(CapType.Endpoint, sim.Identify(Owner, 5).Type);
        Assert.Equal(CapType.Endpoint, sim.Identify(Owner, 7).Type);
        Assert.Equal(CapType.Endpoint, sim.Identify(Owner, Ep).Type);
    }

    [Fact]
    public void Rule18_ACopyOutlivesTheCapabilityItCameFromAndIsRevokedWithItsAncestors()
    {
        var sim = WithOutsider();
        sim.Sys(Owner, SyscallNumber.Mint, Ep, r6: 5, mr0: (uint)Rights.Write, mr1: 7);
        Grant(sim, 5, 10);
        sim.Sys(Owner, SyscallNumber.Delete, 5);                                   // as the demo's policy server does
        Assert.Equal(CapType.Endpoint, sim.Identify(Outsider, 10).Type);

        Revoke(sim, Owner, Ep);
        AssertEmpty(sim, Outsider, 10);
    }

    [Fact]
    public void Rule18_RevokeEndsTheIpcBlockedThroughWhatItDeletes()
    {
        var sim = WithOutsider();
        sim.Sys(Owner, SyscallNumber.Mint, Ep, r6: 5, mr0: (uint)(Rights.Write | Rights.GrantReply), mr1: 7);
        Grant(sim, 5, 10);
        Assert.Equal(Error.Ok, sim.Call(Outsider, 10, mr0: 1));                       // nobody receives: queued
        Assert.Equal(ThreadState.BlockedOnSend, sim.T(Outsider).State);

        Revoke(sim, Owner, 5);
        Assert.Equal(ThreadState.Runnable, sim.T(Outsider).State);
        Assert.Equal(Error.Revoked, sim.T(Outsider).Regs.Status);
        Assert.True(sim.K.Endpoints[0].Queue.IsEmpty);
        sim.ExpectRejected(Error.EmptySlot, Outsider, SyscallNumber.Call, 10, Msg(0, 1));
    }

    [Fact]
    public void Rule18_ADeliveredCallIsAnsweredEvenIfItsCapabilityIsRevokedMeanwhile()
    {
        var sim = WithOutsider();
        sim.Sys(Owner, SyscallNumber.Mint, Ep, r6: 5, mr0: (uint)(Rights.Write | Rights.GrantReply), mr1: 7);
        Grant(sim, 5, 10);
        sim.Recv(Helper1, Ep);
        sim.Call(Outsider, 10, mr0: 1);
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Outsider).State);

        Revoke(sim, Owner, 5);
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Outsider).State);
        sim.Reply(Helper1, mr0: 2);
        Assert.Equal(2u, sim.T(Outsider).Regs.R7);
    }

    [Fact]
    public void Rule18_RevokeOfACapabilityNothingDerivesFromChangesNothing()
    {
        var sim = WithOutsider();
        sim.MakeCurrent(Owner);
        var before = sim.TakeSnapshot();
        Assert.Equal(Error.Ok, Revoke(sim, Owner, Note));
        sim.T(Owner).Regs = before.ThreadRegs(Owner);
        sim.TakeSnapshot().AssertSameAs(before);
    }

    [Fact]
    public void Rule18_ALongRevocationStopsAfterABatchAndIsRepeatedUntilDoneWithoutTheCallerSeeingIt()
    {
        var sim = WithOutsider();
        for (uint slot = 4; slot < Sim.SlotsPerThread; slot++)
            Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Copy, Ep, r6: slot));
        Grant(sim, 4, 4);
        for (uint slot = 5; slot < Sim.SlotsPerThread; slot++)
            Assert.Equal(Error.Ok, sim.Sys(Outsider, SyscallNumber.Copy, 4, r6: slot));
        int derived = DerivedFromEp(sim);
        Assert.True(derived > Lifecycle.RevokeBatch);

        // One kernel entry: a batch, and the call left to be issued again, registers untouched.
        sim.MakeCurrent(Owner);
        sim.SetRegs(Owner, SyscallNumber.Revoke, Ep, mr0: 0xA5A5);
        ThreadRegisters arguments = sim.T(Owner).Regs;
        Assert.Equal(Owner, Kernel.Syscall(ref sim.K, Owner));
        Assert.True(sim.T(Owner).RepeatSyscall);
        Assert.Equal(arguments, sim.T(Owner).Regs);
        Assert.Equal(derived - Lifecycle.RevokeBatch, DerivedFromEp(sim));
        Assert.Equal(0, Invariants.Check(ref sim.K));

        // Issued again (as the hardware layer does) until it returns: everything is gone.
        sim.T(Owner).RepeatSyscall = false;
        sim.EnterSyscall(Owner);
        Assert.False(sim.T(Owner).RepeatSyscall);
        Assert.Equal(0, DerivedFromEp(sim));
        Assert.Equal(Error.Ok, sim.T(Owner).Regs.Status);
        Assert.Equal(0xA5A5u, sim.T(Owner).Regs.R7);
    }

    /// <summary>Capabilities to endpoint 0 in the whole pool besides the owner's own two (Ep, SecondEp).</summary>
    static int DerivedFromEp(Sim sim)
    {
        int count = 0;
        foreach (CapSlot slot in sim.K.Slots)
            count += slot.Cap.Type == CapType.Endpoint && slot.Cap.Object == 0 ? 1 : 0;
        return count - 2;
    }

    /// <summary>
    /// Issue 29's leak: a sender holding Write and Grant makes RevokeBatch copies of a
    /// capability, attaches it to an NBSend and Revokes the original. Whether a receiver was
    /// waiting (and took a 17th copy) must show in none of the sender's registers, Revoke's
    /// included (rule 2): the receiver holds no capability to the sender.
    /// </summary>
    [Fact]
    public void Rule18_RevokeTellsTheSenderNothingAboutWhetherItsOneWaySendWasDelivered()
    {
        Assert.Equal(RevokeAfterOneWaySend(receiverWaiting: false), RevokeAfterOneWaySend(receiverWaiting: true));
    }

    /// <summary>The sender's r4-r11 after the Revoke, and what Identify shows of its CSpace, as text.</summary>
    static unsafe string RevokeAfterOneWaySend(bool receiverWaiting)
    {
        const int Sender = 0, Receiver = 1;
        const uint ToReceiver = 0, Copied = 1;
        var sim = new Sim();
        // The sender's CSpace takes two threads' worth of slots, room for the copies.
        sim.K.CNodes[Sender] = new CNode { FirstSlot = 0, SlotCount = 2 * Sim.SlotsPerThread };
        sim.K.CNodes[2] = new CNode { FirstSlot = 2 * Sim.SlotsPerThread, SlotCount = Sim.SlotsPerThread };
        sim.T(Receiver).CSpace = 2;
        sim.Give(Sender, ToReceiver, CapType.Endpoint, 0, Rights.Write | Rights.Grant);
        sim.Give(Sender, Copied, CapType.Endpoint, 1, Rights.Write);
        sim.Give(Receiver, 0, CapType.Endpoint, 0, Rights.Read);
        sim.Start(Sender, Receiver);
        for (uint slot = 2; slot < 2 + Lifecycle.RevokeBatch; slot++)
            Assert.Equal(Error.Ok, sim.Sys(Sender, SyscallNumber.Copy, Copied, r6: slot));
        if (receiverWaiting)
        {
            sim.Buffer(Receiver)[IpcBuffer.ReceiveSlots] = 1;
            Assert.Equal(Error.Ok, sim.Recv(Receiver, 0));
        }
        sim.Buffer(Sender)[IpcBuffer.SendCaps] = Copied;
        Assert.Equal(Error.Ok, sim.Sys(Sender, SyscallNumber.NBSend, ToReceiver, Msg(0, 0, 1)));
        Assert.Equal(receiverWaiting ? 1 : 0, receiverWaiting ? sim.T(Receiver).Regs.Info.ExtraCaps : 0);

        Assert.Equal(Error.Ok, sim.Sys(Sender, SyscallNumber.Revoke, Copied));
        ThreadRegisters r = sim.T(Sender).Regs;
        var seen = new System.Text.StringBuilder($"r4-r11 {r.R4} {r.R5} {r.R6} {r.R7} {r.R8} {r.R9} {r.R10} {r.R11}; CSpace ");
        for (uint slot = 0; slot < 2 * Sim.SlotsPerThread; slot++)
            seen.Append(sim.Identify(Sender, slot)).Append(' ');
        return seen.ToString();
    }


    // ---- Rule 19: CancelBadgedSends ----

    /// <summary>Threads 1-3 each send through a capability of their own with the given badge; the owner holds the unbadged one.</summary>
    static Sim QueuedSenders(uint badge1, uint badge2, uint badge3)
    {
        var sim = new Sim();
        sim.Give(Owner, Ep, CapType.Endpoint, 0, Rights.Read | Rights.Write);
        sim.Give(1, Ep, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, badge1);
        sim.Give(2, Ep, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, badge2);
        sim.Give(3, Ep, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, badge3);
        sim.StartAll();
        sim.Send(1, Ep, mr0: 1);
        sim.Call(2, Ep, mr0: 2);
        sim.Send(3, Ep, mr0: 3);
        return sim;
    }

    [Fact]
    public void Rule19_CancelBadgedSendsEndsEveryQueuedSendAndCallWithThatBadge()
    {
        var sim = QueuedSenders(7, 7, 8);
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.CancelBadgedSends, Ep, mr0: 7));
        AssertEndedWith(sim, 1, Error.Cancelled);
        AssertEndedWith(sim, 2, Error.Cancelled);
        Assert.Equal(ThreadState.BlockedOnSend, sim.T(3).State);

        Assert.Equal(Error.Ok, sim.Recv(Owner, Ep));
        Assert.Equal((8u, 3u), (sim.T(Owner).Regs.Badge, sim.T(Owner).Regs.R7));
    }

    [Fact]
    public void Rule19_CancelBadgedSendsLeavesReceiversAndDeliveredCallsAlone()
    {
        var sim = new Sim();
        sim.Give(Owner, Ep, CapType.Endpoint, 0, Rights.Write);
        sim.Give(1, Ep, CapType.Endpoint, 0, Rights.Read);
        sim.Give(2, Ep, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, 7);
        sim.StartAll();
        sim.Recv(1, Ep);
        sim.Call(2, Ep);                                   // delivered: waits for its reply
        sim.Recv(1, Ep);
        sim.MakeCurrent(Owner);
        var before = sim.TakeSnapshot();
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.CancelBadgedSends, Ep, mr0: 7));
        sim.T(Owner).Regs = before.ThreadRegs(Owner);
        sim.TakeSnapshot().AssertSameAs(before);
    }

    [Fact]
    public void Rule19_CancelBadgedSendsNeedsAnUnbadgedCapabilityWithWriteAndABadge()
    {
        var sim = QueuedSenders(7, 7, 8);
        sim.Give(Owner, 4, CapType.Endpoint, 0, Rights.Read);
        sim.Give(Owner, 5, CapType.Endpoint, 0, Rights.Write, badge: 7);
        sim.ExpectRejected(Error.MissingRight, Owner, SyscallNumber.CancelBadgedSends, 4, mr0: 7);
        sim.ExpectRejected(Error.InvalidArgument, Owner, SyscallNumber.CancelBadgedSends, 5, mr0: 7);
        sim.ExpectRejected(Error.InvalidArgument, Owner, SyscallNumber.CancelBadgedSends, Ep, mr0: 0);
    }
}
