// Thread control blocks, thread states, and the thread capability's
// invocations (Suspend, Resume, Restart).
//
// Design: a TCB is a plain struct in a pool fixed at build time. It starts
// with the saved registers (offset 0, written by the hardware layer's
// exception entry), followed by what the kernel and the hardware layer share
// about the thread's memory (its IPC buffer, the restart flag), then the
// kernel's bookkeeping. Where a thread starts and where its stack is are the
// hardware layer's alone (it rebuilds contexts from its own task tables), and
// a TCB is 128 bytes on the target (32-bit pointers), so that the compiler
// indexes the pool by a shift rather than a multiply: keep it so. A thread's state says which queue, if any, it is
// in, so ThreadControl.Detach can take any thread out of whatever it is doing
// without searching every queue.
//
// The state machine:
//   Inactive  --Start/Resume-->  Runnable
//   Runnable  --Send/Call (no receiver)--> BlockedOnSend     (endpoint queue)
//   Runnable  --Recv (no sender)-->        BlockedOnReceive  (endpoint queue)
//   Runnable/BlockedOnSend --Call or fault delivered--> BlockedOnReply (no queue)
//   Runnable  --Wait (word zero)-->        BlockedOnNotification (notification queue)
//   any       --Suspend / fault without handler--> Inactive
//   any       --Restart--> Runnable, RestartPending set
// A Runnable thread other than the current one is in the ready queue of its
// priority; the current thread is in no queue while it runs.

using System.Runtime.InteropServices;

namespace Keel.Kernel;

/// <summary>Thread states; the Blocked states come last (see ThreadControl.Suspend).</summary>
public enum ThreadState : byte
{
    Inactive = 0,
    Runnable = 1,
    BlockedOnSend = 2,
    BlockedOnReceive = 3,
    BlockedOnReply = 4,
    BlockedOnNotification = 5,
}

/// <summary>What a sending thread is doing, which decides whether it waits for a reply.</summary>
public enum SendKind : byte
{
    Send = 0,
    Call = 1,
    Fault = 2,
}

/// <summary>
/// The thread's IPC in progress, recorded when it starts sending or receiving
/// so that a partner arriving later can complete it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct IpcState
{
    /// <summary>Endpoint or notification the thread is blocked on.</summary>
    public int Object;
    /// <summary>
    /// While blocked on an endpoint or notification: the pool slot of the capability it is
    /// blocked through, whose deletion ends the IPC (Lifecycle.cs); NoSlot for a fault's
    /// Call, which goes through the TCB's fault-handler capability.
    /// </summary>
    public int Slot;
    /// <summary>Sender: badge of the capability sent through.</summary>
    public uint Badge;
    /// <summary>Sender: the capability had Grant. Receiver: the capability received through had Grant.</summary>
    public bool CanGrant;
    public SendKind Kind;
}

[StructLayout(LayoutKind.Sequential)]
public unsafe struct Tcb
{
    // ---- Shared with the hardware layer ----

    /// <summary>Saved r4-r11; must stay at offset 0.</summary>
    public ThreadRegisters Regs;

    /// <summary>The thread's IPC buffer (IpcBuffer.Words words in its own RAM), set by boot code; never null.</summary>
    public uint* IpcBuffer;

    /// <summary>
    /// Set by the kernel when the thread is restarted: the hardware layer must
    /// rebuild the thread's context from its task's entry point and stack
    /// before it next runs it, and then clear the flag.
    /// </summary>
    public bool RestartPending;

    /// <summary>
    /// Set by the kernel when it stopped the thread's system call part-way (a long Revoke,
    /// Lifecycle.cs), having kept its progress and left its registers as they were: the
    /// hardware layer must make the thread issue the same call again when it next runs
    /// (on the target, by moving its pc back onto the SVC instruction), so that pending
    /// interrupts are taken in between, and then clear the flag.
    /// </summary>
    public bool RepeatSyscall;

    // ---- Configuration, set by boot code ----

    /// <summary>Fixed priority; larger runs first. Must be below KernelState.ReadyQueues.Length (at most Scheduler.MaxLevels).</summary>
    public byte Priority;

    /// <summary>The thread's CSpace root: an index into KernelState.CNodes.</summary>
    public int CSpace;

    /// <summary>
    /// Endpoint capability (Write and Grant or GrantReply) that receives this thread's faults;
    /// empty for none. The kernel's alone (Kernel.SetFaultHandler): no CSpace holds it (Faults.cs).
    /// </summary>
    public Capability FaultHandler;

    // ---- Kernel bookkeeping ----

    public ThreadState State;

    /// <summary>In a ThreadQueue; maintained by ThreadQueue only.</summary>
    public bool Queued;

    /// <summary>Next thread in the queue this thread is in.</summary>
    public int Next;

    public uint TimeSliceLeft;

    public IpcState Ipc;

    /// <summary>The reply capability left by the last Call this thread received (seL4's caller slot).</summary>
    public Capability CallerSlot;

