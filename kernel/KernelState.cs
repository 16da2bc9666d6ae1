// All of the kernel's state, in one struct that the hardware layer owns and
// passes by reference to every entry point.
//
// Design: the kernel has no static mutable state and never allocates. Every
// object lives in a pool - an array handed in at boot. On the target the
// arrays are static fields initialised at build time from the system
// description; on the host a test allocates them. Objects refer to each other
// by pool index, so the whole kernel state is plain data: it can be laid out
// by a generator, inspected by a debugger and compared byte for byte by the
// tests (rule 16: "changes no state").
//
// The few services the kernel needs from the platform go through
// PlatformHooks, a struct of function pointers to static methods, so the
// kernel stays free of hardware access and the tests can record the calls.

namespace Keel.Kernel;

public unsafe struct PlatformHooks
{
    /// <summary>Unmask an IRQ the hardware layer masked when it fired (IrqAck).</summary>
    public delegate*<uint, void> UnmaskIrq;

    /// <summary>Log a fault that has no handler: the thread and its fault. The thread has been suspended.</summary>
    public delegate*<int, FaultRecord, void> ReportUnhandledFault;
}

public struct KernelState
{
    /// <summary>"No thread": an empty queue link, or nothing to run.</summary>
    public const int NoThread = -1;

    /// <summary>"No notification": a thread without a bound notification.</summary>
    public const int NoNotification = -1;

    /// <summary>"No slot": no place in the slot pool.</summary>
    public const int NoSlot = -1;

    public Tcb[] Threads;
    public Endpoint[] Endpoints;
    public Notification[] Notifications;

    /// <summary>CSpaces: each CNode is a range of Slots.</summary>
    public CNode[] CNodes;
    public CapSlot[] Slots;

    /// <summary>One queue per priority level; the length is the number of levels, at most Scheduler.MaxLevels.</summary>
    public ThreadQueue[] ReadyQueues;

    /// <summary>Bit n set exactly when ReadyQueues[n] is not empty (kept by Scheduler).</summary>
    public uint ReadyLevels;

    /// <summary>Which notification, with which badge, each IRQ signals.</summary>
    public IrqBinding[] IrqBindings;

    /// <summary>Which notifications the tick signals, with which badge and period (TickSignal.cs).</summary>
    public TickSignal[] TickSignals;

    public PlatformHooks Hooks;

    /// <summary>Length of a time slice in ticks (at least 1).</summary>
    public uint TimeSliceTicks;

    /// <summary>The thread running now, or NoThread.</summary>
    public int Current;

    /// <summary>Ticks since boot: the low word, which the tick increments; TicksHigh carries.</summary>
    public uint TicksLow;

    /// <summary>Ticks since boot, the high word: incremented when TicksLow wraps.</summary>
    public uint TicksHigh;

    /// <summary>Ticks since boot (kept as two words so the common tick is one 32-bit increment and a test of the carry).</summary>
    public ulong Ticks
    {
        readonly get => ((ulong)TicksHigh << 32) | TicksLow;
        set { TicksLow = (uint)value; TicksHigh = (uint)(value >> 32); }
    }

    /// <summary>IPCs the fastpath (Fastpath.cs) has completed since boot: lets tests and the benchmark see that it was taken.</summary>
    public uint FastpathHits;

#if KEEL_HOST_TESTS
    /// <summary>Turns the fastpath off, so every system call takes the general path (tests compare the two).</summary>
    public bool GeneralPathOnly;
#else
    /// <summary>
    /// Always false in the target's kernel: the shortcuts (Fastpath.cs, Kernel.Tick) are
    /// always on, and the compiler drops the test. The host tests (which define
    /// KEEL_HOST_TESTS) have a field here instead, to run both ways and compare.
    /// </summary>
    public readonly bool GeneralPathOnly => false;
#endif
}
