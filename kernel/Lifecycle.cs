// The lifecycle of a capability: what the rest of the kernel must do when one
// moves to another slot or is deleted, and the two invocations that take
// authority back, Revoke and CancelBadgedSends.
//
// Design: a capability's slot is referred to from three places outside its
// CNode, and each follows the capability when it moves and lets go of it when
// it is deleted:
//   * its derivation record links it with what it was derived from and what
//     was derived from it (Derivation.cs);
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
// Revoke (rule 18) deletes, in any CSpace, every capability derived from the
// one it names, last in derivation order first, so each one deleted is a leaf
// and leaving a revocation half done leaves a consistent forest. It returns
// only when all are gone, and nothing but its status: how many there were, and
// so whether a receiver took a copy the caller sent with a one-way NBSend, is
// about other CSpaces, which the caller must not learn of (rule 2). CancelBadgedSends
// (rule 19) ends the sends queued with one badge, for a server that keeps the
// badge but wants what its holders queued gone.
//
// Cost, and how long interrupts wait (kernel entries all run at one exception
// priority, so an interrupt waits for the system call in progress, docs/abi.md).
// With S slots in the pool and T threads: finding the threads blocked through a
// slot walks its object's queue, O(T) - cheaper in memory than a list per slot,
// which would need storage of its own - so Move and the deletion of one capability
// cost O(T), plus, for Delete, O(n) to lift its n descendants (n < S). A
// revocation could delete up to S - 1 capabilities, so one kernel entry deletes at
// most RevokeBatch of them, after one O(S) walk to the end of the descendants;
// if any are left it stops there, as at seL4's preemption points: the progress is
// the derivation forest itself (what is deleted stays deleted), the caller's
// registers are left as they were and Tcb.RepeatSyscall makes the hardware layer
// issue the same Revoke again, after the kernel has been left and pending
// interrupts taken. A kernel entry is therefore O(S + RevokeBatch x T) whatever
// the size of the revocation; docs/performance.md gives the figures.
// CancelBadgedSends is O(T).

namespace Keel.Kernel;

internal static class Lifecycle
{
    /// <summary>The most capabilities one Revoke call deletes: bounds how long a revocation keeps interrupts waiting.</summary>
    public const int RevokeBatch = 16;

    /// <summary>The capability in pool slot <paramref name="from"/> has just moved to <paramref name="to"/> (Move): what refers to its slot follows it.</summary>
    public static void Moved(ref KernelState k, int from, int to)
    {
        Capability cap = k.Slots[to].Cap;
        if (cap.Type == CapType.Reply)
        {
            Replies.MovedTo(ref k, cap.Object, to);
            return;
        }
        Derivations.Relocate(ref k, to);
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
    /// Deletes the capability in pool slot <paramref name="slot"/> (Delete, Revoke): the
    /// one place a capability is destroyed. Deleting an empty slot does nothing.
    /// </summary>
    public static void Delete(ref KernelState k, int slot)
    {
        Capability cap = k.Slots[slot].Cap;
        k.Slots[slot].Cap = default;
        if (cap.Type == CapType.Reply)
        {
            Replies.Forget(ref k.Threads[cap.Object]);
            return;
        }
        Derivations.Remove(ref k, slot);
        if (HasQueue(cap.Type))
            EndBlocked(ref k, ref QueueOf(ref k, cap), slot, badge: 0, Error.Revoked);
    }

    /// <summary>
    /// Revoke (r4 = any capability): deletes the capabilities derived from it, in any
    /// CSpace; the capability itself stays. At most RevokeBatch of them per kernel entry:
    /// if some are left, the call is to be repeated (Tcb.RepeatSyscall) and returns nothing yet.
    /// </summary>
    public static Error Revoke(ref KernelState k, int caller)
    {
        ref ThreadRegisters regs = ref k.Threads[caller].Regs;
        Error error = CSpace.LookupFull(ref k, caller, regs.CapIndex, out int slot);
        if (error != Error.Ok)
            return error;
        int last = Derivations.LastDescendant(ref k, slot);
        for (int deleted = 0; last != slot && deleted < RevokeBatch; deleted++)
        {
            // The one before the last descendant is a descendant too, or the capability itself.
            int before = k.Slots[last].Previous;
            Delete(ref k, last);
            last = before;
        }
        k.Threads[caller].RepeatSyscall = last != slot;
        return Error.Ok;
    }

    /// <summary>
    /// CancelBadgedSends (r4 = unbadged endpoint capability with Write, MR0 = a badge, not 0):
    /// every Send and Call queued on the endpoint with that badge ends with Cancelled.
    /// </summary>
    public static Error CancelBadgedSends(ref KernelState k, int caller)
    {
        ref ThreadRegisters regs = ref k.Threads[caller].Regs;
        // Write on an unbadged capability is the authority to send with any badge (by
        // minting it), and so to take back what was sent with one. A receiver holding
        // Read alone cannot: it would tell blocked senders something (rule 2).
        Error error = CSpace.Resolve(ref k, caller, regs.CapIndex, CapType.Endpoint, Rights.Write, out int slot);
        if (error != Error.Ok)
            return error;
        uint badge = regs.GetMr(0);
        if (k.Slots[slot].Cap.Badge != 0 || badge == 0)
            return Error.InvalidArgument;
        EndBlocked(ref k, ref k.Endpoints[k.Slots[slot].Cap.Object].Queue, KernelState.NoSlot, badge, Error.Cancelled);
        return Error.Ok;
    }

    /// <summary>
    /// Ends, with <paramref name="status"/>, the blocked IPC of every thread in
    /// <paramref name="queue"/> blocked through pool slot <paramref name="throughSlot"/>,
    /// or, for NoSlot, every Send and Call queued with <paramref name="badge"/> (never a
    /// fault's Call, which was not a system call and goes through no slot). Each becomes
    /// runnable, in queue order.
    /// </summary>
    static void EndBlocked(ref KernelState k, ref ThreadQueue queue, int throughSlot, uint badge, Error status)
    {
        int previous = KernelState.NoThread;
        int t = queue.Head;
        while (t != KernelState.NoThread)
        {
            ref Tcb thread = ref k.Threads[t];
            int next = thread.Next;
            bool ends = throughSlot != KernelState.NoSlot
                ? thread.Ipc.Slot == throughSlot
                : thread.State == ThreadState.BlockedOnSend && thread.Ipc.Slot != KernelState.NoSlot && thread.Ipc.Badge == badge;
            if (ends)
            {
                queue.RemoveAfter(k.Threads, previous, t);
                thread.Regs.Status = status;
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
