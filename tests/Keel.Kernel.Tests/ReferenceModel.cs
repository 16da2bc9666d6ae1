// An independent reference model of the rules, for the randomised test.
//
// Written as ordinary host C# - classes, lists, object references - and on
// purpose shares no code with kernel/: reply capabilities are tokens compared
// by reference and searched for, instead of located through the caller's TCB;
// a capability is an object with an identity, which a blocked thread and its
// derived capabilities refer to, instead of a slot in linked records; the
// derivation tree is parent pointers and child lists; queues are List<int>;
// and every rule is restated from docs/ipc.md. Only the kernel's enums are
// used, as names. An empty slot, an empty caller slot and "no IPC in
// progress" are null; a capability a check has just found in its slot is
// taken through Held, which names the slot if the model breaks its own rule.
using System.Collections.Generic;
using System.Linq;

namespace Keel.Kernel.Tests;

public sealed class ReplyToken
{
    public int Caller;
}

public sealed record MCap(CapType Type, int Object, Rights Rights, uint Badge, ReplyToken? Token = null);

public sealed class MThread
{
    public int Priority;
    public ThreadState State = ThreadState.Inactive;
    public uint[] R = new uint[8];                   // r4..r11
    public uint[] Buf = new uint[IpcBuffer.Words];
    public MCap?[] CSpace = new MCap?[Model.Slots];
    public MCap? CallerSlot;
    public uint TimeSlice;
    public int BlockedOn;
    public int Bound = -1;
    // The IPC in progress.
    public uint SendBadge;
    public bool SendCanGrant, SendIsCall, ReceiveCanGrant;
    public ReplyToken? AwaitedReply;
    // The capability (this very object, wherever it moves) a blocked IPC goes through.
    public MCap? BlockedThrough;
    public bool RestartPending;
}

public sealed class Model
{
    public const int Slots = Sim.SlotsPerThread;
    const uint Notified = 1u << 9;

    public readonly MThread[] T;
    public readonly List<int>[] EndpointQueues;
    public readonly uint[] Words;
    public readonly bool[] Signalled;
    public readonly List<int>[] Waiters;
    public readonly List<int>[] Ready;
    public readonly uint TimeSliceTicks;
    public int Current = -1;

    /// <summary>How many blocked IPCs a deletion has ended (the randomised test checks it happens).</summary>
    public int IpcEndedByDeletion;

    /// <summary>How many capabilities Revoke deleted, sends CancelBadgedSends ended, and blocked threads Suspend stopped (likewise).</summary>
    public int Revoked, SendsCancelled, BlockedSuspended;


    // The derivation tree: what each capability was derived from, and its children, newest
    // first. Capabilities are told apart by identity (an equal capability is another one).
    readonly Dictionary<MCap, MCap> parentOf = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<MCap, List<MCap>> childrenOf = new(ReferenceEqualityComparer.Instance);

    public Model(int threads, int endpoints, int notifications, int levels, uint timeSlice)
    {
        T = Enumerable.Range(0, threads).Select(_ => new MThread { TimeSlice = timeSlice }).ToArray();
        EndpointQueues = Enumerable.Range(0, endpoints).Select(_ => new List<int>()).ToArray();
        Words = new uint[notifications];
        Signalled = new bool[notifications];
        Waiters = Enumerable.Range(0, notifications).Select(_ => new List<int>()).ToArray();
        Ready = Enumerable.Range(0, levels).Select(_ => new List<int>()).ToArray();
        TimeSliceTicks = timeSlice;
    }

    // ---- Scheduling ----

    void Runnable(int t) { T[t].State = ThreadState.Runnable; Ready[T[t].Priority].Add(t); }
    void HandOver(int t) { T[t].State = ThreadState.Runnable; Ready[T[t].Priority].Insert(0, t); }

    void ToBack(int t)
    {
        Ready[T[t].Priority].Remove(t);
        T[t].TimeSlice = TimeSliceTicks;
        Ready[T[t].Priority].Add(t);
    }

    public void Start(int t) => Runnable(t);

