// The kernel's invariants, stated once as code: what must hold of KernelState
// between any two kernel entries, whatever the tasks did.
//
// Design: Check reads the whole state and counts the statements that are false;
// it changes nothing, allocates nothing and trusts nothing. Every index it
// follows (a queue link, a capability's object, a thread's CSpace) is
// range-checked before use, and every queue walk stops after as many steps as
// there are threads, so a corrupted state gives a count, never a panic or a
// hang - the point is to find corruption, so it must survive it. It is
// quadratic in the number of threads and slots (membership is counted by
// walking queues, not by a side table, because there is nowhere to put one);
// the pools are a few dozen entries, so a check costs microseconds.
//
// It is a debugging and testing aid, not part of any system call's path: the
// host tests call it after every step of the model-based test, and the port
// exposes it to tasks as the debug-only platform call CheckInvariants, which a
// system description must enable (`[kernel] debug-invariants = true`), so the
// on-target fuzzer can check the kernel it is attacking.
//
// What it states (the comments at each check say why it must hold):
//   * pools and configuration: CNodes lie inside the slot pool, every thread's
//     CSpace and priority exist, tick signals and IRQ bindings name real
//     notifications and tick signals count down within their period;
//   * queues (ready, endpoint, notification waiters) are well formed: links in
//     range, no cycle, Tail is the last member, Head and Tail empty together;
//   * each member of a queue is in the state that queue means, and each thread
//     is in exactly the queue its state means (so in at most one), with Queued
//     set exactly when it is in one; an endpoint queue holds only senders or
//     only receivers; a notification with waiters is not signalled, and one
//     with bits in its word is;
//   * a thread blocked on an endpoint or notification is blocked through a
//     capability in its own CSpace that names that object with the right it
//     needs (a fault's Call through none), so deleting it ends the IPC;
//   * Current is NoThread or a Runnable thread in no queue;
//   * a thread reporting a fault is blocked in that fault's Call, and back;
//   * every capability (slots, caller slots, fault handlers) has a defined
//     type, only defined rights, an object inside its pool and a badge only on
//     endpoints and notifications; empty ones are all zero; caller slots hold
//     only reply capabilities and fault handlers only endpoint capabilities;
//   * a reply capability exists only for a thread waiting for a reply, and
//     exactly where that thread's TCB says it is: so at most one per Call;
//   * the derivation records (Derivation.cs) form a forest in depth-first
//     order: chains linked both ways, without cycles, through the slots that
//     hold capabilities other than reply capabilities (every other slot
//     unlinked), starting at depth 0 and deepening one level at a time; and a
//     derived capability names its parent's object with no right its parent
//     lacks and its parent's badge, or a first badge on an unbadged parent;
//   * a bound notification and its thread name each other.

namespace Keel.Kernel;

public static class Invariants
{
    /// <summary>The number of invariants that do not hold of <paramref name="k"/> (0: all hold).</summary>
    public static int Check(ref KernelState k)
    {
        int violations = CheckConfiguration(ref k);
        violations += CheckQueues(ref k);
        for (int thread = 0; thread < k.Threads.Length; thread++)
            violations += CheckThread(ref k, thread);
        violations += CheckCurrent(ref k);
        for (int slot = 0; slot < k.Slots.Length; slot++)
            violations += CheckCapability(ref k, k.Slots[slot].Cap);
        violations += CheckReplyCapabilities(ref k);
        violations += CheckDerivations(ref k);
        violations += CheckBindings(ref k);
        return violations;
    }

    static int Violated(bool condition) => condition ? 0 : 1;

    static bool InRange(int index, int length) => (uint)index < (uint)length;

    // ---- Pools and configuration ----

