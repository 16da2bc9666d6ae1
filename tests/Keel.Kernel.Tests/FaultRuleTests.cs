// Rule 14: faults become Calls on the fault handler.
using System.Collections.Generic;
using Xunit;
using static Keel.Kernel.Tests.Sim;

namespace Keel.Kernel.Tests;

public unsafe class FaultRuleTests
{
    const int Faulter = 0, Handler = 1, Bystander = 2;
    const uint FaultEp = 0;

    static Sim Setup()
    {
        var sim = new Sim();
        sim.T(Faulter).FaultHandler = Capability.Create(CapType.Endpoint, 1, Rights.Write | Rights.GrantReply, badge: 0xF0);
        sim.Give(Handler, FaultEp, CapType.Endpoint, 1, Rights.Read);
        sim.StartAll();
        return sim;
    }

    static int Fault(Sim sim, int thread = Faulter)
    {
        sim.MakeCurrent(thread);
        return Kernel.Fault(ref sim.K, thread, new FaultRecord { Kind = FaultKind.MemoryAccess, Pc = 0x0800_1234, Address = 0xDEAD_BEEF, Status = 0x82, ReturnAddress = 0x0800_1001 }, contextLost: false);
    }

    // The hardware could not stack the thread's exception frame (its stack pointer had
    // left its RAM): there is no context to resume.
    static int FaultWithoutContext(Sim sim, int thread = Faulter)
    {
        sim.MakeCurrent(thread);
        return Kernel.Fault(ref sim.K, thread, new FaultRecord { Kind = FaultKind.StackOverflow, Address = 0x2000_0000, Status = 0x10, ReturnAddress = 0x0800_2001 }, contextLost: true);
    }

