// The IPC fastpath: Call and ReplyRecv in their common case, without the general
// machinery of checks, rendezvous and scheduler.
//
// Design: a client Calls a server that already waits, the server answers with
// ReplyRecv to a client that waits for that answer - the round trip everything else
// in a microkernel system is built from. In that case almost every branch of the
// general path is known in advance: the message fits the registers (r7-r10) and
// carries no capabilities, the partner is blocked exactly where it must be, the
// receive half of ReplyRecv will block, and the partner will run next. The fastpath
// tests those conditions first, changing nothing, and if any fails it returns
// "not taken" and the general path (Syscalls.Dispatch) runs the call from the start.
// If all hold it performs the same effects the general path would, in the same
// order, and picks the partner as the next thread itself instead of scanning the
// ready queues: the state afterwards is identical byte for byte, which the host
// tests check by running random sequences both ways (FastpathTests,
// ModelBasedTests).
//
// "The partner may run next" is rule 15's hand-over: the thread that blocks wakes
// its partner at the front of its level, so the partner runs unless a ready thread
// has a higher priority. Only the levels above the partner's are looked at.
//
// KernelState.FastpathHits counts the calls completed here, so tests and the
// benchmark can tell that the fastpath was taken; KernelState.GeneralPathOnly turns
// it off (tests compare the two paths).

namespace Keel.Kernel;

internal static class Fastpath
{
    /// <summary>
    /// Runs the system call in <paramref name="caller"/>'s registers if it is a Call
    /// or ReplyRecv the fastpath can complete; then <paramref name="next"/> is the
    /// thread to run and the result true. Otherwise changes nothing and returns false.
    /// </summary>
    public static bool TryHandle(ref KernelState k, int caller, out int next)
    {
        next = caller;
        if (k.GeneralPathOnly)
            return false;
        ref Tcb thread = ref k.Threads[caller];
        if (!thread.Regs.Info.FitsRegistersWithoutCaps)
            return false;
        switch (thread.Regs.Number)
        {
            case SyscallNumber.Call: return TryCall(ref k, caller, ref thread, out next);
            case SyscallNumber.ReplyRecv: return TryReplyRecv(ref k, caller, ref thread, out next);
            default: return false;
        }
    }

    /// <summary>Call to a receiver already waiting on the endpoint, which then runs.</summary>
    static bool TryCall(ref KernelState k, int caller, ref Tcb from, out int next)
    {
        next = caller;
        if (!TryLookup(ref k, ref from, out int slot))
            return false;
        ref Capability cap = ref k.Slots[slot];
        if (cap.Type != CapType.Endpoint || !cap.Has(Rights.Write) || !cap.HasAny(Rights.Grant | Rights.GrantReply))
            return false;
        ref Endpoint endpoint = ref k.Endpoints[cap.Object];
        int receiver = endpoint.FirstWaiting(k.Threads, ThreadState.BlockedOnReceive);
        if (receiver == KernelState.NoThread)
            return false;
        ref Tcb to = ref k.Threads[receiver];
        if (!MayRunNext(ref k, to.Priority))
            return false;

        // Ipc.StartSend, Rendezvous and Scheduler.HandOverTo for exactly this case.
        from.Ipc.Badge = cap.Badge;
        from.Ipc.CanGrant = cap.Has(Rights.Grant);
        from.Ipc.Kind = SendKind.Call;
        endpoint.Queue.PopFront(k.Threads);
        CopyMessage(ref from, ref to, cap.Badge);
        to.CallerSlot = Replies.Create(ref from, caller, to.Ipc.CanGrant);
        from.State = ThreadState.BlockedOnReply;
        from.Regs.Status = Error.Ok;
        next = RunNext(ref k, receiver, ref to);
        return true;
    }

    /// <summary>
    /// ReplyRecv that answers a caller waiting for exactly this reply (not a fault),
    /// then blocks because no message or signal is waiting; the caller runs next.
    /// </summary>
    static bool TryReplyRecv(ref KernelState k, int replier, ref Tcb from, out int next)
    {
        next = replier;
        if (!TryLookup(ref k, ref from, out int slot))
            return false;
        ref Capability cap = ref k.Slots[slot];
        if (cap.Type != CapType.Endpoint || !cap.Has(Rights.Read))
            return false;
        if (!Replies.IsLive(ref k, from.CallerSlot))
            return false;
        int caller = from.CallerSlot.Object;
        ref Tcb to = ref k.Threads[caller];
        if (to.Ipc.Kind != SendKind.Call || Signals.PendingForBound(ref k, replier))
            return false;
        ref Endpoint endpoint = ref k.Endpoints[cap.Object];
        if (endpoint.FirstWaiting(k.Threads, ThreadState.BlockedOnSend) != KernelState.NoThread || !MayRunNext(ref k, to.Priority))
            return false;

        // Replies.ReplyThroughCallerSlot, then Ipc.PerformReceive's blocking case.
        from.CallerSlot = default;
        CopyMessage(ref from, ref to, badge: 0);
        from.Ipc.CanGrant = cap.Has(Rights.Grant);
        Endpoint.Block(ref k, replier, cap.Object, ThreadState.BlockedOnReceive);
        from.Regs.Status = Error.Ok;
        next = RunNext(ref k, caller, ref to);
        return true;
    }

    /// <summary>CSpace.Lookup of r4 that reports only whether it succeeded.</summary>
    static bool TryLookup(ref KernelState k, ref Tcb thread, out int slot)
    {
        ref CNode cnode = ref k.CNodes[thread.CSpace];
        uint index = thread.Regs.CapIndex;
        slot = cnode.FirstSlot + (int)index;
        return index < (uint)cnode.SlotCount && !k.Slots[slot].IsEmpty;
    }

    /// <summary>Messages.Transfer for a message in registers without capabilities.</summary>
    static void CopyMessage(ref Tcb from, ref Tcb to, uint badge)
    {
        MessageInfo info = from.Regs.Info;
        int length = info.Length;
        if (length > 0)
            to.Regs.R7 = from.Regs.R7;
        if (length > 1)
            to.Regs.R8 = from.Regs.R8;
        if (length > 2)
            to.Regs.R9 = from.Regs.R9;
        if (length > 3)
            to.Regs.R10 = from.Regs.R10;
        Messages.WriteReceived(ref to, info, capsArrived: 0, badge);
    }

    /// <summary>Whether a thread of this priority woken to the front of its level would run next (rule 15).</summary>
    static bool MayRunNext(ref KernelState k, byte priority)
    {
        ThreadQueue[] levels = k.ReadyQueues;
        for (int level = levels.Length - 1; level > priority; level--)
        {
            if (!levels[level].IsEmpty)
                return false;
        }
        return true;
    }

    /// <summary>Scheduler.HandOverTo followed by Scheduler.ChooseNext, when the thread is known to win.</summary>
    static int RunNext(ref KernelState k, int thread, ref Tcb tcb)
    {
        tcb.State = ThreadState.Runnable;
        k.Current = thread;
        k.FastpathHits++;
        return thread;
    }
}
