// Rule 15: fixed priorities, round robin, Yield, FIFO endpoint queues, hand-over.
using System.Collections.Generic;
using Xunit;
using static Keel.Kernel.Tests.Sim;

namespace Keel.Kernel.Tests;

public class SchedulingRuleTests
{
    static Sim WithPriorities(params byte[] priorities)
    {
        var sim = new Sim(threads: priorities.Length, timeSlice: 2);
        for (int i = 0; i < priorities.Length; i++)
            sim.T(i).Priority = priorities[i];
        return sim;
    }

    [Fact]
    public void Rule15_HighestPriorityRunnableThreadRuns()
    {
        var sim = WithPriorities(1, 3, 2, 0);
        sim.StartAll();
        Assert.Equal(1, sim.K.Current);
    }

    [Fact]
    public void Rule15_NothingRunnableMeansIdle()
    {
        var sim = WithPriorities(1);
        sim.Give(0, 0, CapType.Notification, 0, Rights.Read);
        sim.StartAll();
        Assert.Equal(KernelState.NoThread, sim.Run(SyscallNumber.Wait, 0));
        Assert.Equal(KernelState.NoThread, Kernel.Tick(ref sim.K));
        Assert.Equal(1ul, sim.K.Ticks);
    }

    [Fact]
    public void Rule15_WakingAHigherPriorityThreadPreemptsAtOnce()
    {
        var sim = WithPriorities(1, 1, 3);
        sim.Give(2, 0, CapType.Notification, 0, Rights.Read);
        sim.Give(0, 0, CapType.Notification, 0, Rights.Write, badge: 1);
        sim.StartAll();
        Assert.Equal(0, sim.Run(SyscallNumber.Wait, 0));        // thread 2 waits; 0 runs
        Assert.Equal(2, sim.Run(SyscallNumber.Signal, 0));      // 0 wakes 2, which preempts it
        Assert.Equal(0, sim.Run(SyscallNumber.Wait, 0));        // the preempted thread resumes first
    }

    [Fact]
    public void Rule15_RoundRobinAmongEqualPrioritiesByTimeSlice()
    {
        var sim = WithPriorities(1, 1, 1, 0);
        sim.StartAll();
        var order = new List<int> { sim.K.Current };
        for (int tick = 0; tick < 8; tick++)
            order.Add(Kernel.Tick(ref sim.K));
        Assert.Equal(new[] { 0, 0, 1, 1, 2, 2, 0, 0, 1 }, order);
    }

    [Fact]
    public void Rule15_YieldMovesToTheBackOfItsLevel()
    {
        var sim = WithPriorities(1, 1, 1);
        sim.StartAll();
        Assert.Equal(1, sim.Run(SyscallNumber.Yield));
        Assert.Equal(2, sim.Run(SyscallNumber.Yield));
        Assert.Equal(0, sim.Run(SyscallNumber.Yield));
    }

    [Fact]
    public void Rule15_YieldAloneAtTheTopKeepsRunning()
    {
        var sim = WithPriorities(2, 1);
        sim.StartAll();
        Assert.Equal(0, sim.Run(SyscallNumber.Yield));
    }

    [Fact]
    public void Rule15_EndpointQueuesAreFifo()
    {
        var sim = new Sim(threads: 4);
        for (int t = 0; t < 3; t++)
            sim.Give(t, 0, CapType.Endpoint, 0, Rights.Write, badge: (uint)(t + 1));
        sim.Give(3, 0, CapType.Endpoint, 0, Rights.Read);
        sim.StartAll();
        sim.Send(2, 0);
        sim.Send(0, 0);
        sim.Send(1, 0);
        var badges = new List<uint>();
        for (int i = 0; i < 3; i++)
        {
            sim.Recv(3, 0);
            badges.Add(sim.T(3).Regs.Badge);
        }
        Assert.Equal(new[] { 3u, 1u, 2u }, badges);
    }