    /// <summary>
    /// While this thread waits for a reply: the thread whose caller slot holds the reply
    /// capability that answers it, or NoThread (Reply.cs).
    /// </summary>
    public int ReplyHolder;

    /// <summary>While this thread waits for a reply: the pool slot that holds its reply capability, or NoSlot.</summary>
    public int ReplySlot;

    /// <summary>Notification bound to this thread (Signals.Bind), or KernelState.NoNotification.</summary>
    public int BoundNotification;

    /// <summary>The fault being reported, while the thread waits for its handler.</summary>
    public FaultRecord Fault;
}

internal static class ThreadControl
{
    /// <summary>Suspend (r4 = thread capability with Write): the thread stops until resumed; its blocked IPC is cancelled.</summary>
    public static Error Suspend(ref KernelState k, int caller)
    {
        Error error = CSpace.Resolve(ref k, caller, k.Threads[caller].Regs.CapIndex, CapType.Thread, Rights.Write, out int slot);
        if (error != Error.Ok)
            return error;
        int target = k.Slots[slot].Cap.Object;
        ref Tcb thread = ref k.Threads[target];
        bool wasInIpc = thread.State >= ThreadState.BlockedOnSend;   // any Blocked state
        bool wasFaulting = thread.Fault.Kind != FaultKind.None;
        Detach(ref k, target);
        // A thread reporting a fault was not in a system call: leave its registers alone.
        if (wasInIpc && !wasFaulting)
            thread.Regs.Status = Error.Cancelled;
        return Error.Ok;
    }

    /// <summary>Resume (r4 = thread capability with Write): an inactive thread becomes runnable; otherwise nothing happens.</summary>
    public static Error Resume(ref KernelState k, int caller)
    {
        Error error = CSpace.Resolve(ref k, caller, k.Threads[caller].Regs.CapIndex, CapType.Thread, Rights.Write, out int slot);
        if (error != Error.Ok)
            return error;
        int target = k.Slots[slot].Cap.Object;
        if (k.Threads[target].State == ThreadState.Inactive)
            Revive(ref k, target);
        return Error.Ok;
    }

    /// <summary>
    /// Makes a stopped thread run again where it stopped, or from its entry point
    /// when it has nowhere to go on from: its context was lost (Faults.cs) or it was
    /// restarted before it stopped. A restart is then done in full (RestartThread), so
    /// nothing of the old run survives.
    /// </summary>
    public static void Revive(ref KernelState k, int target)
    {
        if (k.Threads[target].RestartPending)
            RestartThread(ref k, target);
        else
            Scheduler.MakeRunnable(ref k, target);
    }

    /// <summary>Restart (r4 = thread capability with Write): the thread starts again from its entry point.</summary>
    public static Error Restart(ref KernelState k, int caller)
    {
        Error error = CSpace.Resolve(ref k, caller, k.Threads[caller].Regs.CapIndex, CapType.Thread, Rights.Write, out int slot);
        if (error != Error.Ok)
            return error;
        RestartThread(ref k, k.Slots[slot].Cap.Object);
        return Error.Ok;
    }

    /// <summary>
    /// Starts a thread afresh: whatever it was doing is abandoned (a reply
    /// capability that answers a Call of this thread is removed, Detach), its
    /// registers are cleared, an unsaved reply capability it held is lost, and
    /// the hardware layer is told to rebuild its context.
    /// </summary>
    public static void RestartThread(ref KernelState k, int target)
    {
        Detach(ref k, target);
        ref Tcb thread = ref k.Threads[target];
        thread.Regs = default;
        Replies.Discard(ref k, ref thread.CallerSlot);
        thread.RestartPending = true;
        thread.TimeSliceLeft = k.TimeSliceTicks;
        Scheduler.MakeRunnable(ref k, target);
    }

    /// <summary>
    /// Takes a thread out of any queue and any IPC in progress and makes it
    /// Inactive. Nothing else refers to a thread's place in a queue, and the
    /// reply capability of a Call it waits in is removed wherever it lies, so
    /// this leaves every other object consistent.
    /// </summary>
    public static void Detach(ref KernelState k, int target)
    {
        ref Tcb thread = ref k.Threads[target];
        switch (thread.State)
        {
            case ThreadState.Runnable:
                if (thread.Queued)
                    Scheduler.RemoveReady(ref k, target);
                break;
            case ThreadState.BlockedOnSend:
            case ThreadState.BlockedOnReceive:
                k.Endpoints[thread.Ipc.Object].Queue.Remove(k.Threads, target);
                break;
            case ThreadState.BlockedOnNotification:
                k.Notifications[thread.Ipc.Object].Waiters.Remove(k.Threads, target);
                break;
            case ThreadState.BlockedOnReply:
                Replies.Withdraw(ref k, target);
                break;
        }
        thread.State = ThreadState.Inactive;
        thread.Fault = default;
    }
}
