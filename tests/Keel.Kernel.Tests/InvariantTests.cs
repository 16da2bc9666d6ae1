// kernel/Invariants.cs: a consistent state has no violations, and each kind of
// corruption the checker claims to find gives at least one. The state is built by
// real system calls, so it has a thread in every place a thread can be: running,
// ready, blocked on an endpoint, on a notification and on a reply; a reply
// capability in a caller slot; capabilities derived from capabilities derived from
// one of boot's; a bound notification; a tick signal; an IRQ binding.
using System;
using System.Collections.Generic;
using Xunit;
using static Keel.Kernel.Tests.Sim;
using static Keel.Testing.HostKernel;

namespace Keel.Kernel.Tests;

public class InvariantTests
{
    // Roles, each one thread.
    const int Caller = 0, Server = 1, Waiter = 2, Receiver = 3, Ready = 4;
    const uint Endpoint0 = 0, Endpoint1 = 1, Note = 2, Spare = 5, Empty = 7, Minted = 8, Copied = 9;

    static Sim Scenario()
    {
        var sim = new Sim(threads: 5, tickSignals: new[] { new TickSignal { Notification = 0, Badge = 1, EveryTicks = 5 } });
        sim.K.IrqBindings[3] = new IrqBinding { Notification = 1, Badge = 0x10 };
        for (int t = 0; t < 5; t++)
        {
            sim.Give(t, Endpoint0, CapType.Endpoint, 0, Rights.All);
            sim.Give(t, Endpoint1, CapType.Endpoint, 1, Rights.All);
            sim.Give(t, Note, CapType.Notification, 0, Rights.Read | Rights.Write, badge: 1u << t);
        }
        sim.Give(Server, 3, CapType.Thread, Ready, Rights.Write);
        sim.Give(Server, 4, CapType.IrqHandler, 3, Rights.Write);
        sim.T(Caller).FaultHandler = sim.Slot(Caller, Endpoint1);
        Kernel.BindNotification(ref sim.K, Receiver, 1);
        sim.StartAll();

        Assert.Equal(Error.Ok, sim.Sys(Server, SyscallNumber.Mint, Endpoint0, r6: Minted, mr0: (uint)Rights.Write, mr1: 3));
        Assert.Equal(Error.Ok, sim.Sys(Server, SyscallNumber.Copy, Minted, r6: Copied));
        Assert.Equal(Error.Ok, sim.Recv(Server, Endpoint0));
        Assert.Equal(Error.Ok, sim.Call(Caller, Endpoint0, mr0: 7));
        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.Wait, Note));
        Assert.Equal(Error.Ok, sim.Recv(Receiver, Endpoint1));
        sim.MakeCurrent(Server);

        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Caller).State);
        Assert.Equal(CapType.Reply, sim.T(Server).CallerSlot.Type);
        Assert.Equal(ThreadState.BlockedOnNotification, sim.T(Waiter).State);
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Receiver).State);
        Assert.True(sim.T(Ready).Queued);
        return sim;
    }

    [Fact]
    public void A_consistent_state_has_no_violations() =>
        Assert.Equal(0, Invariants.Check(ref Scenario().K));

    static readonly Dictionary<string, Action<Sim>> Corruptions = new()
    {
        ["a ready queue holds a thread that is not runnable"] = sim => sim.T(Ready).State = ThreadState.BlockedOnReply,
        ["a ready queue holds a thread of another priority"] = sim => sim.T(Ready).Priority = 2,
        ["an endpoint queue holds a thread blocked on another endpoint"] = sim => sim.T(Receiver).Ipc.Object = 0,
        ["an endpoint queue holds senders and receivers"] = sim =>
        {
            sim.K.ReadyQueues[1].Remove(sim.K.Threads, Ready);
            Endpoint.Block(ref sim.K, Ready, 1, sim.SlotIndex(Ready, Endpoint1), ThreadState.BlockedOnSend);
        },
        ["a notification queue holds a thread that is not waiting"] = sim => sim.T(Waiter).State = ThreadState.BlockedOnReply,
        ["a notification has waiters and a signal"] = sim => sim.K.Notifications[0].Signalled = true,
        ["a notification has bits but no signal"] = sim => sim.K.Notifications[1].Word = 1,
        ["a thread is in two queues"] = sim => sim.K.Endpoints[0].Queue.Append(sim.K.Threads, Waiter),
        ["a blocked thread is missing from its queue"] = sim => sim.K.Endpoints[1].Queue = ThreadQueue.Empty,
        ["a thread is blocked through an empty slot"] = sim => sim.Slot(Receiver, Endpoint1) = default,
        ["a thread is blocked through a capability to another object"] = sim => sim.T(Receiver).Ipc.Slot = sim.SlotIndex(Receiver, Endpoint0),
        ["a thread is blocked through a capability without the right it needs"] = sim => sim.Slot(Waiter, Note).Rights = Rights.Write,
        ["a thread is blocked through another CSpace's slot"] = sim => sim.T(Receiver).Ipc.Slot = sim.SlotIndex(Caller, Endpoint1),
        ["a queue has a cycle"] = sim => sim.T(Ready).Next = Ready,
        ["a queue link is out of range"] = sim => sim.T(Ready).Next = 99,
        ["a queue's tail is not its last member"] = sim => sim.K.ReadyQueues[1].Tail = Caller,
        ["an empty queue has a tail"] = sim => sim.K.ReadyQueues[0].Tail = Ready,
        ["the Queued flag of a thread in no queue is set"] = sim => sim.T(Caller).Queued = true,
        ["a thread is in no state"] = sim => sim.T(Ready).State = (ThreadState)9,
        ["the current thread is not runnable"] = sim => sim.K.Current = Caller,
        ["the current thread is out of range"] = sim => sim.K.Current = 99,
        ["the current thread is in a queue"] = sim => sim.K.Current = Ready,
        ["a capability has an undefined type"] = sim => sim.Slot(Server, Spare).Type = (CapType)9,
        ["a capability has an undefined right"] = sim => sim.Slot(Caller, Endpoint0).Rights = (Rights)0x10,
        ["an endpoint capability names no endpoint"] = sim => sim.Slot(Caller, Endpoint0).Object = 2,
        ["a notification capability names no notification"] = sim => sim.Slot(Waiter, Note).Object = 5,
        ["a thread capability names no thread"] = sim => sim.Slot(Server, 3).Object = 5,
        ["an IRQ-handler capability names no IRQ"] = sim => sim.Slot(Server, 4).Object = 8,
        ["a thread capability has a badge"] = sim => sim.Slot(Server, 3).Badge = 1,
        ["an empty slot keeps an object"] = sim => sim.Slot(Server, Empty).Object = 3,
        ["a reply capability names no thread"] = sim => sim.T(Server).CallerSlot.Object = 9,
        ["a Call has two reply capabilities"] = sim => sim.Slot(Server, Spare) = sim.T(Server).CallerSlot,
        ["a reply capability lies where its caller's record does not say"] = sim => sim.T(Caller).ReplyHolder = KernelState.NoThread,
        ["a caller's record names a caller slot that is empty"] = sim => sim.T(Server).CallerSlot = default,
        ["a thread not waiting for a reply has a reply capability"] = sim =>
        {
            sim.Slot(Server, Spare) = Capability.Create(CapType.Reply, Ready, Rights.Write, 0);
            sim.T(Ready).ReplySlot = sim.SlotIndex(Server, Spare);
        },
        ["a caller slot holds an endpoint capability"] = sim => sim.T(Server).CallerSlot = sim.Slot(Server, Endpoint0),
        ["a fault handler is a notification capability"] = sim => sim.T(Caller).FaultHandler = sim.Slot(Caller, Note),
        ["a derivation link is not matched by one back"] = sim => Record(sim, Minted).Previous = sim.SlotIndex(Server, Copied),
        ["a derived capability has a right its parent lacks"] = sim => sim.Slot(Server, Copied).Rights = Rights.All,
        ["a derived capability has another badge than its parent"] = sim => sim.Slot(Server, Copied).Badge = 4,
        ["a derived capability names another object than its parent"] = sim => sim.Slot(Server, Copied).Object = 1,
        ["a derivation chain deepens by two levels at once"] = sim => Record(sim, Copied).Depth = 3,
        ["a derivation chain does not start at a root"] = sim => Record(sim, Endpoint0).Depth = 1,
        ["an empty slot is linked into the derivation records"] = sim => Record(sim, Empty).Next = sim.SlotIndex(Server, Minted),
        ["the derivation records have a cycle"] = sim =>
        {
            Record(sim, Endpoint0).Next = KernelState.NoSlot;
            Record(sim, Minted).Previous = sim.SlotIndex(Server, Copied);
            Record(sim, Copied).Next = sim.SlotIndex(Server, Minted);
        },
        ["a notification is bound to a thread bound elsewhere"] = sim => sim.K.Notifications[1].BoundThread = Ready,
        ["a thread is bound to a notification that does not exist"] = sim => sim.T(Receiver).BoundNotification = 7,
        ["a fault is recorded outside a fault's Call"] = sim => sim.T(Ready).Fault.Kind = FaultKind.MemoryAccess,
        ["a time slice is empty"] = sim => sim.T(Ready).TimeSliceLeft = 0,
        ["a CNode runs past the slot pool"] = sim => sim.K.CNodes[Ready].SlotCount = SlotsPerThread + 1,
        ["a thread's CSpace does not exist"] = sim => sim.T(Ready).CSpace = 9,
        ["a thread's priority has no ready queue"] = sim => sim.T(Caller).Priority = 4,
        ["a tick signal names no notification"] = sim => sim.K.TickSignals[0].Notification = 4,
        ["a tick signal's countdown is past its period"] = sim => sim.K.TickSignals[0].TicksLeft = 6,
        ["an IRQ binding names no notification"] = sim => sim.K.IrqBindings[3].Notification = 6,
    };

    public static TheoryData<string> Kinds => new(Corruptions.Keys);

    /// <summary>The whole pool slot (capability and derivation record) of one of the server's slots.</summary>
    static ref CapSlot Record(Sim sim, uint slot) => ref sim.K.Slots[sim.SlotIndex(Server, slot)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_of_corruption_is_found(string kind)
    {
        Sim sim = Scenario();
        Corruptions[kind](sim);
        Assert.True(Invariants.Check(ref sim.K) > 0, kind);
    }

    // Every walk is bounded by the thread count, so links that chain all threads into a
    // loop still give a count (on the target a hang here would stop the fuzzer's checker).
    [Fact]
    public void Every_thread_in_one_cycle_still_ends_with_a_count()
    {
        Sim sim = Scenario();
        for (int t = 0; t < 5; t++)
            sim.T(t).Next = (t + 1) % 5;
        Assert.True(Invariants.Check(ref sim.K) > 0);
    }
}