    static int CheckConfiguration(ref KernelState k)
    {
        int violations = 0;
        for (int i = 0; i < k.CNodes.Length; i++)
        {
            // Lookup trusts FirstSlot + index to lie in the pool once index < SlotCount.
            CNode cnode = k.CNodes[i];
            violations += Violated(cnode.FirstSlot >= 0 && cnode.SlotCount >= 0 && cnode.SlotCount <= k.Slots.Length - cnode.FirstSlot);
        }
        for (int i = 0; i < k.TickSignals.Length; i++)
        {
            // Timers.SignalDue decrements before testing, so 0 would wrap and never fire.
            TickSignal entry = k.TickSignals[i];
            violations += Violated(InRange(entry.Notification, k.Notifications.Length)
                && entry.EveryTicks >= 1 && entry.TicksLeft >= 1 && entry.TicksLeft <= entry.EveryTicks);
        }
        for (int i = 0; i < k.IrqBindings.Length; i++)
        {
            // Interrupts.Deliver signals any binding with a badge.
            IrqBinding binding = k.IrqBindings[i];
            violations += Violated(binding.Badge == 0 || InRange(binding.Notification, k.Notifications.Length));
        }
        return violations;
    }

    // ---- Queues ----

    static int CheckQueues(ref KernelState k)
    {
        int violations = 0;
        // A ready queue holds runnable threads of its own level: the scheduler pops by level.
        for (int level = 0; level < k.ReadyQueues.Length; level++)
            violations += CheckShape(ref k, k.ReadyQueues[level]) + CheckMembers(ref k, k.ReadyQueues[level], ThreadState.Runnable, level);
        for (int e = 0; e < k.Endpoints.Length; e++)
        {
            ThreadQueue queue = k.Endpoints[e].Queue;
            // Senders or receivers, never both: a sender meets a waiting receiver at once, and
            // Endpoint.FirstWaiting reads which kind waits off the head alone.
            ThreadState kind = InRange(queue.Head, k.Threads.Length) ? k.Threads[queue.Head].State : ThreadState.BlockedOnSend;
            violations += Violated(kind == ThreadState.BlockedOnSend || kind == ThreadState.BlockedOnReceive);
            violations += CheckShape(ref k, queue) + CheckMembers(ref k, queue, kind, e);
        }
        for (int n = 0; n < k.Notifications.Length; n++)
        {
            ThreadQueue queue = k.Notifications[n].Waiters;
            // Signals.Raise hands a signal to the first waiter at once, and only a signal sets bits.
            violations += Violated(queue.IsEmpty || !k.Notifications[n].Signalled);
            violations += Violated(k.Notifications[n].Word == 0 || k.Notifications[n].Signalled);
            violations += CheckShape(ref k, queue) + CheckMembers(ref k, queue, ThreadState.BlockedOnNotification, n);
        }
        return violations;
    }

    /// <summary>
    /// Every member is in <paramref name="state"/> and belongs to <paramref name="owner"/>:
    /// its priority for a ready queue, the object it blocks on for the others.
    /// </summary>
    static int CheckMembers(ref KernelState k, ThreadQueue queue, ThreadState state, int owner)
    {
        int violations = 0;
        int t = queue.Head;
        for (int steps = 0; InRange(t, k.Threads.Length) && steps < k.Threads.Length; steps++)
        {
            ref Tcb member = ref k.Threads[t];
            int belongsTo = state == ThreadState.Runnable ? member.Priority : member.Ipc.Object;
            violations += Violated(member.State == state && belongsTo == owner);
            t = member.Next;
        }
        return violations;
    }

    /// <summary>
    /// Links in range, no cycle (at most one step per thread), Tail the last member and
    /// Head and Tail empty together: what ThreadQueue's Append, PopFront and Remove rely on.
    /// </summary>
    static int CheckShape(ref KernelState k, ThreadQueue queue)
    {
        if (queue.Head == KernelState.NoThread)
            return Violated(queue.Tail == KernelState.NoThread);
        int steps = 0;
        int t = queue.Head;
        while (InRange(t, k.Threads.Length) && steps < k.Threads.Length)
        {
            steps++;
            int next = k.Threads[t].Next;
            if (next == KernelState.NoThread)
                return Violated(t == queue.Tail);
            t = next;
        }
        return 1;   // a link out of range, or longer than the pool: a cycle
    }

    /// <summary>Whether <paramref name="thread"/> is reached walking <paramref name="queue"/> (at most one step per thread).</summary>
    static bool Contains(ref KernelState k, ThreadQueue queue, int thread)
    {
        int t = queue.Head;
        for (int steps = 0; InRange(t, k.Threads.Length) && steps < k.Threads.Length; steps++)
        {
            if (t == thread)
                return true;
            t = k.Threads[t].Next;
        }
        return false;
    }