    public int Schedule()
    {
        if (Current >= 0 && T[Current].State == ThreadState.Runnable && !Ready[T[Current].Priority].Contains(Current))
            Ready[T[Current].Priority].Insert(0, Current);
        Current = -1;
        for (int level = Ready.Length - 1; level >= 0 && Current < 0; level--)
            if (Ready[level].Count > 0)
            {
                Current = Ready[level][0];
                Ready[level].RemoveAt(0);
            }
        return Current;
    }

    public int Tick()
    {
        if (Current >= 0 && T[Current].State == ThreadState.Runnable && --T[Current].TimeSlice == 0)
            ToBack(Current);
        return Schedule();
    }

    public int Interrupt(int notification, uint badge)
    {
        Raise(notification, badge);
        return Schedule();
    }

    // ---- System calls ----

    public int Syscall(int c)
    {
        MThread me = T[c];
        Error status = Dispatch(c, (SyscallNumber)me.R[7], me.R[0], me.R[2]);
        me.R[0] = (uint)status;
        return Schedule();
    }

    Error Dispatch(int c, SyscallNumber n, uint a, uint b)
    {
        MThread me = T[c];
        Error e;
        switch (n)
        {
            case SyscallNumber.Send:
            case SyscallNumber.NBSend:
                if ((e = CheckSend(c, a)) != Error.Ok) return e;
                DoSend(c, a, n == SyscallNumber.Send);
                return Error.Ok;
            case SyscallNumber.Recv:
            case SyscallNumber.NBRecv:
                if ((e = CheckReceive(c, a)) != Error.Ok) return e;
                return Receive(c, Held(me, a), n == SyscallNumber.Recv) ? Error.Ok : Error.WouldBlock;
            case SyscallNumber.Call:
            case SyscallNumber.NBCall:
                if ((e = Need(c, a, CapType.Endpoint, Rights.Write)) != Error.Ok) return e;
                if ((Held(me, a).Rights & (Rights.Grant | Rights.GrantReply)) == 0) return Error.MissingRight;
                if ((e = CheckMessage(c)) != Error.Ok) return e;
                List<int> q = EndpointQueues[Held(me, a).Object];
                bool receiverWaiting = q.Count > 0 && T[q[0]].State == ThreadState.BlockedOnReceive;
                if (n == SyscallNumber.NBCall && !receiverWaiting) return Error.WouldBlock;
                StartSend(c, Held(me, a), call: true, blocking: true);
                return Error.Ok;
            case SyscallNumber.Reply:
                if ((e = CheckMessage(c)) != Error.Ok) return e;
                ReplyFromCallerSlot(c, handOver: false);
                return Error.Ok;
            case SyscallNumber.ReplyRecv:
                if ((e = CheckReceive(c, a)) != Error.Ok || (e = CheckMessage(c)) != Error.Ok) return e;
                // The caller takes over only from a replier whose receive blocks.
                ReplyFromCallerSlot(c, handOver: !Receive(c, Held(me, a), blocking: false, dryRun: true));
                Receive(c, Held(me, a), blocking: true);
                return Error.Ok;
            case SyscallNumber.NBSendRecv:
                if ((e = CheckSend(c, a)) != Error.Ok || (e = CheckReceive(c, b)) != Error.Ok) return e;
                DoSend(c, a, blocking: false);
                Receive(c, Held(me, b), blocking: true);
                return Error.Ok;
            case SyscallNumber.Yield:
                ToBack(c);
                return Error.Ok;
            case SyscallNumber.Signal:
                if ((e = Need(c, a, CapType.Notification, Rights.Write)) != Error.Ok) return e;
                Raise(Held(me, a).Object, Held(me, a).Badge);
                return Error.Ok;
            case SyscallNumber.Wait:
            case SyscallNumber.Poll:
                if ((e = Need(c, a, CapType.Notification, Rights.Read)) != Error.Ok) return e;
                int ntfn = Held(me, a).Object;
                int bound = System.Array.FindIndex(T, t => t.Bound == ntfn);
                if (bound >= 0 && bound != c) return Error.BoundToAnotherThread;
                if (Signalled[ntfn])
                    TakeWord(ntfn, c);
                else if (n == SyscallNumber.Poll)
                {
                    me.R[1] = 0;
                    me.R[2] = 0;
                }
                else
                {
                    me.State = ThreadState.BlockedOnNotification;
                    me.BlockedOn = ntfn;
                    me.BlockedThrough = Held(me, a);
                    Waiters[ntfn].Add(c);
                }
                return Error.Ok;
            case SyscallNumber.Mint:
            case SyscallNumber.Copy:
            {
                if ((e = SourceAndDestination(c, a, b)) != Error.Ok) return e;
                MCap source = Held(me, a);
                uint mask = n == SyscallNumber.Mint ? me.R[3] : 15u;
                uint badge = n == SyscallNumber.Mint ? me.R[4] : 0u;
                if (source.Type == CapType.Reply) return Error.WrongType;
                if (mask > 15) return Error.InvalidArgument;
                bool badgeable = source.Type is CapType.Endpoint or CapType.Notification;
                if (badge != 0 && (!badgeable || source.Badge != 0 || badge > Capability.MaxBadge)) return Error.InvalidArgument;
                me.CSpace[b] = Derive(source, source with { Rights = source.Rights & (Rights)mask, Badge = badge != 0 ? badge : source.Badge });
                return Error.Ok;
            }
            case SyscallNumber.Revoke:
            {
                if (a >= Slots) return Error.InvalidIndex;
                if (me.CSpace[a] is not MCap revoked) return Error.EmptySlot;
                List<MCap> descendants = Descendants(revoked).ToList();
                for (int i = 1; i <= descendants.Count; i++)
                {
                    (MCap?[] cspace, uint slot) = Find(descendants[^i]);
                    Delete(cspace, slot);
                    Revoked++;
                }
                return Error.Ok;
            }
            case SyscallNumber.CancelBadgedSends:
            {
                if ((e = Need(c, a, CapType.Endpoint, Rights.Write)) != Error.Ok) return e;
                uint badge = me.R[3];
                if (Held(me, a).Badge != 0 || badge == 0) return Error.InvalidArgument;
                List<int> queue = EndpointQueues[Held(me, a).Object];
                foreach (int t in queue.Where(t => T[t].State == ThreadState.BlockedOnSend && T[t].SendBadge == badge).ToList())
                {
                    queue.Remove(t);
                    T[t].R[0] = (uint)Error.Cancelled;
                    Runnable(t);
                    SendsCancelled++;
                }
                return Error.Ok;
            }
            case SyscallNumber.Move:
                if ((e = SourceAndDestination(c, a, b)) != Error.Ok) return e;
                me.CSpace[b] = me.CSpace[a];
                me.CSpace[a] = null;
                return Error.Ok;
            case SyscallNumber.Delete:
                if (a >= Slots) return Error.InvalidIndex;
                Delete(me.CSpace, a);
                return Error.Ok;
            case SyscallNumber.SaveCaller:
                if (a >= Slots) return Error.InvalidIndex;
                if (me.CSpace[a] != null) return Error.SlotOccupied;
                me.CSpace[a] = me.CallerSlot;
                me.CallerSlot = null;
                return Error.Ok;
            case SyscallNumber.Identify:
                if (a >= Slots) return Error.InvalidIndex;
                me.R[3] = (uint)(me.CSpace[a]?.Type ?? CapType.Null);
                me.R[4] = (uint)(me.CSpace[a]?.Rights ?? Rights.None);
                return Error.Ok;
            case SyscallNumber.IrqAck:
                return Need(c, a, CapType.IrqHandler, Rights.Write);
            case SyscallNumber.ThreadSuspend:
            case SyscallNumber.ThreadResume:
            case SyscallNumber.ThreadRestart:
                if ((e = Need(c, a, CapType.Thread, Rights.Write)) != Error.Ok) return e;
                int target = Held(me, a).Object;
                if (n == SyscallNumber.ThreadResume)
                {
                    // A thread stopped before its pending restart took effect has no
                    // context to go on from: resuming it restarts it.
                    if (T[target].State == ThreadState.Inactive && !T[target].RestartPending) Runnable(target);
                    else if (T[target].State == ThreadState.Inactive) Restart(target);
                    return Error.Ok;
                }
                bool wasBlocked = T[target].State is ThreadState.BlockedOnSend or ThreadState.BlockedOnReceive
                    or ThreadState.BlockedOnReply or ThreadState.BlockedOnNotification;
                Stop(target);
                if (n == SyscallNumber.ThreadSuspend)
                {
                    if (wasBlocked)
                    {
                        T[target].R[0] = (uint)Error.Cancelled;
                        BlockedSuspended++;
                    }
                    return Error.Ok;
                }
                Restart(target);
                return Error.Ok;
        }
        throw new System.NotSupportedException(n.ToString());
    }

