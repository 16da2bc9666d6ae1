// The IPC fastpath (kernel/Fastpath.cs): when it is taken, and that it changes the
// kernel's state exactly as the general path does.
using System;
using System.Runtime.InteropServices;
using CsCheck;
using Xunit;

namespace Keel.Kernel.Tests;

public unsafe class FastpathTests
{
    const uint ServerEndpoint = 1;

    /// <summary>Thread 0 is a client, thread 1 a server waiting in Recv on endpoint 0.</summary>
    static Sim ClientAndWaitingServer(Rights clientRights = Rights.Write | Rights.GrantReply)
    {
        var sim = new Sim();
        sim.Give(0, ServerEndpoint, CapType.Endpoint, 0, clientRights, badge: 5);
        sim.Give(1, ServerEndpoint, CapType.Endpoint, 0, Rights.Read);
        sim.Start(0, 1);
        Assert.Equal(Error.Ok, sim.Recv(1, ServerEndpoint));
        sim.K.FastpathHits = 0;   // the server's Recv took the fastpath too; count the calls under test only
        return sim;
    }

    [Fact]
    public void ACallAndReplyRecvRoundTripTakesTheFastpathBothWays()
    {
        Sim sim = ClientAndWaitingServer();

        Assert.Equal(Error.Ok, sim.Sys(0, SyscallNumber.Call, ServerEndpoint, Sim.Msg(7, 4), mr0: 10, mr1: 11, mr2: 12, mr3: 13));
        Assert.Equal(1u, sim.K.FastpathHits);
        Assert.Equal(1, sim.K.Current);
        ThreadRegisters request = sim.T(1).Regs;
        Assert.Equal((7u, 4, 5u), (request.Info.Label, request.Info.Length, request.Badge));
        Assert.Equal((10u, 11u, 12u, 13u), (request.R7, request.R8, request.R9, request.R10));

        Assert.Equal(Error.Ok, sim.Sys(1, SyscallNumber.ReplyRecv, ServerEndpoint, Sim.Msg(8, 2), mr0: 20, mr1: 21));
        Assert.Equal(2u, sim.K.FastpathHits);
        Assert.Equal(0, sim.K.Current);
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(1).State);
        ThreadRegisters reply = sim.T(0).Regs;
        Assert.Equal((Error.Ok, 8u, 2, 0u), (reply.Status, reply.Info.Label, reply.Info.Length, reply.Badge));
        Assert.Equal((20u, 21u), (reply.R7, reply.R8));
    }

    [Theory]
    [InlineData((byte)1, 1)]   // the caller does not outrank the server: the server goes on
    [InlineData((byte)2, 0)]   // the caller outranks it: the caller runs at once
    public void AReplyToAWaitingCallerTakesTheFastpath(byte callerPriority, int runsNext)
    {
        Sim sim = ClientAndWaitingServer();
        sim.T(0).Priority = callerPriority;
        Assert.Equal(Error.Ok, sim.Sys(0, SyscallNumber.Call, ServerEndpoint, Sim.Msg(7, 1), mr0: 10));
        uint before = sim.K.FastpathHits;

        Assert.Equal(Error.Ok, sim.Sys(1, SyscallNumber.Reply, 0, Sim.Msg(8, 1), mr0: 20));
        Assert.Equal(before + 1, sim.K.FastpathHits);
        Assert.Equal(runsNext, sim.K.Current);
        Assert.Equal(ThreadState.Runnable, sim.T(0).State);
        Assert.Equal((Error.Ok, 8u, 20u), (sim.T(0).Regs.Status, sim.T(0).Regs.Info.Label, sim.T(0).Regs.R7));
    }

    [Fact]
    public void AMessageLongerThanTheRegistersTakesTheGeneralPath()
    {
        Sim sim = ClientAndWaitingServer();
        Assert.Equal(Error.Ok, sim.Sys(0, SyscallNumber.Call, ServerEndpoint, Sim.Msg(7, ThreadRegisters.MessageRegisters + 1)));
        Assert.Equal(0u, sim.K.FastpathHits);
        Assert.Equal(1, sim.K.Current);
    }

    [Fact]
    public void AnAttachedCapabilityTakesTheGeneralPath()
    {
        Sim sim = ClientAndWaitingServer(Rights.Write | Rights.Grant);
        sim.Buffer(0)[IpcBuffer.SendCaps] = ServerEndpoint;
        Assert.Equal(Error.Ok, sim.Sys(0, SyscallNumber.Call, ServerEndpoint, Sim.Msg(7, 0, extraCaps: 1)));
        Assert.Equal(0u, sim.K.FastpathHits);
        Assert.Equal(1, sim.K.Current);
    }

    [Fact]
    public void ACallWithNoReceiverWaitingTakesTheGeneralPath()
    {
        var sim = new Sim();
        sim.Give(0, ServerEndpoint, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply);
        sim.Start(0);
        Assert.Equal(Error.Ok, sim.Call(0, ServerEndpoint));
        Assert.Equal(0u, sim.K.FastpathHits);
        Assert.Equal(ThreadState.BlockedOnSend, sim.T(0).State);
    }

    [Fact]
    public void AReceiverThatMayNotRunYetTakesTheGeneralPath()
    {
        Sim sim = ClientAndWaitingServer();
        sim.T(2).Priority = 2;   // runnable, and above the server
        Kernel.StartThread(ref sim.K, 2);
        Assert.Equal(Error.Ok, sim.Sys(0, SyscallNumber.Call, ServerEndpoint, Sim.Msg(7, 1)));
        Assert.Equal(0u, sim.K.FastpathHits);
        Assert.Equal(2, sim.K.Current);
        Assert.Equal(ThreadState.Runnable, sim.T(1).State);
    }

    [Fact]
    public void TurningTheFastpathOffLeavesEveryCallToTheGeneralPath()
    {
        Sim sim = ClientAndWaitingServer();
        sim.K.GeneralPathOnly = true;
        Assert.Equal(Error.Ok, sim.Sys(0, SyscallNumber.Call, ServerEndpoint, Sim.Msg(7, 1)));
        Assert.Equal(0u, sim.K.FastpathHits);
        Assert.Equal(1, sim.K.Current);
    }

    /// <summary>Thread 0 at level 2 runs with half its slice left; thread 1 (level <paramref name="otherLevel"/>) is ready.</summary>
    static Sim RunningWithAnotherReady(byte otherLevel, bool generalPathOnly)
    {
        var sim = new Sim();
        sim.K.GeneralPathOnly = generalPathOnly;
        sim.T(0).Priority = 2;
        sim.T(1).Priority = otherLevel;
        sim.Start(0, 1);
        sim.MakeCurrent(0);
        sim.T(0).TimeSliceLeft = sim.K.TimeSliceTicks / 2 + 1;
        return sim;
    }

    [Theory]
    [InlineData((byte)1, 0)]   // nothing else at the caller's level or above: the caller goes on at once
    [InlineData((byte)2, 1)]   // a peer is ready: round robin, the peer runs
    [InlineData((byte)3, 1)]   // a higher thread is ready (it would have been running; Sim can make it so)
    public void AYieldLeavesTheStateTheGeneralPathWould(byte otherLevel, int runsNext)
    {
        Sim fast = RunningWithAnotherReady(otherLevel, generalPathOnly: false);
        Sim general = RunningWithAnotherReady(otherLevel, generalPathOnly: true);
        Assert.Equal(Error.Ok, fast.Sys(0, SyscallNumber.Yield));
        Assert.Equal(Error.Ok, general.Sys(0, SyscallNumber.Yield));
        Assert.Equal(runsNext, fast.K.Current);
        Assert.Equal(fast.K.TimeSliceTicks, fast.T(0).TimeSliceLeft);
        Assert.Equal(0u, fast.K.FastpathHits);
        AssertSameState(general, fast);
    }

    [Theory]
    [InlineData((byte)1, false, 0)]   // the slice goes on, nothing above: the tick returns to the running thread
    [InlineData((byte)1, true, 0)]    // the slice ends with no peer: it runs on with a fresh one
    [InlineData((byte)2, true, 1)]    // the slice ends with a peer ready: round robin
    [InlineData((byte)3, false, 1)]   // a higher thread is ready: it runs
    public void ATickReturnsToTheRunningThreadExactlyAsTheSchedulerWould(byte otherLevel, bool sliceEnds, int runsNext)
    {
        Sim fast = RunningWithAnotherReady(otherLevel, generalPathOnly: false);
        Sim general = RunningWithAnotherReady(otherLevel, generalPathOnly: true);
        if (sliceEnds)
        {
            fast.T(0).TimeSliceLeft = 1;
            general.T(0).TimeSliceLeft = 1;
        }
        Assert.Equal(runsNext, Kernel.Tick(ref fast.K));
        Assert.Equal(runsNext, Kernel.Tick(ref general.K));
        AssertSameState(general, fast);
    }

    const uint OneWay = 0, Bell = 1;

    /// <summary>
    /// Thread 0 (level 1) holds OneWay (an endpoint, Read and Write) and Bell (a notification,
    /// Write, badge 4); thread 1 (level <paramref name="partnerLevel"/>) holds both with
    /// Read and, if <paramref name="partnerWaits"/>, waits in Recv on OneWay (for a Send or
    /// NBSend) or in Wait on Bell (for a Signal). For a Wait or Recv thread 1 stays ready,
    /// and for a Wait without <paramref name="partnerWaits"/> Bell has been signalled.
    /// </summary>
    static Sim OneWayScene(SyscallNumber call, bool partnerWaits, byte partnerLevel, bool generalPathOnly)
    {
        var sim = new Sim();
        sim.T(0).Priority = 1;
        sim.T(1).Priority = partnerLevel;
        sim.Give(0, OneWay, CapType.Endpoint, 0, Rights.Read | Rights.Write);
        sim.Give(0, Bell, CapType.Notification, 0, Rights.Read | Rights.Write, badge: 4);
        sim.Give(1, OneWay, CapType.Endpoint, 0, Rights.Read);
        sim.Give(1, Bell, CapType.Notification, 0, Rights.Read);
        sim.Start(0, 1);
        bool sends = call is SyscallNumber.Send or SyscallNumber.NBSend;
        if (call is SyscallNumber.Wait or SyscallNumber.Recv)
        {
            if (call == SyscallNumber.Wait && !partnerWaits)
                Assert.Equal(Error.Ok, sim.Sys(0, SyscallNumber.Signal, Bell));
        }
        else if (partnerWaits)
            Assert.Equal(Error.Ok, sim.Sys(1, sends ? SyscallNumber.Recv : SyscallNumber.Wait, sends ? OneWay : Bell));
        sim.MakeCurrent(0);
        sim.K.FastpathHits = 0;
        sim.K.GeneralPathOnly = generalPathOnly;
        return sim;
    }

    [Theory]
    [InlineData(SyscallNumber.Signal, true, (byte)2, 1)]    // wakes a higher waiter, which runs
    [InlineData(SyscallNumber.Signal, true, (byte)1, 0)]    // wakes a peer, which queues; the caller goes on
    [InlineData(SyscallNumber.Signal, true, (byte)0, 0)]    // wakes a lower waiter
    [InlineData(SyscallNumber.Signal, false, (byte)0, 0)]   // nobody waits: the word is kept
    [InlineData(SyscallNumber.Wait, false, (byte)0, 0)]     // a word is pending: taken at once
    [InlineData(SyscallNumber.Wait, true, (byte)0, 1)]      // nothing pending: blocks, the other thread runs
    [InlineData(SyscallNumber.NBSend, true, (byte)2, 1)]    // to a higher receiver, which runs
    [InlineData(SyscallNumber.NBSend, true, (byte)0, 0)]    // to a lower receiver
    [InlineData(SyscallNumber.NBSend, false, (byte)0, 0)]   // nobody receives: dropped
    [InlineData(SyscallNumber.Send, true, (byte)1, 0)]      // to a peer
    [InlineData(SyscallNumber.Recv, true, (byte)0, 1)]      // nothing sent: blocks, the other thread runs
    public void NotificationsAndOneWayMessagesTakeTheFastpathAndLeaveTheGeneralPathsState(
        SyscallNumber call, bool partnerWaits, byte partnerLevel, int runsNext)
    {
        Sim fast = OneWayScene(call, partnerWaits, partnerLevel, generalPathOnly: false);
        Sim general = OneWayScene(call, partnerWaits, partnerLevel, generalPathOnly: true);
        uint cap = call is SyscallNumber.Send or SyscallNumber.NBSend or SyscallNumber.Recv ? OneWay : Bell;
        Assert.Equal(Error.Ok, general.Sys(0, call, cap, Sim.Msg(3, 1), mr0: 42));
        Assert.Equal(Error.Ok, fast.Sys(0, call, cap, Sim.Msg(3, 1), mr0: 42));
        Assert.Equal(1u, fast.K.FastpathHits);
        Assert.Equal(runsNext, fast.K.Current);
        AssertSameState(general, fast);
    }

    static readonly SyscallNumber[] IpcCalls =
    {
        SyscallNumber.Call, SyscallNumber.ReplyRecv, SyscallNumber.Recv, SyscallNumber.Send, SyscallNumber.NBSend,
        SyscallNumber.Reply, SyscallNumber.Signal, SyscallNumber.Wait,
    };

    /// <summary>
    /// The model test's steps, and as many again biased to the fastpath's calls: IPC and
    /// notification calls, short messages, and the model's endpoint slots (0, 1) or
    /// notification slots (2, 3) as the call needs.
    /// </summary>
    static readonly Gen<ModelBasedTests.Step> GenStep = Gen.Frequency(
        (1, ModelBasedTests.GenStep),
        (2, Gen.Select(ModelBasedTests.GenStep, Gen.Int[0, IpcCalls.Length - 1], Gen.Int[0, 5])
            .Select(p => p.Item1 with
            {
                Number = IpcCalls[p.Item2], Interrupt = false, Length = p.Item3, ExtraCaps = 0,
                A = IpcCalls[p.Item2] is SyscallNumber.Signal or SyscallNumber.Wait ? 2 + p.Item1.A % 2 : p.Item1.A % 2,
            })));

    [Fact]
    public void TheFastpathAndTheGeneralPathLeaveIdenticalStatesOverRandomSequences()
    {
        long fastpathHits = 0;
        GenStep.Array[10, 80].Sample(steps =>
        {
            var fast = new ModelBasedTests.Pair();
            var general = new ModelBasedTests.Pair(generalPathOnly: true);
            foreach (ModelBasedTests.Step step in steps)
            {
                Assert.Equal(ModelBasedTests.Enter(general.Sim, step), ModelBasedTests.Enter(fast.Sim, step));
                AssertSameState(general.Sim, fast.Sim);
            }
            System.Threading.Interlocked.Add(ref fastpathHits, fast.Sim.K.FastpathHits);
        }, iter: 2000);
        Assert.True(fastpathHits > 0, "the random sequences never took the fastpath");
    }

    /// <summary>Every pool byte for byte, the IPC buffers word for word; TCBs without their IPC buffer address, which differs per instance.</summary>
    static void AssertSameState(Sim expected, Sim actual)
    {
        Assert.Equal(expected.K.Current, actual.K.Current);
        Assert.Equal(expected.K.Ticks, actual.K.Ticks);
        for (int t = 0; t < expected.K.Threads.Length; t++)
        {
            Assert.Equal(WithoutBuffer(expected.T(t)), WithoutBuffer(actual.T(t)));
            Assert.Equal(new Span<uint>(expected.Buffer(t), IpcBuffer.Words).ToArray(),
                new Span<uint>(actual.Buffer(t), IpcBuffer.Words).ToArray());
        }
        Assert.Equal(Bytes(expected.K.Endpoints), Bytes(actual.K.Endpoints));
        Assert.Equal(Bytes(expected.K.Notifications), Bytes(actual.K.Notifications));
        Assert.Equal(Bytes(expected.K.Slots), Bytes(actual.K.Slots));
        Assert.Equal(Bytes(expected.K.ReadyQueues), Bytes(actual.K.ReadyQueues));
        Assert.Equal(expected.K.ReadyLevels, actual.K.ReadyLevels);
    }

    static byte[] WithoutBuffer(Tcb thread)
    {
        thread.IpcBuffer = null;
        return Bytes(new[] { thread });
    }

    static byte[] Bytes<T>(T[] pool) where T : unmanaged => MemoryMarshal.AsBytes(pool.AsSpan()).ToArray();
}
