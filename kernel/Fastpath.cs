// The IPC fastpath: Call, ReplyRecv and Reply in their common case, without the
// general machinery of checks, rendezvous and scheduler; the one-way calls in theirs
// (Send and NBSend to a receiver already waiting, a dropped NBSend, a Recv that
// blocks, a Signal to a waiter or to nobody, a Wait that takes a pending word or
// blocks); and Yield when nothing is ready above the caller's level (it returns to
// the caller at once, or hands over to the next peer of its level).
//
// Design: a client Calls a server that already waits, the server answers with
// ReplyRecv to a client that waits for that answer - the round trip everything else
// in a microkernel system is built from. In that case almost every branch of the
// general path is known in advance: the message fits the registers (r7-r10) and
// carries no capabilities, the partner is blocked exactly where it must be, the
// receive half of ReplyRecv will block, and the partner will run next. The fastpath
// tests those conditions first, changing nothing, and if any fails it returns
// NotTaken and the general path (Syscalls.Dispatch) runs the call from the start.
// If all hold it performs the same effects the general path would, in the same
// order, and picks the partner as the next thread itself instead of going through
// the ready queues: the state afterwards is identical byte for byte, which the host
// tests check by running random sequences both ways (FastpathTests,
// ModelBasedTests). A server that answers with Reply and then Recv takes the
// fastpath for the Reply; its Recv blocks on the general path, which is short.
//
// "The partner may run next" is rule 15's hand-over: the thread that blocks wakes
// its partner at the front of its level, so the partner runs unless a ready thread
// has a higher priority - one test of the ready-level bits (Scheduler.WouldRunNext).
//
// The code is written for the ahead-of-time compiler as much as for people: each
// pool element is looked up once, without a bounds check where the index is the
// kernel's own or has just been checked (Pool.At), and held by reference; the small
// steps shared
// with the general path (Replies.Create, Messages.WriteReceived, the queue
// operations) are inlined, so a round trip makes no calls below this file.
//
// The one-way calls wake at most one thread and let either it or the caller run:
// which one is read off the ready-level bits before anything changes (CanWake), as
// the Call does with WouldRunNext; a call that blocks takes the highest ready thread
// (Scheduler.RunHighest), which is all ChooseNext would do once the caller is in no
// ready queue.
//
// KernelState.FastpathHits counts the calls completed here (all but Yield), so tests and the
// benchmark can tell that the fastpath was taken; KernelState.GeneralPathOnly turns
// it off (tests compare the two paths).

using System.Runtime.CompilerServices;

namespace Keel.Kernel;

internal static class Fastpath
{
    /// <summary>TryHandle's answer when the general path must run the call.</summary>
    public const int NotTaken = int.MinValue;

    /// <summary>
    /// Runs the system call in <paramref name="caller"/>'s registers if it is a Call,
    /// ReplyRecv or Reply the fastpath can complete, and returns the thread to run next;
    /// otherwise changes nothing and returns NotTaken. <paramref name="thread"/> is
    /// <paramref name="caller"/>'s record, which the kernel entry has already looked up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TryHandle(ref KernelState k, int caller, ref Tcb thread)
    {
        if (k.GeneralPathOnly)
            return NotTaken;
        // Tested in order of how often each call is made in a running system (ILC lays a
        // switch over these sparse numbers out as a chain in number order anyway); only the
        // IPC cases look at the message info, as Yield, Signal, Wait and Recv ignore r5.
        SyscallNumber number = thread.Regs.Number;
        if (number == SyscallNumber.Call)
            return thread.Regs.Info.FitsRegistersWithoutCaps ? TryCall(ref k, caller, ref thread) : NotTaken;
        if (number == SyscallNumber.ReplyRecv)
            return thread.Regs.Info.FitsRegistersWithoutCaps ? TryReplyRecv(ref k, caller, ref thread) : NotTaken;
        if (number == SyscallNumber.Yield)
            return TryYield(ref k, caller, ref thread);
        if (number == SyscallNumber.Signal)
            return TrySignal(ref k, caller, ref thread);
        if (number == SyscallNumber.Wait)
            return TryWait(ref k, caller, ref thread);
        if (number == SyscallNumber.Send || number == SyscallNumber.NBSend)
            return thread.Regs.Info.FitsRegistersWithoutCaps ? TrySend(ref k, caller, ref thread) : NotTaken;
        if (number == SyscallNumber.Recv)
            return TryRecv(ref k, caller, ref thread);
        if (number == SyscallNumber.Reply)
            return thread.Regs.Info.FitsRegistersWithoutCaps ? TryReply(ref k, caller, ref thread) : NotTaken;
        return NotTaken;
    }

