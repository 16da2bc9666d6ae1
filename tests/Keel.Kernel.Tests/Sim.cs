// Test fixture: a small kernel instance on the host (Keel.Testing's HostKernel, which
// plays the boot code's part: the pools and the capabilities it gives), and helpers to
// act as its threads, playing the hardware layer's part (setting a thread's registers
// and entering the kernel).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Keel.Testing;
using Xunit;

namespace Keel.Kernel.Tests;

public sealed unsafe class Sim(int threads = 4, int endpoints = 2, int notifications = 2, int priorityLevels = 4,
    uint timeSlice = 3, byte priority = 1, TickSignal[]? tickSignals = null)
    : HostKernel(threads, endpoints, notifications, priorityLevels, timeSlice, priority, tickSignals)
{
    /// <summary>
    /// Test-only context switch: makes a runnable thread current, as if the
    /// scheduler had picked it (the previous current thread keeps its place at
    /// the front of its level, as on preemption).
    /// </summary>
    /// <summary>
    /// What the hardware layer does with the thread the kernel returns (Kernel.cs): a
    /// restarted thread's context is rebuilt before it runs, and its flag cleared.
    /// </summary>
    public void Rebuild(int thread)
    {
        if (thread == KernelState.NoThread || !T(thread).RestartPending)
            return;
        T(thread).Regs = default;
        T(thread).RestartPending = false;
    }

    public void MakeCurrent(int thread)
    {
        // Not Assert.Equal, which costs microseconds: the noninterference checker makes
        // millions of calls.
        if (T(thread).State != ThreadState.Runnable)
            Assert.Fail($"thread {thread} is {T(thread).State}, not Runnable");
        if (K.Current == thread)
            return;
        if (K.Current != KernelState.NoThread && T(K.Current).State == ThreadState.Runnable && !T(K.Current).Queued)
            Scheduler.PushReady(ref K, K.Current);
        Scheduler.RemoveReady(ref K, thread);
        K.Current = thread;
    }

    /// <summary>
    /// The hardware layer's part of a system call: the kernel runs it, and a call it stopped
    /// part-way (Tcb.RepeatSyscall) the thread issues again, with the same registers, until
    /// it returns. Here at once, as when no interrupt is pending and the thread runs on.
    /// </summary>
    public int EnterSyscall(int thread)
    {
        int next = Kernel.Syscall(ref K, thread);
        while (T(thread).RepeatSyscall)
        {
            T(thread).RepeatSyscall = false;
            MakeCurrent(thread);
            next = Kernel.Syscall(ref K, thread);
        }
        return next;
    }

    public void SetRegs(int thread, SyscallNumber number, uint r4 = 0, MessageInfo info = default, uint r6 = 0,
        uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0)
    {
        ref ThreadRegisters r = ref T(thread).Regs;
        r.R4 = r4; r.R5 = info.Raw; r.R6 = r6; r.R7 = mr0; r.R8 = mr1; r.R9 = mr2; r.R10 = mr3;
        r.R11 = (uint)number;
    }

    /// <summary>Makes the thread current, loads its registers and performs the system call; returns the status.</summary>
    public Error Sys(int thread, SyscallNumber number, uint r4 = 0, MessageInfo info = default, uint r6 = 0,
        uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0)
    {
        MakeCurrent(thread);
        SetRegs(thread, number, r4, info, r6, mr0, mr1, mr2, mr3);
        EnterSyscall(thread);
        return T(thread).Regs.Status;
    }

    /// <summary>The current thread performs a system call; returns the next thread to run.</summary>
    public int Run(SyscallNumber number, uint r4 = 0, MessageInfo info = default, uint r6 = 0, uint mr0 = 0)
    {
        int thread = K.Current;
        Assert.NotEqual(KernelState.NoThread, thread);
        SetRegs(thread, number, r4, info, r6, mr0);
        return EnterSyscall(thread);
    }

    /// <summary>
    /// Performs a system call that must fail with <paramref name="expected"/>
    /// and checks that nothing but the caller's status register changed.
    /// </summary>
    public void ExpectRejected(Error expected, int thread, SyscallNumber number, uint r4 = 0, MessageInfo info = default,
        uint r6 = 0, uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0)
    {
        MakeCurrent(thread);
        SetRegs(thread, number, r4, info, r6, mr0, mr1, mr2, mr3);
        Snapshot before = TakeSnapshot();
        int next = EnterSyscall(thread);
        Assert.Equal(expected, T(thread).Regs.Status);
        Assert.Equal(thread, next);
        T(thread).Regs.R4 = r4;
        before.AssertSameAs(TakeSnapshot());
    }

    public Snapshot TakeSnapshot()
    {
        var words = new List<uint[]>();
        foreach (uint[] b in Buffers)
            words.Add((uint[])b.Clone());
        return new Snapshot(
            Bytes<Tcb>(K.Threads), Bytes<Endpoint>(K.Endpoints), Bytes<Notification>(K.Notifications),
            Bytes<CapSlot>(K.Slots), Bytes<ThreadQueue>(K.ReadyQueues), words, K.Current, K.Ticks);
    }

    static byte[] Bytes<T>(T[] pool) where T : unmanaged => MemoryMarshal.AsBytes(pool.AsSpan()).ToArray();

    // ---- Short-hands for the common operations ----

    public static MessageInfo Msg(uint label, int length = 0, int extraCaps = 0) => MessageInfo.Create(label, length, extraCaps);

    public Error Send(int t, uint cap, uint label = 0, uint mr0 = 0) => Sys(t, SyscallNumber.Send, cap, Msg(label, 1), mr0: mr0);
    public Error NBSend(int t, uint cap, uint label = 0, uint mr0 = 0) => Sys(t, SyscallNumber.NBSend, cap, Msg(label, 1), mr0: mr0);
    public Error Recv(int t, uint cap) => Sys(t, SyscallNumber.Recv, cap);
    public Error NBRecv(int t, uint cap) => Sys(t, SyscallNumber.NBRecv, cap);
    public Error Call(int t, uint cap, uint label = 0, uint mr0 = 0) => Sys(t, SyscallNumber.Call, cap, Msg(label, 1), mr0: mr0);
    public Error NBCall(int t, uint cap, uint label = 0, uint mr0 = 0) => Sys(t, SyscallNumber.NBCall, cap, Msg(label, 1), mr0: mr0);
    public Error Reply(int t, uint label = 0, uint mr0 = 0) => Sys(t, SyscallNumber.Reply, 0, Msg(label, 1), mr0: mr0);
    public Error ReplyRecv(int t, uint cap, uint label = 0, uint mr0 = 0) => Sys(t, SyscallNumber.ReplyRecv, cap, Msg(label, 1), mr0: mr0);
    public Error SaveCaller(int t, uint slot) => Sys(t, SyscallNumber.SaveCaller, slot);

    public (CapType Type, Rights Rights) Identify(int t, uint slot)
    {
        Assert.Equal(Error.Ok, Sys(t, SyscallNumber.Identify, slot));
        return ((CapType)T(t).Regs.R7, (Rights)T(t).Regs.R8);
    }
}

public sealed record Snapshot(byte[] Threads, byte[] Endpoints, byte[] Notifications, byte[] Slots, byte[] ReadyQueues,
    List<uint[]> Buffers, int Current, ulong Ticks)
{
    public unsafe ThreadRegisters ThreadRegs(int thread)
    {
        fixed (byte* p = Threads)
            return ((Tcb*)p)[thread].Regs;
    }

    public void AssertSameAs(Snapshot other)
    {
        Assert.Equal(Threads, other.Threads);
        Assert.Equal(Endpoints, other.Endpoints);
        Assert.Equal(Notifications, other.Notifications);
        Assert.Equal(Slots, other.Slots);
        Assert.Equal(ReadyQueues, other.ReadyQueues);
        Assert.Equal(Buffers.Count, other.Buffers.Count);
        for (int i = 0; i < Buffers.Count; i++)
            Assert.Equal(Buffers[i], other.Buffers[i]);
        Assert.Equal(Current, other.Current);
        Assert.Equal(Ticks, other.Ticks);
    }
}
