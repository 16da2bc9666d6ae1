// The lifecycle of a capability: what the rest of the kernel must do when one
// moves to another slot or is deleted.
//
// Design: a capability's slot is referred to from two places outside the
// CSpaces, and each follows the capability when it moves and lets go of it when
// it is deleted:
//   * a reply capability's caller records the slot holding it (Reply.cs);
//   * a thread blocked on an endpoint or a notification (Send, Call, Recv,
//     ReplyRecv's and NBSendRecv's receive, Wait) records the slot of the
//     capability it is blocked through (IpcState.Slot).
// Deleting a capability ends the IPC blocked through it (rule 17): each such
// thread leaves the queue and becomes runnable with status Revoked, and nothing
// of its IPC happened. Every thread queued on an endpoint or notification is
// queued through a capability to it - except a fault's Call, whose capability is
// the TCB's fault handler, which no task can delete - so when the last
// capability to an object is deleted, every thread queued on it has been woken,
// and nobody is left waiting on an object no one can reach any more.
//
// The threads blocked through a slot are found by walking the queue of the
// capability's object, which holds at most every thread, rather than by a list
// per slot, which would have to live somewhere: Move and Delete cost O(threads)
// on top of their constant work.

namespace Keel.Kernel;

internal static class Lifecycle
{
    /// <summary>The capability in pool slot <paramref name="from"/> has just moved to <paramref name="to"/> (Move): what refers to its slot follows it.</summary>
    public static void Moved(ref KernelState k, int from, int to)
    {
        Capability cap = k.Slots[to];
        if (cap.Type == CapType.Reply)
        {
            Replies.MovedTo(ref k, cap.Object, to);
            return;
        }
        if (!HasQueue(cap.Type))
            return;
        ref ThreadQueue queue = ref QueueOf(ref k, cap);
        for (int t = queue.Head; t != KernelState.NoThread; t = k.Threads[t].Next)
        {
            if (k.Threads[t].Ipc.Slot == from)
                k.Threads[t].Ipc.Slot = to;
        }
    }

    /// <summary>
    /// Deletes the capability in pool slot <paramref name="slot"/> (Delete): the one
    /// place a capability is destroyed. Deleting an empty slot does nothing.
    /// </summary>
    public static void Delete(ref KernelState k, int slot)
    {
        Capability cap = k.Slots[slot];
        k.Slots[slot] = default;
        if (cap.Type == CapType.Reply)
            Replies.Forget(ref k.Threads[cap.Object]);
        else if (HasQueue(cap.Type))
            EndIpcThrough(ref k, ref QueueOf(ref k, cap), slot);
    }

    /// <summary>Wakes, with Revoked, every thread in <paramref name="queue"/> blocked through pool slot <paramref name="slot"/>.</summary>
    static void EndIpcThrough(ref KernelState k, ref ThreadQueue queue, int slot)
    {
        int previous = KernelState.NoThread;
        int t = queue.Head;
        while (t != KernelState.NoThread)
        {
            int next = k.Threads[t].Next;
            if (k.Threads[t].Ipc.Slot == slot)
            {
                queue.RemoveAfter(k.Threads, previous, t);
                k.Threads[t].Regs.Status = Error.Revoked;
                Scheduler.MakeRunnable(ref k, t);
            }
            else
                previous = t;
            t = next;
        }
    }

    static bool HasQueue(CapType type) => type == CapType.Endpoint || type == CapType.Notification;

    /// <summary>The queue of the endpoint or notification a capability names.</summary>
    static ref ThreadQueue QueueOf(ref KernelState k, Capability cap) =>
        ref cap.Type == CapType.Endpoint ? ref k.Endpoints[cap.Object].Queue : ref k.Notifications[cap.Object].Waiters;
}