    void Restart(int target)
    {
        T[target].R = new uint[8];
        T[target].CallerSlot = null;
        T[target].RestartPending = true;
        T[target].TimeSlice = TimeSliceTicks;
        Runnable(target);
    }

    /// <summary>The hardware layer rebuilds a restarted thread before running it (Sim.Rebuild).</summary>
    public void Rebuild(int thread)
    {
        if (thread < 0 || !T[thread].RestartPending)
            return;
        T[thread].R = new uint[8];
        T[thread].RestartPending = false;
    }

    /// <summary>
    /// Takes a thread out of whatever queue it is in and makes it inactive. A Call it was
    /// waiting in has ended: its reply capability disappears from wherever it lies.
    /// </summary>
    void Stop(int t)
    {
        foreach (List<int> q in Ready.Concat(EndpointQueues).Concat(Waiters))
            q.Remove(t);
        if (T[t].State == ThreadState.BlockedOnReply)
            RemoveReplyCapability(T[t].AwaitedReply
                ?? throw new System.InvalidOperationException($"thread {t} is blocked on a reply it has no token for"));
        T[t].State = ThreadState.Inactive;
    }

    void RemoveReplyCapability(ReplyToken token)
    {
        foreach (MThread holder in T)
        {
            if (holder.CallerSlot?.Token == token)
                holder.CallerSlot = null;
            for (int slot = 0; slot < Slots; slot++)
                if (holder.CSpace[slot]?.Token == token)
                    holder.CSpace[slot] = null;
        }
    }