    /// <summary>How many of the kernel's queues hold <paramref name="thread"/>.</summary>
    static int Memberships(ref KernelState k, int thread)
    {
        int count = 0;
        for (int level = 0; level < k.ReadyQueues.Length; level++)
            count += Contains(ref k, k.ReadyQueues[level], thread) ? 1 : 0;
        for (int e = 0; e < k.Endpoints.Length; e++)
            count += Contains(ref k, k.Endpoints[e].Queue, thread) ? 1 : 0;
        for (int n = 0; n < k.Notifications.Length; n++)
            count += Contains(ref k, k.Notifications[n].Waiters, thread) ? 1 : 0;
        return count;
    }

    // ---- Threads ----

    static int CheckThread(ref KernelState k, int thread)
    {
        ref Tcb tcb = ref k.Threads[thread];
        int violations = Violated(InRange(tcb.CSpace, k.CNodes.Length) && tcb.Priority < k.ReadyQueues.Length);
        violations += Violated(tcb.Next == KernelState.NoThread || InRange(tcb.Next, k.Threads.Length));
        // A thread has one link, so it can be in one queue; ThreadQueue keeps Queued in step.
        int memberships = Memberships(ref k, thread);
        violations += Violated(memberships <= 1 && tcb.Queued == (memberships == 1));
        // The queue the state means: the thread must be in it (Detach finds it there).
        switch (tcb.State)
        {
            case ThreadState.Inactive:
            case ThreadState.BlockedOnReply:
                violations += Violated(!tcb.Queued);
                break;
            case ThreadState.Runnable:
                // Only the running thread is runnable outside its ready queue (Scheduler.ChooseNext).
                violations += Violated(thread == k.Current ? !tcb.Queued
                    : tcb.Priority < k.ReadyQueues.Length && Contains(ref k, k.ReadyQueues[tcb.Priority], thread));
                break;
            case ThreadState.BlockedOnSend:
            case ThreadState.BlockedOnReceive:
                violations += Violated(InRange(tcb.Ipc.Object, k.Endpoints.Length)
                    && Contains(ref k, k.Endpoints[tcb.Ipc.Object].Queue, thread));
                violations += CheckBlockedThrough(ref k, ref tcb, CapType.Endpoint);
                break;
            case ThreadState.BlockedOnNotification:
                violations += Violated(InRange(tcb.Ipc.Object, k.Notifications.Length)
                    && Contains(ref k, k.Notifications[tcb.Ipc.Object].Waiters, thread));
                violations += CheckBlockedThrough(ref k, ref tcb, CapType.Notification);
                break;
            default:
                violations++;   // not a state at all
                break;
        }
        // A fault is recorded exactly while the thread is in its fault's Call (Faults.Raise,
        // Resolve and ThreadControl.Detach), so Suspend can tell it from a system call.
        bool inFaultCall = (tcb.State == ThreadState.BlockedOnSend || tcb.State == ThreadState.BlockedOnReply)
            && tcb.Ipc.Kind == SendKind.Fault;
        violations += Violated(tcb.Fault.Kind <= FaultKind.Last && inFaultCall == (tcb.Fault.Kind != FaultKind.None));
        // Kernel.Tick decrements and resets at 0, so a slice is never empty or over-full.
        violations += Violated(tcb.TimeSliceLeft >= 1 && tcb.TimeSliceLeft <= k.TimeSliceTicks);
        // The caller slot holds only what Replies.Create makes; the fault handler is an endpoint (Faults.Raise).
        violations += CheckCapability(ref k, tcb.CallerSlot);
        violations += Violated(tcb.CallerSlot.Type == CapType.Null || tcb.CallerSlot.Type == CapType.Reply);
        violations += CheckCapability(ref k, tcb.FaultHandler);
        violations += Violated(tcb.FaultHandler.Type == CapType.Null || tcb.FaultHandler.Type == CapType.Endpoint);
        return violations;
    }

