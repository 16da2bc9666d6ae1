// Notifications: Signal, Wait, Poll, and binding to a thread.
//
// Design (rule 13): a notification is one word of pending bits plus a FIFO
// of waiting threads. Signal ORs the capability's badge into the word; a
// waiter, if any, takes the whole word and clears it. Signals are never
// queued one by one - bits coalesce - so a notification needs no storage
// beyond its word, and signalling never blocks, which makes it safe for the
// kernel to signal on behalf of an interrupt (Irq.cs). Signal with an
// unbadged capability ORs in 0 and so has no effect: give notification
// capabilities a badge.
//
// A thread may be bound to one notification (at boot, Signals.Bind). Then a
// Recv on any endpoint also returns when the notification is signalled: the
// notification word arrives in r6 and the message info has its Notified bit
// set, so the thread can tell a signal from a message (whose info never has
// that bit). A pending signal is served before a queued sender.

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.Kernel;

[StructLayout(LayoutKind.Sequential)]
public struct Notification
{
    public uint Word;
    public ThreadQueue Waiters;

    /// <summary>The thread bound to this notification, or NoThread.</summary>
    public int BoundThread;
}

internal static class Signals
{
    /// <summary>Signal (r4 = notification with Write): ORs the capability's badge into the word.</summary>
    public static Error Signal(ref KernelState k, int caller)
    {
        Error error = CSpace.Resolve(ref k, caller, k.Threads[caller].Regs.CapIndex, CapType.Notification, Rights.Write, out int slot);
        if (error == Error.Ok)
            Raise(ref k, k.Slots[slot].Cap.Object, k.Slots[slot].Cap.Badge);
        return error;
    }

    /// <summary>Wait (r4 = notification with Read): blocks until the word is non-zero; returns it in r6 and clears it.</summary>
    public static Error Wait(ref KernelState k, int caller)
    {
        Error error = CSpace.Resolve(ref k, caller, k.Threads[caller].Regs.CapIndex, CapType.Notification, Rights.Read, out int slot);
        if (error != Error.Ok)
            return error;
        int notification = k.Slots[slot].Cap.Object;
        if (k.Notifications[notification].Word != 0)
        {
            Take(ref k, notification, caller);
            return Error.Ok;
        }
        k.Threads[caller].State = ThreadState.BlockedOnNotification;
        k.Threads[caller].Ipc.Object = notification;
        k.Threads[caller].Ipc.Slot = slot;
        k.Notifications[notification].Waiters.Append(k.Threads, caller);
        return Error.Ok;
    }

    /// <summary>Poll (r4 = notification with Read): returns the word in r6 (possibly 0) and clears it; never blocks.</summary>
    public static Error Poll(ref KernelState k, int caller)
    {
        Error error = CSpace.Resolve(ref k, caller, k.Threads[caller].Regs.CapIndex, CapType.Notification, Rights.Read, out int slot);
        if (error == Error.Ok)
            Take(ref k, k.Slots[slot].Cap.Object, caller);
        return error;
    }

    /// <summary>
    /// ORs bits into a notification and, if the word is now non-zero, hands it
    /// to the first waiter or else to the bound thread if that is blocked in
    /// Recv. Used by Signal and by interrupts.
    /// </summary>
    public static void Raise(ref KernelState k, int notification, uint bits)
    {
        ref Notification n = ref k.Notifications[notification];
        n.Word |= bits;
        if (n.Word == 0)
            return;
        int woken;
        if (!n.Waiters.IsEmpty)
            woken = n.Waiters.PopFront(k.Threads);
        else if (n.BoundThread != KernelState.NoThread && k.Threads[n.BoundThread].State == ThreadState.BlockedOnReceive)
        {
            woken = n.BoundThread;
            ThreadControl.Detach(ref k, woken);
        }
        else
            return;
        Take(ref k, notification, woken);
        Scheduler.MakeRunnable(ref k, woken);
    }

    /// <summary>Whether a thread's bound notification has bits pending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PendingForBound(ref KernelState k, int thread)
    {
        int notification = k.Threads[thread].BoundNotification;
        return notification != KernelState.NoNotification && k.Notifications[notification].Word != 0;
    }

    /// <summary>Gives a receiving thread its bound notification's pending word.</summary>
    public static void DeliverToBound(ref KernelState k, int thread) =>
        Take(ref k, k.Threads[thread].BoundNotification, thread);

    /// <summary>Binds a thread and a notification to each other (boot time).</summary>
    public static void Bind(ref KernelState k, int thread, int notification)
    {
        k.Threads[thread].BoundNotification = notification;
        k.Notifications[notification].BoundThread = thread;
    }

    /// <summary>Moves the word into the thread's result registers and clears it.</summary>
    static void Take(ref KernelState k, int notification, int thread)
    {
        ref ThreadRegisters regs = ref k.Threads[thread].Regs;
        regs.Status = Error.Ok;
        regs.Info = MessageInfo.Notification;
        regs.Badge = k.Notifications[notification].Word;
        k.Notifications[notification].Word = 0;
    }
}
