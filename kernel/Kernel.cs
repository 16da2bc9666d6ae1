// The kernel's entry points: everything the hardware layer calls.
//
// Design: the interface to the hardware layer is deliberately narrow. The
// hardware layer owns the KernelState and the CPU; the kernel owns the
// meaning of both. Boot code fills the pools (TCB configuration, CNodes,
// IRQ bindings, hooks), calls Initialise, installs the capabilities, binds
// notifications, starts the initial threads and asks Schedule for the first
// thread. After that every exception becomes one call here, and each returns
// the thread to run next (or NoThread: sleep until an interrupt). When the
// returned thread has RestartPending set, the hardware layer rebuilds its
// context from its task's entry point and stack, clears the flag, and then runs it.

using System.Runtime.CompilerServices;

namespace Keel.Kernel;

public static class Kernel
{
    /// <summary>
    /// Resets all dynamic state: every thread Inactive and unbound, every
    /// queue empty, every notification clear, every tick signal's countdown
    /// at its full period, every slot's derivation record unlinked (a pool
    /// starts zeroed, and 0 would name slot 0), nothing running. Leaves the
    /// configuration (priorities, CSpaces, IPC buffers, entry points, stack
    /// tops, fault handlers, IRQ bindings, tick signals, hooks) alone, so boot
    /// fills the tick signals before and binds notifications and installs
    /// capabilities after it.
    /// TimeSliceTicks must already be set: every thread starts with a full slice.
    /// </summary>
    public static void Initialise(ref KernelState k)
    {
        for (int i = 0; i < k.Threads.Length; i++)
        {
            ref Tcb thread = ref k.Threads[i];
            thread.State = ThreadState.Inactive;
            thread.Queued = false;
            thread.Next = KernelState.NoThread;
            thread.TimeSliceLeft = k.TimeSliceTicks;
            thread.Ipc = default;
            thread.CallerSlot = default;
            Replies.Forget(ref thread);
            thread.BoundNotification = KernelState.NoNotification;
            thread.Fault = default;
        }
        for (int i = 0; i < k.Slots.Length; i++)
            k.Slots[i] = CapSlot.Holding(k.Slots[i].Cap);
        for (int i = 0; i < k.Endpoints.Length; i++)
            k.Endpoints[i].Queue = ThreadQueue.Empty;
        for (int i = 0; i < k.Notifications.Length; i++)
        {
            k.Notifications[i].Word = 0;
            k.Notifications[i].Signalled = false;
            k.Notifications[i].Waiters = ThreadQueue.Empty;
            k.Notifications[i].BoundThread = KernelState.NoThread;
        }
        for (int i = 0; i < k.ReadyQueues.Length; i++)
            k.ReadyQueues[i] = ThreadQueue.Empty;
        Timers.Reset(ref k);
        k.ReadyLevels = 0;
        k.Current = KernelState.NoThread;
        k.Ticks = 0;
    }

    /// <summary>Boot, after Initialise: puts a capability into pool slot <paramref name="slot"/> as a root of the derivation forest (rule 18).</summary>
    public static void InstallCapability(ref KernelState k, int slot, Capability cap) => k.Slots[slot] = CapSlot.Holding(cap);

    /// <summary>Boot: binds a notification to a thread (rule 13).</summary>
    public static void BindNotification(ref KernelState k, int thread, int notification) =>
        Signals.Bind(ref k, thread, notification);

    /// <summary>
    /// Boot: the endpoint that receives the thread's faults, with the badge its fault
    /// messages carry (rule 14). The kernel holds it in the thread's TCB: no CSpace has it.
    /// </summary>
    public static void SetFaultHandler(ref KernelState k, int thread, int endpoint, uint badge) =>
        k.Threads[thread].FaultHandler = Faults.Handler(endpoint, badge);

    /// <summary>Boot: makes an initial thread runnable. The hardware layer builds its first context from its task's entry point and stack.</summary>
    public static void StartThread(ref KernelState k, int thread) => Scheduler.MakeRunnable(ref k, thread);

    /// <summary>Picks the thread to run (the first one, after boot).</summary>
    public static int Schedule(ref KernelState k) => Scheduler.ChooseNext(ref k);

    /// <summary>SVC from the current thread: runs the system call in its saved registers.</summary>
    public static int Syscall(ref KernelState k, int caller) => Syscalls.Handle(ref k, caller, ref k.Threads[caller]);