    /// <summary>
    /// A blocked thread's IPC goes through a capability its CSpace still holds, with the right
    /// the IPC needs, so that deleting that capability finds and ends it (Lifecycle.cs); only a
    /// fault's Call goes through none (its TCB's fault handler).
    /// </summary>
    static int CheckBlockedThrough(ref KernelState k, ref Tcb tcb, CapType type)
    {
        if (tcb.State == ThreadState.BlockedOnSend && tcb.Ipc.Kind == SendKind.Fault)
            return Violated(tcb.Ipc.Slot == KernelState.NoSlot);
        if (!InRange(tcb.CSpace, k.CNodes.Length))
            return 1;
        CNode cnode = k.CNodes[tcb.CSpace];
        if (!InRange(tcb.Ipc.Slot - cnode.FirstSlot, cnode.SlotCount) || !InRange(tcb.Ipc.Slot, k.Slots.Length))
            return 1;
        Capability cap = k.Slots[tcb.Ipc.Slot].Cap;
        Rights needed = tcb.State == ThreadState.BlockedOnSend ? Rights.Write : Rights.Read;
        return Violated(cap.Type == type && cap.Object == tcb.Ipc.Object && cap.Has(needed));
    }

    /// <summary>The running thread is a real, runnable thread that no queue holds.</summary>
    static int CheckCurrent(ref KernelState k)
    {
        if (k.Current == KernelState.NoThread)
            return 0;
        if (!InRange(k.Current, k.Threads.Length))
            return 1;
        return Violated(k.Threads[k.Current].State == ThreadState.Runnable && !k.Threads[k.Current].Queued);
    }

    // ---- Capabilities ----

    /// <summary>A capability is a well-formed value: the checks of rule 9's "rights never grow" start here.</summary>
    static int CheckCapability(ref KernelState k, Capability cap)
    {
        // Rights are four bits (CSpace.Derive refuses any other), so nothing can carry a fifth.
        int violations = Violated(((uint)cap.Rights & ~(uint)Rights.All) == 0);
        bool badgeable = cap.Type == CapType.Endpoint || cap.Type == CapType.Notification;
        violations += Violated(cap.Badge == 0 || badgeable);
        if (cap.Type == CapType.Null)
        {
            // Delete, Move and the caller slot leave an all-zero value: nothing of the old capability lingers.
            return violations + Violated(cap.Rights == Rights.None && cap.Object == 0);
        }
        // The object lies in its pool; a type without a pool is not a type at all.
        return violations + Violated(InRange(cap.Object, PoolSize(ref k, cap.Type)));
    }

    /// <summary>The size of the pool a capability of <paramref name="type"/> names an entry of (0: no such type).</summary>
    static int PoolSize(ref KernelState k, CapType type) => type switch
    {
        CapType.Endpoint => k.Endpoints.Length,
        CapType.Notification => k.Notifications.Length,
        CapType.Thread or CapType.Reply => k.Threads.Length,
        CapType.IrqHandler => k.IrqBindings.Length,
        _ => 0,
    };

    /// <summary>
    /// Rule 5, by construction (Reply.cs): each thread's record of where its reply capability
    /// lies is right, and every reply capability is the one its caller's record names - so a
    /// reply capability exists only while its Call waits, and at most one per Call.
    /// </summary>
    static int CheckReplyCapabilities(ref KernelState k)
    {
        int violations = 0;
        for (int caller = 0; caller < k.Threads.Length; caller++)
        {
            ref Tcb thread = ref k.Threads[caller];
            bool waiting = thread.State == ThreadState.BlockedOnReply;
            if (thread.ReplyHolder != KernelState.NoThread)
                violations += Violated(waiting && thread.ReplySlot == KernelState.NoSlot && InRange(thread.ReplyHolder, k.Threads.Length)
                    && Names(k.Threads[thread.ReplyHolder].CallerSlot, caller));
            else if (thread.ReplySlot != KernelState.NoSlot)
                violations += Violated(waiting && InRange(thread.ReplySlot, k.Slots.Length) && Names(k.Slots[thread.ReplySlot].Cap, caller));
        }
        for (int holder = 0; holder < k.Threads.Length; holder++)
        {
            Capability reply = k.Threads[holder].CallerSlot;
            if (reply.Type == CapType.Reply && InRange(reply.Object, k.Threads.Length))
                violations += Violated(k.Threads[reply.Object].ReplyHolder == holder);
        }
        for (int slot = 0; slot < k.Slots.Length; slot++)
        {
            Capability reply = k.Slots[slot].Cap;
            if (reply.Type == CapType.Reply && InRange(reply.Object, k.Threads.Length))
                violations += Violated(k.Threads[reply.Object].ReplySlot == slot);
        }
        return violations;
    }