    /// <summary>
    /// Yield with no thread ready above the caller's level. The general path puts the
    /// caller (running, so in no queue) at the back of its level with a fresh slice
    /// (Scheduler.MoveToBack) and ChooseNext takes the level's head: the caller itself
    /// when it is alone there, which then goes on at once, or else the peer at the
    /// front, which runs (round robin). Not an IPC: FastpathHits does not count it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int TryYield(ref KernelState k, int caller, ref Tcb thread)
    {
        int level = thread.Priority;
        uint levels = k.ReadyLevels;
        if ((levels >> level >> 1) != 0)
            return NotTaken;
        thread.TimeSliceLeft = k.TimeSliceTicks;
        thread.Regs.Status = Error.Ok;
        if ((levels >> level) == 0)
            return caller;
        // The level holds the caller now, so its bit stays set.
        Tcb[] threads = k.Threads;
        ref ThreadQueue queue = ref Pool.At(k.ReadyQueues, level);
        queue.Append(threads, caller);
        int next = queue.PopFront(threads);
        k.Current = next;
        return next;
    }

    /// <summary>Call to a receiver already waiting on the endpoint, which then runs.</summary>
    static int TryCall(ref KernelState k, int caller, ref Tcb from)
    {
        int slot = SlotOfR4(ref k, ref from);
        if (slot == KernelState.NoSlot)
            return NotTaken;
        ref Capability cap = ref Pool.At(k.Slots, slot).Cap;
        if (cap.Type != CapType.Endpoint || !cap.Has(Rights.Write) || !cap.HasAny(Rights.Grant | Rights.GrantReply))
            return NotTaken;
        Tcb[] threads = k.Threads;
        ref ThreadQueue waiting = ref Pool.At(k.Endpoints, cap.Object).Queue;
        int receiver = waiting.Head;
        if (receiver == KernelState.NoThread)
            return NotTaken;
        ref Tcb to = ref Pool.At(threads, receiver);
        if (to.State != ThreadState.BlockedOnReceive || !Scheduler.WouldRunNext(ref k, to.Priority))
            return NotTaken;

        // Ipc.StartSend, Rendezvous and Scheduler.HandOverTo for exactly this case.
        Ipc.RecordSend(ref from, ref cap, SendKind.Call);
        waiting.PopFront(threads);
        CopyMessage(ref from, ref to, cap.Badge);
        Replies.Create(ref to, receiver, ref from, caller, to.Ipc.CanGrant);
        from.State = ThreadState.BlockedOnReply;
        from.Regs.Status = Error.Ok;
        return RunNext(ref k, receiver, ref to);
    }

    /// <summary>
    /// ReplyRecv that answers the Call in the caller slot (not a fault), then blocks
    /// because no message or signal is waiting; the caller runs next.
    /// </summary>
    static int TryReplyRecv(ref KernelState k, int replier, ref Tcb from)
    {
        int slot = SlotOfR4(ref k, ref from);
        if (slot == KernelState.NoSlot)
            return NotTaken;
        ref Capability cap = ref Pool.At(k.Slots, slot).Cap;
        if (cap.Type != CapType.Endpoint || !cap.Has(Rights.Read))
            return NotTaken;
        ref Capability reply = ref from.CallerSlot;
        if (reply.Type != CapType.Reply)
            return NotTaken;
        Tcb[] threads = k.Threads;
        int caller = reply.Object;
        ref Tcb to = ref Pool.At(threads, caller);
        if (to.Ipc.Kind != SendKind.Call || Signals.PendingForBound(ref k, replier))
            return NotTaken;
        int endpoint = cap.Object;
        int waiting = Pool.At(k.Endpoints, endpoint).Queue.Head;
        if (waiting != KernelState.NoThread && Pool.At(threads, waiting).State == ThreadState.BlockedOnSend)
            return NotTaken;
        if (!Scheduler.WouldRunNext(ref k, to.Priority))
            return NotTaken;

        // Replies.ReplyThroughCallerSlot, then Ipc.PerformReceive's blocking case.
        from.CallerSlot = default;
        Replies.Forget(ref to);
        CopyMessage(ref from, ref to, badge: 0);
        from.Ipc.CanGrant = cap.Has(Rights.Grant);
        Endpoint.Block(ref k, replier, endpoint, slot, ThreadState.BlockedOnReceive);
        from.Regs.Status = Error.Ok;
        return RunNext(ref k, caller, ref to);
    }