    /// <summary>TrySyscallFastpath's answer when the general path must run the call.</summary>
    public const int SyscallNotTaken = Fastpath.NotTaken;

    /// <summary>
    /// The first half of Syscall, for an entry that already holds the caller's record
    /// (<paramref name="thread"/> must be <c>k.Threads[caller]</c>): the fastpath alone.
    /// Returns the next thread, or SyscallNotTaken having changed nothing - for every
    /// number it does not complete, the hardware layer's own (platform calls) included,
    /// so an entry can try it before telling the two kinds of call apart. It restarts no
    /// thread: when it returns the caller, the caller simply goes on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TrySyscallFastpath(ref KernelState k, int caller, ref Tcb thread) =>
        Fastpath.TryHandle(ref k, caller, ref thread);

    /// <summary>The second half: the general path, for a system call TrySyscallFastpath did not take.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SyscallGeneral(ref KernelState k, int caller, ref Tcb thread) =>
        Syscalls.HandleGeneral(ref k, caller, ref thread);

    /// <summary>
    /// Whether the system call numbered `number` may stop part-way and ask to be issued
    /// again (Tcb.RepeatSyscall): a port that cannot repeat a thread's call must refuse it
    /// before the kernel starts it, since whether a call needs repeating can depend on
    /// other CSpaces (Revoke's count of copies), which the caller must not learn of.
    /// </summary>
    public static bool MayRepeat(uint number) => number == (uint)SyscallNumber.Revoke;

    /// <summary>
    /// SysTick: time-slice accounting and round robin, then the tick signals
    /// that are due. A thread they wake is chosen by the same ChooseNext, so a
    /// higher-priority waiter preempts the running thread at this very tick.
    /// </summary>
    /// <remarks>
    /// The common tick changes no queue: the running thread's slice is not used up,
    /// no tick signal wakes anyone above it, and ChooseNext would put it at the front
    /// of its level and take it straight out again. That case returns the current
    /// thread without ChooseNext (the state is the same byte for byte; the host tests
    /// compare it with KernelState.GeneralPathOnly, which turns this off).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Tick(ref KernelState k)
    {
        int current = k.Current;
        if (++k.TicksLow == 0)
            k.TicksHigh++;
        if (current != KernelState.NoThread)
        {
            // The charge to the slice, with the common case decided here,
            // before anything could have changed the queues: a slice that goes on in a
            // system without tick signals. The running thread is in no queue (Thread.cs),
            // so only the levels above it are looked at.
            ref Tcb running = ref Pool.At(k.Threads, current);
            if (running.State == ThreadState.Runnable)
            {
                if (--running.TimeSliceLeft == 0)
                    Scheduler.MoveToBack(ref k, current);
                else if (k.TickSignals.Length == 0 && !k.GeneralPathOnly && Scheduler.WouldRunNext(ref k, running.Priority))
                    return current;
            }
        }
        if (k.TickSignals.Length != 0)
            Timers.SignalDue(ref k);
        if (current != KernelState.NoThread && !k.GeneralPathOnly)
        {
            ref Tcb tcb = ref Pool.At(k.Threads, current);
            if (tcb.State == ThreadState.Runnable && !tcb.Queued && Scheduler.WouldRunNext(ref k, tcb.Priority))
                return current;
        }
        return Scheduler.ChooseNext(ref k);
    }

    /// <summary>An IRQ fired; the hardware layer has masked it.</summary>
    public static int Interrupt(ref KernelState k, uint irq)
    {
        Interrupts.Deliver(ref k, irq);
        return Scheduler.ChooseNext(ref k);
    }

    /// <summary>
    /// A thread faulted (MemManage, BusFault, UsageFault, ...). <paramref name="contextLost"/>:
    /// the hardware could not save (or restore) the thread's context, so it can never be
    /// resumed where it was, only restarted (Faults.cs).
    /// </summary>
    public static int Fault(ref KernelState k, int thread, FaultRecord fault, bool contextLost)
    {
        if (contextLost)
            k.Threads[thread].RestartPending = true;
        Faults.Raise(ref k, thread, fault);
        return Scheduler.ChooseNext(ref k);
    }

    /// <summary>A thread ended itself (its entry point returned): it stops as if suspended, until restarted.</summary>
    public static int Exit(ref KernelState k, int thread)
    {
        ThreadControl.Detach(ref k, thread);
        return Scheduler.ChooseNext(ref k);
    }

    /// <summary>The thread running now, or NoThread.</summary>
    public static int Current(ref KernelState k) => k.Current;
}