    static bool Names(Capability cap, int caller) => cap.Type == CapType.Reply && cap.Object == caller;

    // ---- Derivation records ----

    /// <summary>Revoke walks the records: they must be the forest Derivation.cs describes, or it would delete too much or too little.</summary>
    static int CheckDerivations(ref KernelState k)
    {
        int violations = 0;
        int inForest = 0;
        for (int s = 0; s < k.Slots.Length; s++)
        {
            CapSlot slot = k.Slots[s];
            if (!InForest(slot.Cap))
            {
                // Derivations.Remove and CapSlot.Empty leave nothing linked to a slot that holds no derivable capability.
                violations += Violated(slot.Previous == KernelState.NoSlot && slot.Next == KernelState.NoSlot && slot.Depth == 0);
                continue;
            }
            inForest++;
            // A chain starts with a root; each link is matched by one back.
            violations += Violated(slot.Previous == KernelState.NoSlot
                ? slot.Depth == 0
                : slot.Depth >= 0 && InRange(slot.Previous, k.Slots.Length) && k.Slots[slot.Previous].Next == s);
            // Going down the order, a node is at most one level deeper than the one before it.
            if (slot.Next != KernelState.NoSlot)
                violations += Violated(InRange(slot.Next, k.Slots.Length) && k.Slots[slot.Next].Previous == s
                    && k.Slots[slot.Next].Depth <= slot.Depth + 1);
            if (slot.Depth > 0)
                violations += CheckDerivedFromParent(ref k, s);
        }
        // Every node lies on a chain from a root, so no chain is a cycle (each walk at most one step per slot).
        int reached = 0;
        for (int s = 0; s < k.Slots.Length; s++)
        {
            if (!InForest(k.Slots[s].Cap) || k.Slots[s].Previous != KernelState.NoSlot)
                continue;
            for (int n = s, steps = 0; InRange(n, k.Slots.Length) && steps < k.Slots.Length; n = k.Slots[n].Next, steps++)
                reached++;
        }
        return violations + Violated(reached == inForest);
    }

    static bool InForest(Capability cap) => cap.Type != CapType.Null && cap.Type != CapType.Reply;

    /// <summary>
    /// A derived capability's parent - the nearest node before it one level up - exists and is
    /// what it was derived from: rule 9's "rights never grow, badges never change", across CSpaces.
    /// </summary>
    static int CheckDerivedFromParent(ref KernelState k, int s)
    {
        int depth = k.Slots[s].Depth;
        int parent = k.Slots[s].Previous;
        for (int steps = 0; InRange(parent, k.Slots.Length) && k.Slots[parent].Depth >= depth && steps < k.Slots.Length; steps++)
            parent = k.Slots[parent].Previous;
        if (!InRange(parent, k.Slots.Length) || k.Slots[parent].Depth != depth - 1)
            return 1;
        Capability cap = k.Slots[s].Cap, from = k.Slots[parent].Cap;
        return Violated(cap.Type == from.Type && cap.Object == from.Object && (cap.Rights & ~from.Rights) == Rights.None
            && (cap.Badge == from.Badge || from.Badge == 0));
    }

    // ---- Bound notifications ----

    /// <summary>Signals.Raise follows Notification.BoundThread and PendingForBound follows Tcb.BoundNotification: they must agree.</summary>
    static int CheckBindings(ref KernelState k)
    {
        int violations = 0;
        for (int t = 0; t < k.Threads.Length; t++)
        {
            int notification = k.Threads[t].BoundNotification;
            if (notification != KernelState.NoNotification)
                violations += Violated(InRange(notification, k.Notifications.Length) && k.Notifications[notification].BoundThread == t);
        }
        for (int n = 0; n < k.Notifications.Length; n++)
        {
            int thread = k.Notifications[n].BoundThread;
            if (thread != KernelState.NoThread)
                violations += Violated(InRange(thread, k.Threads.Length) && k.Threads[thread].BoundNotification == n);
        }
        return violations;
    }
}