    // ---- Deletion ----

    /// <summary>
    /// Empties a slot. A thread blocked through the capability it held (that object, not an
    /// equal one) gives up its IPC with Revoked; a reply capability's Call goes on waiting.
    /// </summary>
    void Delete(MCap?[] cspace, uint slot)
    {
        MCap? cap = cspace[slot];
        cspace[slot] = null;
        if (cap == null || cap.Type == CapType.Reply)
            return;
        LiftChildren(cap);
        if (cap.Type is not (CapType.Endpoint or CapType.Notification))
            return;
        List<int> queue = cap.Type == CapType.Endpoint ? EndpointQueues[cap.Object] : Waiters[cap.Object];
        foreach (int t in queue.Where(t => ReferenceEquals(T[t].BlockedThrough, cap)).ToList())
        {
            queue.Remove(t);
            T[t].R[0] = (uint)Error.Revoked;
            Runnable(t);
            IpcEndedByDeletion++;
        }
    }

    // ---- Derivation ----

    /// <summary>Records <paramref name="child"/>, a new capability, as derived from <paramref name="parent"/>: its newest child.</summary>
    MCap Derive(MCap parent, MCap child)
    {
        parentOf[child] = parent;
        Children(parent).Insert(0, child);
        return child;
    }

    List<MCap> Children(MCap cap)
    {
        if (!childrenOf.TryGetValue(cap, out List<MCap>? children))
            childrenOf[cap] = children = new List<MCap>();
        return children;
    }

    /// <summary>Everything derived from <paramref name="cap"/>, depth first, children newest first.</summary>
    IEnumerable<MCap> Descendants(MCap cap)
    {
        foreach (MCap child in Children(cap).ToList())
        {
            yield return child;
            foreach (MCap descendant in Descendants(child))
                yield return descendant;
        }
    }

    /// <summary>A deleted capability's children become its parent's, in its place (roots, if it had none).</summary>
    void LiftChildren(MCap cap)
    {
        List<MCap> children = Children(cap);
        childrenOf.Remove(cap);
        if (parentOf.Remove(cap, out MCap? parent))
        {
            List<MCap> siblings = Children(parent);
            int place = siblings.FindIndex(sibling => ReferenceEquals(sibling, cap));
            siblings.RemoveAt(place);
            siblings.InsertRange(place, children);
            foreach (MCap child in children)
                parentOf[child] = parent;
        }
        else
            foreach (MCap child in children)
                parentOf.Remove(child);
    }

