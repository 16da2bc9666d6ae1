// Rule 13: notifications, bound notifications and interrupts.
using System.Collections.Generic;
using Xunit;
using static Keel.Kernel.Tests.Sim;

namespace Keel.Kernel.Tests;

public unsafe class NotificationRuleTests
{
    const int Waiter = 0, SignallerA = 1, SignallerB = 2;
    const uint N = 0;

    static Sim Setup()
    {
        var sim = new Sim();
        sim.Give(Waiter, N, CapType.Notification, 0, Rights.Read);
        sim.Give(SignallerA, N, CapType.Notification, 0, Rights.Write, badge: 0b01);
        sim.Give(SignallerB, N, CapType.Notification, 0, Rights.Write, badge: 0b10);
        sim.StartAll();
        return sim;
    }

    [Fact]
    public void Rule13_SignalOrsTheBadgeIntoTheWord()
    {
        var sim = Setup();
        sim.Sys(SignallerA, SyscallNumber.Signal, N);
        sim.Sys(SignallerB, SyscallNumber.Signal, N);
        Assert.Equal(0b11u, sim.K.Notifications[0].Word);
    }

    [Fact]
    public void Rule13_WaitBlocksUntilTheWordIsNonZeroThenReturnsAndClearsIt()
    {
        var sim = Setup();
        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.Wait, N));
        Assert.Equal(ThreadState.BlockedOnNotification, sim.T(Waiter).State);
        sim.Sys(SignallerB, SyscallNumber.Signal, N);
        Assert.Equal(ThreadState.Runnable, sim.T(Waiter).State);
        Assert.Equal(0b10u, sim.T(Waiter).Regs.Badge);
        Assert.True(sim.T(Waiter).Regs.Info.Notified);
        Assert.Equal(0u, sim.K.Notifications[0].Word);
    }

    [Fact]
    public void Rule13_WaitReturnsAtOnceWhenBitsArePending()
    {
        var sim = Setup();
        sim.Sys(SignallerA, SyscallNumber.Signal, N);
        sim.Sys(SignallerB, SyscallNumber.Signal, N);
        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.Wait, N));
        Assert.Equal(ThreadState.Runnable, sim.T(Waiter).State);
        Assert.Equal(0b11u, sim.T(Waiter).Regs.Badge);
    }

    [Fact]
    public void Rule13_PollNeverBlocks()
    {
        var sim = Setup();
        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.Poll, N));
        Assert.Equal(ThreadState.Runnable, sim.T(Waiter).State);
        Assert.Equal(0u, sim.T(Waiter).Regs.Badge);
        sim.Sys(SignallerA, SyscallNumber.Signal, N);
        sim.Sys(Waiter, SyscallNumber.Poll, N);
        Assert.Equal(1u, sim.T(Waiter).Regs.Badge);
        Assert.Equal(0u, sim.K.Notifications[0].Word);
    }

    [Fact]
    public void Rule13_SignalNeedsWriteAndWaitNeedsRead()
    {
        var sim = Setup();
        sim.ExpectRejected(Error.MissingRight, Waiter, SyscallNumber.Signal, N);
        sim.ExpectRejected(Error.MissingRight, SignallerA, SyscallNumber.Wait, N);
        sim.ExpectRejected(Error.MissingRight, SignallerA, SyscallNumber.Poll, N);
    }

    static Sim BoundServer()
    {
        var sim = Setup();
        sim.Give(Waiter, 1, CapType.Endpoint, 0, Rights.Read);
        sim.Give(SignallerA, 1, CapType.Endpoint, 0, Rights.Write, badge: 0x55);
        Kernel.BindNotification(ref sim.K, Waiter, 0);
        return sim;
    }

    [Fact]
    public void Rule13_BoundThreadIsWokenFromRecvBySignalAndCanTellWhichHappened()
    {
        var sim = BoundServer();
        sim.Recv(Waiter, 1);
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Waiter).State);
        sim.Sys(SignallerB, SyscallNumber.Signal, N);
        Assert.Equal(ThreadState.Runnable, sim.T(Waiter).State);
        Assert.True(sim.T(Waiter).Regs.Info.Notified);
        Assert.Equal(0b10u, sim.T(Waiter).Regs.Badge);
        Assert.True(sim.K.Endpoints[0].Queue.IsEmpty);

        sim.Recv(Waiter, 1);
        sim.Send(SignallerA, 1, label: 0, mr0: 1);
        Assert.False(sim.T(Waiter).Regs.Info.Notified);
        Assert.Equal(0x55u, sim.T(Waiter).Regs.Badge);
    }

    [Fact]
    public void Rule13_PendingSignalIsServedBeforeAQueuedSender()
    {
        var sim = BoundServer();
        sim.Send(SignallerA, 1, mr0: 7);
        sim.Sys(SignallerB, SyscallNumber.Signal, N);
        sim.Recv(Waiter, 1);
        Assert.True(sim.T(Waiter).Regs.Info.Notified);
        sim.Recv(Waiter, 1);
        Assert.False(sim.T(Waiter).Regs.Info.Notified);
        Assert.Equal(7u, sim.T(Waiter).Regs.R7);
    }

    [Fact]
    public void Rule13_SignalThroughAnUnbadgedCapabilityWakesTheWaiterWithWordZero()
    {
        var sim = Setup();
        sim.Give(SignallerA, 1, CapType.Notification, 0, Rights.Write);
        sim.Sys(Waiter, SyscallNumber.Wait, N);
        Assert.Equal(Error.Ok, sim.Sys(SignallerA, SyscallNumber.Signal, 1));
        Assert.Equal(ThreadState.Runnable, sim.T(Waiter).State);
        Assert.True(sim.T(Waiter).Regs.Info.Notified);
        Assert.Equal(0u, sim.T(Waiter).Regs.Badge);
    }

    [Fact]
    public void Rule13_AnUnbadgedSignalWithNobodyWaitingStaysPendingForTheNextWait()
    {
        var sim = Setup();
        sim.Give(SignallerA, 1, CapType.Notification, 0, Rights.Write);
        sim.Sys(SignallerA, SyscallNumber.Signal, 1);
        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.Wait, N));
        Assert.Equal(ThreadState.Runnable, sim.T(Waiter).State);
        Assert.True(sim.T(Waiter).Regs.Info.Notified);
        Assert.Equal(0u, sim.T(Waiter).Regs.Badge);
        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.Wait, N));       // taken: the next Wait blocks
        Assert.Equal(ThreadState.BlockedOnNotification, sim.T(Waiter).State);
    }

    [Fact]
    public void Rule13_PollTellsASignalWithWordZeroFromNoSignal()
    {
        var sim = Setup();
        sim.Give(SignallerA, 1, CapType.Notification, 0, Rights.Write);
        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.Poll, N));
        Assert.Equal((0u, 0u), (sim.T(Waiter).Regs.R5, sim.T(Waiter).Regs.Badge));
        sim.Sys(SignallerA, SyscallNumber.Signal, 1);
        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.Poll, N));
        Assert.True(sim.T(Waiter).Regs.Info.Notified);
        Assert.Equal(0u, sim.T(Waiter).Regs.Badge);
    }

    [Fact]
    public void Rule13_WaitAndPollOnANotificationBoundToAnotherThreadAreRefused()
    {
        var sim = BoundServer();
        sim.Sys(SignallerB, SyscallNumber.Signal, N);
        sim.Give(SignallerA, 2, CapType.Notification, 0, Rights.Read);
        sim.ExpectRejected(Error.BoundToAnotherThread, SignallerA, SyscallNumber.Wait, 2);
        sim.ExpectRejected(Error.BoundToAnotherThread, SignallerA, SyscallNumber.Poll, 2);
        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.Poll, N));       // the bound thread itself may
        Assert.Equal(0b10u, sim.T(Waiter).Regs.Badge);
    }

    static readonly List<uint> unmasked = new();
    static void RecordUnmask(uint irq) => unmasked.Add(irq);

    [Fact]
    public void Rule13_InterruptSignalsItsNotificationAndIrqAckUnmasksIt()
    {
        var sim = Setup();
        sim.K.IrqBindings[3] = new IrqBinding { Notification = 0, Badge = 0x100 };
        sim.K.Hooks.UnmaskIrq = &RecordUnmask;
        sim.Give(Waiter, 2, CapType.IrqHandler, 3, Rights.Write);
        unmasked.Clear();

        sim.Sys(Waiter, SyscallNumber.Wait, N);
        Kernel.Interrupt(ref sim.K, 3);
        Assert.Equal(ThreadState.Runnable, sim.T(Waiter).State);
        Assert.Equal(0x100u, sim.T(Waiter).Regs.Badge);
        Assert.Empty(unmasked);

        Assert.Equal(Error.Ok, sim.Sys(Waiter, SyscallNumber.IrqAck, 2));
        Assert.Equal(new[] { 3u }, unmasked);
        sim.ExpectRejected(Error.WrongType, Waiter, SyscallNumber.IrqAck, N);
    }
}