    [Fact]
    public void Rule14_FaultBecomesACallWithAFaultMessage()
    {
        var sim = Setup();
        sim.Recv(Handler, FaultEp);
        sim.T(Faulter).Regs = new ThreadRegisters { R4 = 1, R5 = 2, R6 = 3, R7 = 4, R8 = 5, R9 = 6, R10 = 7, R11 = 8 };
        ThreadRegisters faulterRegs = sim.T(Faulter).Regs;

        int next = Fault(sim);
        Assert.Equal(Handler, next);
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Faulter).State);
        ref ThreadRegisters h = ref sim.T(Handler).Regs;
        Assert.Equal((uint)FaultKind.MemoryAccess, h.Info.Label);
        Assert.Equal(Faults.MessageLength, h.Info.Length);
        Assert.True(h.Info.IsFault);
        Assert.Equal(0xF0u, h.Badge);
        Assert.Equal(0x0800_1234u, h.R7);
        Assert.Equal(0xDEAD_BEEFu, h.R8);
        Assert.Equal(0x82u, h.R9);
        Assert.Equal(0x0800_1001u, h.R10);
        Assert.Equal(CapType.Reply, sim.T(Handler).CallerSlot.Type);
        Assert.Equal(faulterRegs, sim.T(Faulter).Regs);
    }

    // Issue 29: a thread that Calls the fault endpoint through a capability with the
    // faulter's fault badge, with the fault message's label, length and words, must not
    // give the handler what the kernel's fault message gives it, or the handler could
    // take it for a fault (and answer the forger, or stop the innocent faulter).
    [Fact]
    public void Rule14_ACallShapedAsAFaultIsNotTakenForOne()
    {
        var sim = Setup();
        const uint Forgery = 3;
        sim.Give(Bystander, Forgery, CapType.Endpoint, 1, Rights.Write | Rights.GrantReply, badge: 0xF0);
        sim.Recv(Handler, FaultEp);
        Fault(sim);
        ThreadRegisters fault = sim.T(Handler).Regs;
        sim.Sys(Handler, SyscallNumber.Reply, 0, Msg(FaultReply.Resume));

        sim.Recv(Handler, FaultEp);
        sim.Sys(Bystander, SyscallNumber.Call, Forgery, fault.Info, mr0: fault.R7, mr1: fault.R8, mr2: fault.R9, mr3: fault.R10);
        ThreadRegisters forged = sim.T(Handler).Regs;
        Assert.Equal((fault.Badge, fault.Info.Label, fault.Info.Length, fault.R7, fault.R8, fault.R9, fault.R10),
            (forged.Badge, forged.Info.Label, forged.Info.Length, forged.R7, forged.R8, forged.R9, forged.R10));
        Assert.True(fault.Info.IsFault);
        Assert.False(forged.Info.IsFault);
    }

    // The mark is the kernel's: a sender that sets the bit in its own info word, in a
    // message the fastpath carries (4 words) or the general path (16), does not pass it on.
    [Theory]
    [InlineData(SyscallNumber.Call, 4)]
    [InlineData(SyscallNumber.Call, 16)]
    [InlineData(SyscallNumber.Send, 4)]
    [InlineData(SyscallNumber.NBSend, 16)]
    public void Rule14_NoSenderCanMarkAMessageAsAFault(SyscallNumber send, int length)
    {
        var sim = Setup();
        const uint Forgery = 3;
        sim.Give(Bystander, Forgery, CapType.Endpoint, 1, Rights.Write | Rights.GrantReply, badge: 0xF0);
        sim.Recv(Handler, FaultEp);
        MessageInfo marked = MessageInfo.Fault(FaultKind.MemoryAccess, length);
        Assert.True(marked.IsFault);
        sim.Sys(Bystander, send, Forgery, marked);
        Assert.Equal(Error.Ok, sim.T(Handler).Regs.Status);
        Assert.Equal(((uint)FaultKind.MemoryAccess, length), (sim.T(Handler).Regs.Info.Label, sim.T(Handler).Regs.Info.Length));
        Assert.False(sim.T(Handler).Regs.Info.IsFault);
    }

    // The reply to the forged Call answers the forger as a message; only the reply to a
    // real fault acts on the thread that faulted.
    [Fact]
    public void Rule14_TheReplyToAForgedFaultActsOnNoThread()
    {
        var sim = Setup();
        const uint Forgery = 3;
        sim.Give(Bystander, Forgery, CapType.Endpoint, 1, Rights.Write | Rights.GrantReply, badge: 0xF0);
        sim.Sys(Bystander, SyscallNumber.Call, Forgery, Msg((uint)FaultKind.MemoryAccess, 4), mr0: 0x0800_1234);
        sim.Recv(Handler, FaultEp);
        sim.T(Faulter).Regs.R7 = 1234;
        ThreadRegisters faulterRegs = sim.T(Faulter).Regs;
        sim.Sys(Handler, SyscallNumber.Reply, 0, Msg(FaultReply.Restart));
        Assert.Equal(ThreadState.Runnable, sim.T(Bystander).State);
        Assert.False(sim.T(Bystander).RestartPending);
        Assert.Equal(FaultReply.Restart, sim.T(Bystander).Regs.Info.Label);
        Assert.Equal(faulterRegs, sim.T(Faulter).Regs);
        Assert.False(sim.T(Faulter).RestartPending);
    }

    [Fact]
    public void Rule14_FaultWaitsForAnAbsentHandlerLikeACall()
    {
        var sim = Setup();
        Fault(sim);
        Assert.Equal(ThreadState.BlockedOnSend, sim.T(Faulter).State);
        sim.Recv(Handler, FaultEp);
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Faulter).State);
        Assert.Equal(0x0800_1234u, sim.T(Handler).Regs.R7);
    }

    [Fact]
    public void Rule14_ReplyResumesTheThreadWithItsRegistersIntact()
    {
        var sim = Setup();
        sim.Recv(Handler, FaultEp);
        sim.T(Faulter).Regs.R7 = 1234;
        ThreadRegisters faulterRegs = sim.T(Faulter).Regs;
        Fault(sim);
        sim.Sys(Handler, SyscallNumber.Reply, 0, Msg(0, 1), mr0: 999);
        Assert.Equal(ThreadState.Runnable, sim.T(Faulter).State);
        Assert.False(sim.T(Faulter).RestartPending);
        Assert.Equal(faulterRegs, sim.T(Faulter).Regs);
        Assert.Equal(FaultKind.None, sim.T(Faulter).Fault.Kind);
    }

    [Fact]
    public void Rule14_ReplyWithTheRestartLabelRestartsTheThread()
    {
        var sim = Setup();
        sim.Recv(Handler, FaultEp);
        sim.T(Faulter).Regs.R7 = 1234;
        Fault(sim);
        sim.Sys(Handler, SyscallNumber.Reply, 0, Msg(FaultReply.Restart, 0));
        Assert.Equal(ThreadState.Runnable, sim.T(Faulter).State);
        Assert.True(sim.T(Faulter).RestartPending);
        Assert.Equal(default, sim.T(Faulter).Regs);
    }

    [Theory]
    [InlineData(FaultReply.Stop)]
    [InlineData(7u)]
    public void Rule14_ReplyWithALabelOtherThanResumeOrRestartLeavesTheThreadStopped(uint label)
    {
        var sim = Setup();
        sim.Give(Bystander, 5, CapType.Thread, Faulter, Rights.Write);
        sim.Recv(Handler, FaultEp);
        sim.T(Faulter).Regs.R7 = 1234;
        ThreadRegisters faulterRegs = sim.T(Faulter).Regs;
        Fault(sim);
        sim.Sys(Handler, SyscallNumber.Reply, 0, Msg(label, 0));
        Assert.Equal(ThreadState.Inactive, sim.T(Faulter).State);
        Assert.Equal(FaultKind.None, sim.T(Faulter).Fault.Kind);

        // Held stopped until resumed, then it goes on where it faulted.
        sim.Sys(Bystander, SyscallNumber.ThreadResume, 5);
        Assert.Equal(ThreadState.Runnable, sim.T(Faulter).State);
        Assert.False(sim.T(Faulter).RestartPending);
        Assert.Equal(faulterRegs, sim.T(Faulter).Regs);
    }

    [Theory]
    [InlineData(FaultReply.Resume)]
    [InlineData(FaultReply.Restart)]
    public void Rule14_AThreadWhoseContextWasLostIsRestartedByAReplyThatResumesOrRestartsIt(uint label)
    {
        var sim = Setup();
        sim.Recv(Handler, FaultEp);
        sim.T(Faulter).Regs.R7 = 1234;
        FaultWithoutContext(sim);
        Assert.Equal((uint)FaultKind.StackOverflow, sim.T(Handler).Regs.Info.Label);
        sim.Sys(Handler, SyscallNumber.Reply, 0, Msg(label, 0));
        Assert.Equal(ThreadState.Runnable, sim.T(Faulter).State);
        Assert.True(sim.T(Faulter).RestartPending);
        Assert.Equal(default, sim.T(Faulter).Regs);
        Assert.Equal(FaultKind.None, sim.T(Faulter).Fault.Kind);
    }

    [Fact]
    public void Rule14_AThreadWhoseContextWasLostAndWasLeftStoppedIsRestartedWhenResumed()
    {
        var sim = Setup();
        sim.Give(Bystander, 5, CapType.Thread, Faulter, Rights.Write);
        sim.Recv(Handler, FaultEp);
        FaultWithoutContext(sim);
        sim.Sys(Handler, SyscallNumber.Reply, 0, Msg(FaultReply.Stop, 0));
        Assert.Equal(ThreadState.Inactive, sim.T(Faulter).State);
        sim.T(Faulter).Regs.R7 = 1234;
        sim.Sys(Bystander, SyscallNumber.ThreadResume, 5);
        Assert.True(sim.T(Faulter).RestartPending);
        Assert.Equal(default, sim.T(Faulter).Regs);
    }

    [Fact]
    public void Rule14_ResumingASuspendedThreadWhoseContextWasLostRestartsIt()
    {
        var sim = Setup();
        sim.Give(Bystander, 5, CapType.Thread, Faulter, Rights.Write);
        FaultWithoutContext(sim);
        sim.Sys(Bystander, SyscallNumber.ThreadSuspend, 5);
        sim.T(Faulter).Regs.R7 = 1234;
        Assert.Equal(Error.Ok, sim.Sys(Bystander, SyscallNumber.ThreadResume, 5));
        Assert.Equal(ThreadState.Runnable, sim.T(Faulter).State);
        Assert.True(sim.T(Faulter).RestartPending);
        Assert.Equal(default, sim.T(Faulter).Regs);
    }

    [Fact]
    public void Rule14_AThreadWhoseContextWasLostAndHasNoHandlerIsRestartedWhenResumed()
    {
        var sim = Setup();
        sim.Give(Handler, 5, CapType.Thread, Bystander, Rights.Write);
        FaultWithoutContext(sim, Bystander);
        Assert.Equal(ThreadState.Inactive, sim.T(Bystander).State);
        sim.T(Bystander).Regs.R7 = 1234;
        sim.Sys(Handler, SyscallNumber.ThreadResume, 5);
        Assert.True(sim.T(Bystander).RestartPending);
        Assert.Equal(default, sim.T(Bystander).Regs);
    }

    [Fact]
    public void Rule05_TheReplyCapabilityOfAFaultVanishesWhenTheFaultingThreadIsRestarted()
    {
        var sim = Setup();
        sim.Give(Bystander, 5, CapType.Thread, Faulter, Rights.Write);
        sim.Recv(Handler, FaultEp);
        Fault(sim);
        Assert.Equal(Error.Ok, sim.SaveCaller(Handler, 4));
        Assert.Equal(CapType.Reply, sim.Identify(Handler, 4).Type);

        sim.Sys(Bystander, SyscallNumber.ThreadRestart, 5);
        Assert.Equal((CapType.Null, Rights.None), sim.Identify(Handler, 4));
    }

    static readonly List<(int, FaultRecord)> logged = new();
    static void Log(int thread, FaultRecord fault) => logged.Add((thread, fault));

    [Fact]
    public void Rule14_FaultWithoutHandlerSuspendsTheThreadAndLogsIt()
    {
        var sim = Setup();
        sim.K.Hooks.ReportUnhandledFault = &Log;
        logged.Clear();
        Fault(sim, Bystander);
        Assert.Equal(ThreadState.Inactive, sim.T(Bystander).State);
        Assert.Equal(new[] { (Bystander, new FaultRecord { Kind = FaultKind.MemoryAccess, Pc = 0x0800_1234, Address = 0xDEAD_BEEF, Status = 0x82, ReturnAddress = 0x0800_1001 }) }, logged);
    }

    [Fact]
    public void Rule14_FaultHandlerWithoutReplyRightCountsAsNoHandler()
    {
        var sim = Setup();
        sim.T(Faulter).FaultHandler.Rights = Rights.Write;
        sim.Recv(Handler, FaultEp);
        Fault(sim);
        Assert.Equal(ThreadState.Inactive, sim.T(Faulter).State);
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Handler).State);
    }

    [Fact]
    public void Rule14_FaultingThreadNeverHarmsAnother()
    {
        var sim = Setup();
        sim.Give(Bystander, 0, CapType.Endpoint, 0, Rights.Write | Rights.Read);
        sim.Give(3, 0, CapType.Endpoint, 0, Rights.Read);
        sim.Recv(3, 0);
        Tcb bystanderBefore = sim.T(Bystander), receiverBefore = sim.T(3), handlerBefore = sim.T(Handler);
        Fault(sim);                          // handler not listening: the faulter waits, nobody else does
        Assert.Equal(bystanderBefore, sim.T(Bystander));
        Assert.Equal(receiverBefore, sim.T(3));
        Assert.Equal(handlerBefore.State, sim.T(Handler).State);
        Assert.Equal(Error.Ok, sim.Send(Bystander, 0, mr0: 1));
        Assert.Equal(1u, sim.T(3).Regs.R7);
    }

    [Fact]
    public void Rule14_UnknownSystemCallIsAFault()
    {
        var sim = Setup();
        sim.Recv(Handler, FaultEp);
        sim.MakeCurrent(Faulter);
        sim.T(Faulter).Regs.R11 = Syscalls.Count + 5;
        ThreadRegisters faulterRegs = sim.T(Faulter).Regs;
        Kernel.Syscall(ref sim.K, Faulter);
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Faulter).State);
        Assert.Equal((uint)FaultKind.BadSyscall, sim.T(Handler).Regs.Info.Label);
        Assert.Equal(Syscalls.Count + 5, sim.T(Handler).Regs.R9);
        Assert.Equal(faulterRegs, sim.T(Faulter).Regs);
    }

    [Fact]
    public void Rule14_SuspendingAFaultingThreadLeavesItsRegistersAlone()
    {
        var sim = Setup();
        sim.Give(Bystander, 5, CapType.Thread, Faulter, Rights.Write);
        ThreadRegisters faulterRegs = sim.T(Faulter).Regs;
        Fault(sim);
        sim.Sys(Bystander, SyscallNumber.ThreadSuspend, 5);
        Assert.Equal(ThreadState.Inactive, sim.T(Faulter).State);
        Assert.Equal(faulterRegs, sim.T(Faulter).Regs);
        Assert.True(sim.K.Endpoints[1].Queue.IsEmpty);
    }
}