    /// <summary>
    /// Reply (a server that answers and then Recvs separately) to the Call in the caller
    /// slot (not a fault). The caller becomes runnable; the replier goes on unless the
    /// caller has the higher priority, in which case the caller runs at once and the
    /// replier waits at the front of its level, as if preempted (rule 15).
    /// </summary>
    static int TryReply(ref KernelState k, int replier, ref Tcb from)
    {
        ref Capability reply = ref from.CallerSlot;
        if (reply.Type != CapType.Reply)
            return NotTaken;
        int caller = reply.Object;
        ref Tcb to = ref Pool.At(k.Threads, caller);
        if (to.Ipc.Kind != SendKind.Call)
            return NotTaken;
        bool callerFirst = to.Priority > from.Priority;
        if (callerFirst ? !Scheduler.WouldRunAlone(ref k, to.Priority) : !Scheduler.WouldRunNext(ref k, from.Priority))
            return NotTaken;

        // Replies.ReplyThroughCallerSlot, Scheduler.MakeRunnable, then Scheduler.ChooseNext's outcome.
        from.CallerSlot = default;
        Replies.Forget(ref to);
        CopyMessage(ref from, ref to, badge: 0);
        from.Regs.Status = Error.Ok;
        if (!callerFirst)
        {
            Scheduler.MakeRunnable(ref k, caller);
            k.FastpathHits++;
            return replier;
        }
        Scheduler.PushReady(ref k, replier);
        return RunNext(ref k, caller, ref to);
    }

    /// <summary>
    /// Send or NBSend through an endpoint capability to a receiver already waiting on it
    /// (Ipc.StartSend and Rendezvous for a message in registers), or an NBSend that finds
    /// none and is dropped. The receiver runs next if it has the higher priority; the
    /// sender goes on otherwise. A blocking Send with no receiver, or one through a reply
    /// capability, is left to the general path.
    /// </summary>
    static int TrySend(ref KernelState k, int caller, ref Tcb from)
    {
        int slot = SlotOfR4(ref k, ref from);
        if (slot == KernelState.NoSlot)
            return NotTaken;
        ref Capability cap = ref Pool.At(k.Slots, slot).Cap;
        if (cap.Type != CapType.Endpoint || !cap.Has(Rights.Write))
            return NotTaken;
        Tcb[] threads = k.Threads;
        ref ThreadQueue waiting = ref Pool.At(k.Endpoints, cap.Object).Queue;
        int receiver = waiting.Head;
        if (receiver == KernelState.NoThread || Pool.At(threads, receiver).State != ThreadState.BlockedOnReceive)
        {
            if (from.Regs.Number != SyscallNumber.NBSend || !Scheduler.WouldRunNext(ref k, from.Priority))
                return NotTaken;
            Ipc.RecordSend(ref from, ref cap, SendKind.Send);
            from.Regs.Status = Error.Ok;
            k.FastpathHits++;
            return caller;
        }
        ref Tcb to = ref Pool.At(threads, receiver);
        if (!CanWake(ref k, ref from, ref to))
            return NotTaken;

        Ipc.RecordSend(ref from, ref cap, SendKind.Send);
        waiting.PopFront(threads);
        CopyMessage(ref from, ref to, cap.Badge);
        from.Regs.Status = Error.Ok;
        return Wake(ref k, caller, ref from, receiver, ref to);
    }

    /// <summary>
    /// Recv that blocks: no signal of the bound notification is pending and no sender
    /// waits (Ipc.PerformReceive's blocking case); the highest ready thread runs next.
    /// </summary>
    static int TryRecv(ref KernelState k, int caller, ref Tcb thread)
    {
        int slot = SlotOfR4(ref k, ref thread);
        if (slot == KernelState.NoSlot)
            return NotTaken;
        ref Capability cap = ref Pool.At(k.Slots, slot).Cap;
        if (cap.Type != CapType.Endpoint || !cap.Has(Rights.Read) || Signals.PendingForBound(ref k, caller))
            return NotTaken;
        int endpoint = cap.Object;
        int waiting = Pool.At(k.Endpoints, endpoint).Queue.Head;
        if (waiting != KernelState.NoThread && Pool.At(k.Threads, waiting).State == ThreadState.BlockedOnSend)
            return NotTaken;

        Replies.Discard(ref k, ref thread.CallerSlot);
        thread.Ipc.CanGrant = cap.Has(Rights.Grant);
        Endpoint.Block(ref k, caller, endpoint, slot, ThreadState.BlockedOnReceive);
        thread.Regs.Status = Error.Ok;
        k.FastpathHits++;
        return Scheduler.RunHighest(ref k);
    }

