// Notifications: Signal, Wait, Poll, and binding to a thread.
//
// Design (rule 13): a notification is one word of pending bits, a flag that
// says it was signalled, and a FIFO of waiting threads. Signal ORs the
// capability's badge into the word and sets the flag; a waiter, if any,
// takes the whole word and clears both. Signals are never queued one by one
// - bits coalesce - so a notification needs no storage beyond its word and
// flag, and signalling never blocks, which makes it safe for the kernel to
// signal on behalf of an interrupt (Irq.cs). The flag is seL4's "active"
// state: a Signal through an unbadged capability ORs in nothing but still
// wakes a waiter, with the word 0, as a signal should.
//
// A thread may be bound to one notification (at boot, Signals.Bind). Then a
// Recv on any endpoint also returns when the notification is signalled: the
// notification word arrives in r6 and the message info has its Notified bit
// set, so the thread can tell a signal from a message (whose info never has
// that bit). A pending signal is served before a queued sender. Signals
// meant for the bound thread's Recv are its alone: another thread's Wait or
// Poll on that notification is refused (BoundToAnotherThread), as in seL4,
// rather than let it take them first.

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.Kernel;

[StructLayout(LayoutKind.Sequential)]
public struct Notification
{
    public uint Word;

    /// <summary>Signalled since a thread last took the word (which may be 0 after an unbadged Signal).</summary>
    public bool Signalled;

    public ThreadQueue Waiters;

    /// <summary>The thread bound to this notification, or NoThread.</summary>
    public int BoundThread;
}

internal static class Signals
{
    /// <summary>Signal (r4 = notification with Write): ORs the capability's badge into the word.</summary>
    public static Error Signal(ref KernelState k, int caller)
    {
        Error error = CSpace.Resolve(ref k, caller, Pool.At(k.Threads, caller).Regs.CapIndex, CapType.Notification, Rights.Write, out int slot);
        if (error == Error.Ok)
        {
            ref Capability cap = ref Pool.At(k.Slots, slot).Cap;
            Raise(ref k, cap.Object, cap.Badge);
        }
        return error;
    }

    /// <summary>Wait (r4 = notification with Read): blocks until it is signalled; returns the word in r6 and clears it.</summary>
    public static Error Wait(ref KernelState k, int caller) => TakeSignal(ref k, caller, blocking: true);

    /// <summary>
    /// Poll (r4 = notification with Read): never blocks. If it was signalled, takes the word
    /// as Wait does; otherwise r5 = r6 = 0 (no Notified bit: nothing was pending).
    /// </summary>
    public static Error Poll(ref KernelState k, int caller) => TakeSignal(ref k, caller, blocking: false);

    static Error TakeSignal(ref KernelState k, int caller, bool blocking)
    {
        ref Tcb thread = ref Pool.At(k.Threads, caller);
        Error error = CSpace.Resolve(ref k, caller, thread.Regs.CapIndex, CapType.Notification, Rights.Read, out int slot);
        if (error != Error.Ok)
            return error;
        int notification = Pool.At(k.Slots, slot).Cap.Object;
        ref Notification n = ref Pool.At(k.Notifications, notification);
        int bound = n.BoundThread;
        if (bound != KernelState.NoThread && bound != caller)
            return Error.BoundToAnotherThread;
        if (n.Signalled)
            Take(ref n, ref thread);
        else if (blocking)
            Block(ref k, caller, ref thread, notification, ref n, slot);
        else
        {
            thread.Regs.Info = default;
            thread.Regs.Badge = 0;
        }
        return Error.Ok;
    }

    /// <summary>
    /// ORs bits (possibly none) into a notification, marks it signalled, and hands
    /// the word to the first waiter or else to the bound thread if that is blocked
    /// in Recv. Used by Signal, interrupts and tick signals.
    /// </summary>
    public static void Raise(ref KernelState k, int notification, uint bits)
    {
        // Notification indices come from capabilities and the boot tables: the kernel's own.
        ref Notification n = ref Pool.At(k.Notifications, notification);
        n.Word |= bits;
        n.Signalled = true;
        int woken;
        if (!n.Waiters.IsEmpty)
            woken = n.Waiters.PopFront(k.Threads);
        else if (n.BoundThread != KernelState.NoThread && Pool.At(k.Threads, n.BoundThread).State == ThreadState.BlockedOnReceive)
        {
            woken = n.BoundThread;
            ThreadControl.Detach(ref k, woken);
        }
        else
            return;
        Take(ref n, ref Pool.At(k.Threads, woken));
        Scheduler.MakeRunnable(ref k, woken);
    }

    /// <summary>Whether a thread's bound notification has been signalled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PendingForBound(ref KernelState k, int thread)
    {
        int notification = Pool.At(k.Threads, thread).BoundNotification;
        return notification != KernelState.NoNotification && Pool.At(k.Notifications, notification).Signalled;
    }

    /// <summary>Gives a receiving thread its bound notification's pending word.</summary>
    public static void DeliverToBound(ref KernelState k, int thread)
    {
        ref Tcb tcb = ref Pool.At(k.Threads, thread);
        Take(ref Pool.At(k.Notifications, tcb.BoundNotification), ref tcb);
    }

    /// <summary>Binds a thread and a notification to each other (boot time).</summary>
    public static void Bind(ref KernelState k, int thread, int notification)
    {
        k.Threads[thread].BoundNotification = notification;
        k.Notifications[notification].BoundThread = thread;
    }

    /// <summary>
    /// Blocks a thread in Wait at the back of the notification's waiters, through the
    /// capability in pool slot <paramref name="slot"/> (<paramref name="thread"/> is
    /// <c>k.Threads[caller]</c>, <paramref name="n"/> the notification's record).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(ref KernelState k, int caller, ref Tcb thread, int notification, ref Notification n, int slot)
    {
        thread.State = ThreadState.BlockedOnNotification;
        thread.Ipc.Object = notification;
        thread.Ipc.Slot = slot;
        n.Waiters.Append(k.Threads, caller);
    }

    /// <summary>Moves the word of a signalled notification into the thread's result registers and clears it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Take(ref Notification n, ref Tcb thread)
    {
        thread.Regs.Status = Error.Ok;
        thread.Regs.Info = MessageInfo.Notification;
        thread.Regs.Badge = n.Word;
        n.Word = 0;
        n.Signalled = false;
    }
}