    /// <summary>The CSpace and slot holding this very capability.</summary>
    (MCap?[] CSpace, uint Slot) Find(MCap cap)
    {
        foreach (MThread thread in T)
            for (uint slot = 0; slot < Slots; slot++)
                if (ReferenceEquals(thread.CSpace[slot], cap))
                    return (thread.CSpace, slot);
        throw new System.InvalidOperationException("a derived capability is in no CSpace");
    }

    // ---- Checks ----

    /// <summary>The capability in a slot the checks before have found occupied.</summary>
    static MCap Held(MThread thread, uint slot) =>
        thread.CSpace[slot] ?? throw new System.InvalidOperationException($"slot {slot} was checked occupied but is empty");

    Error Need(int c, uint index, CapType type, Rights rights)
    {
        if (index >= Slots) return Error.InvalidIndex;
        MCap? cap = T[c].CSpace[index];
        if (cap == null) return Error.EmptySlot;
        if (cap.Type != type) return Error.WrongType;
        return (cap.Rights & rights) == rights ? Error.Ok : Error.MissingRight;
    }

    Error CheckSend(int c, uint index)
    {
        bool isReply = index < Slots && T[c].CSpace[index]?.Type == CapType.Reply;
        Error e = Need(c, index, isReply ? CapType.Reply : CapType.Endpoint, Rights.Write);
        return e != Error.Ok ? e : CheckMessage(c);
    }

    Error CheckReceive(int c, uint index) => Need(c, index, CapType.Endpoint, Rights.Read);

    Error CheckMessage(int c)
    {
        MThread me = T[c];
        if ((me.R[1] & 0x7F) > IpcBuffer.MaxWords) return Error.MessageTooLong;
        int caps = (int)((me.R[1] >> 7) & 3);
        for (int i = 0; i < caps; i++)
        {
            uint index = me.Buf[IpcBuffer.SendCaps + i];
            if (index >= Slots) return Error.InvalidIndex;
            MCap? attached = me.CSpace[index];
            if (attached == null) return Error.EmptySlot;
            if (attached.Type == CapType.Reply) return Error.WrongType;
        }
        return Error.Ok;
    }

    Error SourceAndDestination(int c, uint a, uint b)
    {
        if (a >= Slots) return Error.InvalidIndex;
        if (T[c].CSpace[a] == null) return Error.EmptySlot;
        if (b >= Slots) return Error.InvalidIndex;
        return T[c].CSpace[b] != null ? Error.SlotOccupied : Error.Ok;
    }

    // ---- IPC ----

    void DoSend(int c, uint index, bool blocking)
    {
        MCap cap = Held(T[c], index);
        if (cap.Type == CapType.Reply)
        {
            T[c].CSpace[index] = null;
            DeliverReply(c, cap, handOver: false);
        }
        else
            StartSend(c, cap, call: false, blocking);
    }

    void StartSend(int s, MCap cap, bool call, bool blocking)
    {
        MThread sender = T[s];
        sender.SendBadge = cap.Badge;
        sender.SendCanGrant = (cap.Rights & Rights.Grant) != 0;
        sender.SendIsCall = call;
        List<int> q = EndpointQueues[cap.Object];
        if (q.Count > 0 && T[q[0]].State == ThreadState.BlockedOnReceive)
        {
            int r = q[0];
            q.RemoveAt(0);
            Meet(s, r);
        }
        else if (blocking)
        {
            sender.State = ThreadState.BlockedOnSend;
            sender.BlockedOn = cap.Object;
            sender.BlockedThrough = cap;
            q.Add(s);
        }
    }