    [Fact]
    public void Rule15_BlockingCallHandsOverDirectlyToTheReceiver()
    {
        // Client 0, bystanders 1 and 2, server 3, all of one priority.
        var sim = WithPriorities(1, 1, 1, 1);
        sim.Give(0, 0, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply);
        sim.Give(3, 0, CapType.Endpoint, 0, Rights.Read);
        sim.Start(3, 0, 1, 2);
        Assert.Equal(0, sim.Run(SyscallNumber.Recv, 0));          // server waits; the client is next
        Assert.Equal(3, sim.Run(SyscallNumber.Call, 0, Msg(0, 1)));  // straight to the server, ahead of 1 and 2
        Assert.Equal(0, sim.Run(SyscallNumber.ReplyRecv, 0, Msg(0, 1)));  // and straight back
    }

    [Fact]
    public void Rule15_HandOverOnlyWhenTheReceiverMayRun()
    {
        // Client 0 (priority 3) calls server 2 (priority 1) while thread 1 (priority 2) is runnable.
        var sim = WithPriorities(3, 2, 1);
        sim.Give(0, 0, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply);
        sim.Give(2, 0, CapType.Endpoint, 0, Rights.Read);
        sim.Start(2);
        Assert.Equal(KernelState.NoThread, sim.Run(SyscallNumber.Recv, 0));
        sim.Start(0, 1);
        Assert.Equal(0, sim.K.Current);
        Assert.Equal(1, sim.Run(SyscallNumber.Call, 0, Msg(0, 1)));
        Assert.Equal(ThreadState.Runnable, sim.T(2).State);
    }

    [Fact]
    public void Rule15_SendToAWaitingReceiverKeepsTheSenderRunning()
    {
        var sim = WithPriorities(1, 1);
        sim.Give(0, 0, CapType.Endpoint, 0, Rights.Write);
        sim.Give(1, 0, CapType.Endpoint, 0, Rights.Read);
        sim.Start(1, 0);
        Assert.Equal(0, sim.Run(SyscallNumber.Recv, 0));
        Assert.Equal(0, sim.Run(SyscallNumber.Send, 0, Msg(0, 1)));
        Assert.Equal(ThreadState.Runnable, sim.T(1).State);
    }

    [Fact]
    public void Rule15_ReplyRecvHandsOverOnlyWhenItsReceiveBlocks()
    {
        // Server 0, caller 1, sender 2, bystander 3, all of one priority.
        var sim = WithPriorities(1, 1, 1, 1);
        sim.Give(0, 0, CapType.Endpoint, 0, Rights.Read);
        sim.Give(1, 0, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply);
        sim.Give(2, 0, CapType.Endpoint, 0, Rights.Write);
        sim.Start(0, 1, 2, 3);
        sim.Call(1, 0);
        sim.Recv(0, 0);                    // takes the Call
        sim.Send(2, 0);                    // queued: the server's next receive will not block
        sim.MakeCurrent(0);
        Assert.Equal(0, sim.Run(SyscallNumber.ReplyRecv, 0, Msg(0, 1)));
        // The caller was woken like any other thread: behind the bystander, which was ready first.
        Assert.Equal(new[] { 3, 1, 2 }, ReadyAt(sim, 1));
    }

    [Fact]
    public void Rule15_AFaultReplyNeverHandsOver()
    {
        // Handler 0, faulter 1, bystander 2, all of one priority; the handler's ReplyRecv blocks.
        var sim = WithPriorities(1, 1, 1);
        sim.Give(0, 0, CapType.Endpoint, 0, Rights.Read);
        sim.T(1).FaultHandler = Capability.Create(CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, 0);
        sim.Start(0, 1, 2);
        sim.Recv(0, 0);
        sim.MakeCurrent(1);
        Kernel.Fault(ref sim.K, 1, new FaultRecord { Kind = FaultKind.MemoryAccess }, contextLost: false);
        sim.MakeCurrent(0);
        Assert.Equal(2, sim.Run(SyscallNumber.ReplyRecv, 0, Msg(FaultReply.Resume, 0)));
        Assert.Equal(new[] { 1 }, ReadyAt(sim, 1));     // resumed behind the bystander, which runs
    }

    static int[] ReadyAt(Sim sim, int level)
    {
        var members = new List<int>();
        for (int t = sim.K.ReadyQueues[level].Head; t != KernelState.NoThread; t = sim.T(t).Next)
            members.Add(t);
        return members.ToArray();
    }
}