    /// <summary>
    /// Signal through a notification capability (Signals.Raise): wakes the first waiter,
    /// which runs next if it has the higher priority, or only sets the word if nobody
    /// waits. Waking a bound thread blocked in Recv is left to the general path.
    /// </summary>
    static int TrySignal(ref KernelState k, int caller, ref Tcb from)
    {
        int slot = SlotOfR4(ref k, ref from);
        if (slot == KernelState.NoSlot)
            return NotTaken;
        ref Capability cap = ref Pool.At(k.Slots, slot).Cap;
        if (cap.Type != CapType.Notification || !cap.Has(Rights.Write))
            return NotTaken;
        Tcb[] threads = k.Threads;
        ref Notification n = ref Pool.At(k.Notifications, cap.Object);
        int waiter = n.Waiters.Head;
        if (waiter == KernelState.NoThread)
        {
            int bound = n.BoundThread;
            if ((bound != KernelState.NoThread && Pool.At(threads, bound).State == ThreadState.BlockedOnReceive)
                || !Scheduler.WouldRunNext(ref k, from.Priority))
                return NotTaken;
            n.Word |= cap.Badge;
            n.Signalled = true;
            from.Regs.Status = Error.Ok;
            k.FastpathHits++;
            return caller;
        }
        ref Tcb to = ref Pool.At(threads, waiter);
        if (!CanWake(ref k, ref from, ref to))
            return NotTaken;

        // Signals.Raise: the badge ORed in and the word taken at once by the waiter, which
        // clears it and the signalled flag again.
        n.Waiters.PopFront(threads);
        n.Word |= cap.Badge;
        Signals.Take(ref n, ref to);
        from.Regs.Status = Error.Ok;
        return Wake(ref k, caller, ref from, waiter, ref to);
    }

    /// <summary>
    /// Wait on a notification (Signals.TakeSignal): takes a pending word and goes on, or
    /// blocks and the highest ready thread runs next.
    /// </summary>
    static int TryWait(ref KernelState k, int caller, ref Tcb thread)
    {
        int slot = SlotOfR4(ref k, ref thread);
        if (slot == KernelState.NoSlot)
            return NotTaken;
        ref Capability cap = ref Pool.At(k.Slots, slot).Cap;
        if (cap.Type != CapType.Notification || !cap.Has(Rights.Read))
            return NotTaken;
        int notification = cap.Object;
        ref Notification n = ref Pool.At(k.Notifications, notification);
        if ((n.BoundThread != KernelState.NoThread && n.BoundThread != caller)
            || (n.Signalled && !Scheduler.WouldRunNext(ref k, thread.Priority)))
            return NotTaken;
        k.FastpathHits++;
        if (n.Signalled)
        {
            Signals.Take(ref n, ref thread);
            return caller;
        }
        thread.Regs.Status = Error.Ok;
        Signals.Block(ref k, caller, ref thread, notification, ref n, slot);
        return Scheduler.RunHighest(ref k);
    }

    /// <summary>
    /// Whether Wake's outcome is the scheduler's: a woken thread above the caller runs only
    /// if nothing is ready at its level or above; otherwise the caller goes on only if
    /// nothing is ready above its own level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool CanWake(ref KernelState k, ref Tcb from, ref Tcb to) =>
        to.Priority > from.Priority ? Scheduler.WouldRunAlone(ref k, to.Priority) : Scheduler.WouldRunNext(ref k, from.Priority);

    /// <summary>
    /// Scheduler.MakeRunnable of a thread the caller woke (already off its queue), then
    /// ChooseNext's outcome as CanWake established it: the woken thread runs and the
    /// caller waits at the front of its level, as if preempted; or the woken thread joins
    /// the back of its level and the caller goes on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int Wake(ref KernelState k, int caller, ref Tcb from, int woken, ref Tcb to)
    {
        to.State = ThreadState.Runnable;
        k.FastpathHits++;
        if (to.Priority > from.Priority)
        {
            Scheduler.PushReady(ref k, ref from, caller);
            k.Current = woken;
            return woken;
        }
        Scheduler.AppendReady(ref k, ref to, woken);
        return caller;
    }

    /// <summary>The pool slot r4 names in the thread's CSpace (possibly an empty one), or NoSlot if r4 is out of range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int SlotOfR4(ref KernelState k, ref Tcb thread)
    {
        ref CNode cnode = ref Pool.At(k.CNodes, thread.CSpace);
        uint index = thread.Regs.CapIndex;
        return index < (uint)cnode.SlotCount ? cnode.FirstSlot + (int)index : KernelState.NoSlot;
    }

    /// <summary>Messages.Transfer for a message in registers without capabilities.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void CopyMessage(ref Tcb from, ref Tcb to, uint badge)
    {
        MessageInfo info = from.Regs.Info;
        int length = info.Length;
        if (length > 0)
        {
            to.Regs.R7 = from.Regs.R7;
            if (length > 1)
            {
                to.Regs.R8 = from.Regs.R8;
                if (length > 2)
                {
                    to.Regs.R9 = from.Regs.R9;
                    if (length > 3)
                        to.Regs.R10 = from.Regs.R10;
                }
            }
        }
        Messages.WriteReceived(ref to, info, capsArrived: 0, badge);
    }

    /// <summary>Scheduler.HandOverTo followed by Scheduler.ChooseNext, when the thread is known to win.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int RunNext(ref KernelState k, int thread, ref Tcb tcb)
    {
        tcb.State = ThreadState.Runnable;
        k.Current = thread;
        k.FastpathHits++;
        return thread;
    }
}