    /// <summary>Receives; <paramref name="dryRun"/>: only says whether something is there to receive.</summary>
    bool Receive(int c, MCap cap, bool blocking, bool dryRun = false)
    {
        MThread me = T[c];
        bool signalled = me.Bound >= 0 && Signalled[me.Bound];
        List<int> q = EndpointQueues[cap.Object];
        bool senderWaiting = q.Count > 0 && T[q[0]].State == ThreadState.BlockedOnSend;
        if (dryRun)
            return signalled || senderWaiting;
        if (!signalled && !senderWaiting && !blocking)
            return false;
        me.CallerSlot = null;
        me.ReceiveCanGrant = (cap.Rights & Rights.Grant) != 0;
        if (signalled)
            TakeWord(me.Bound, c);
        else if (senderWaiting)
        {
            int s = q[0];
            q.RemoveAt(0);
            Meet(s, c);
        }
        else
        {
            me.State = ThreadState.BlockedOnReceive;
            me.BlockedOn = cap.Object;
            me.BlockedThrough = cap;
            q.Add(c);
        }
        return true;
    }

    void Meet(int s, int r)
    {
        MThread sender = T[s], receiver = T[r];
        Copy(s, r, sender.SendBadge, sender.SendCanGrant);
        if (sender.SendIsCall)
        {
            var token = new ReplyToken { Caller = s };
            sender.AwaitedReply = token;
            receiver.CallerSlot = new MCap(CapType.Reply, s,
                receiver.ReceiveCanGrant ? Rights.Write | Rights.Grant : Rights.Write, 0, token);
            sender.State = ThreadState.BlockedOnReply;
        }
        else if (sender.State == ThreadState.BlockedOnSend)
            Runnable(s);
        if (receiver.State == ThreadState.BlockedOnReceive)
        {
            if (sender.SendIsCall) HandOver(r);
            else Runnable(r);
        }
    }

    void ReplyFromCallerSlot(int c, bool handOver)
    {
        MCap? cap = T[c].CallerSlot;
        T[c].CallerSlot = null;
        if (cap != null)
            DeliverReply(c, cap, handOver);
    }

    void DeliverReply(int replier, MCap cap, bool handOver)
    {
        ReplyToken token = cap.Token ?? throw new System.InvalidOperationException("a reply capability has no token");
        T[token.Caller].AwaitedReply = null;
        Copy(replier, token.Caller, 0, (cap.Rights & Rights.Grant) != 0);
        if (handOver) HandOver(token.Caller);
        else Runnable(token.Caller);
    }

    uint Word(MThread t, int i) => i < 4 ? t.R[3 + i] : t.Buf[i - 4];

    void SetWord(MThread t, int i, uint v)
    {
        if (i < 4) t.R[3 + i] = v;
        else t.Buf[i - 4] = v;
    }

    void Copy(int s, int r, uint badge, bool canGrant)
    {
        MThread from = T[s], to = T[r];
        uint info = from.R[1];
        int length = (int)(info & 0x7F);
        for (int i = 0; i < length; i++)
            SetWord(to, i, Word(from, i));
        int arrived = 0;
        if (canGrant)
        {
            int count = (int)((info >> 7) & 3);
            while (arrived < count)
            {
                uint source = from.Buf[IpcBuffer.SendCaps + arrived];
                uint destination = to.Buf[IpcBuffer.ReceiveSlots + arrived];
                MCap? granted = source < Slots ? from.CSpace[source] : null;
                if (granted == null || granted.Type == CapType.Reply
                    || destination >= Slots || to.CSpace[destination] != null)
                    break;
                to.CSpace[destination] = Derive(granted, granted with { });
                arrived++;
            }
        }
        to.R[0] = (uint)Error.Ok;
        to.R[1] = ((info >> 12) << 12) | ((uint)arrived << 7) | (uint)length;
        to.R[2] = badge;
    }

    // ---- Notifications ----

    void Raise(int n, uint bits)
    {
        Words[n] |= bits;
        Signalled[n] = true;
        int woken;
        if (Waiters[n].Count > 0)
        {
            woken = Waiters[n][0];
            Waiters[n].RemoveAt(0);
        }
        else
        {
            woken = System.Array.FindIndex(T, t => t.Bound == n);
            if (woken < 0 || T[woken].State != ThreadState.BlockedOnReceive)
                return;
            EndpointQueues[T[woken].BlockedOn].Remove(woken);
        }
        TakeWord(n, woken);
        Runnable(woken);
    }

    void TakeWord(int n, int t)
    {
        T[t].R[0] = (uint)Error.Ok;
        T[t].R[1] = Notified;
        T[t].R[2] = Words[n];
        Words[n] = 0;
        Signalled[n] = false;
    }
}
