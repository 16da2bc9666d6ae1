// Synchronous IPC on endpoints: Send, NBSend, Recv, NBRecv, Call, NBCall,
// ReplyRecv, NBSendRecv (Reply itself is in Reply.cs).
//
// Design: every operation is split into a Check step, which looks at the
// caller's own capability and message and may fail, and a Perform step,
// which cannot fail. A system call runs all of its checks before any of its
// effects, so a combined call (NBSendRecv, ReplyRecv) that fails changes
// nothing (rule 16), and the checks of each half are written once.
//
// The meeting of a sender and a receiver is one function, Rendezvous, used
// whichever of the two arrived first and for faults too. What a sender learns
// never depends on the receiver: Send and NBSend return Ok whether the
// message was taken, queued or dropped (rule 2), and the sender's registers
// are not written. Only Call and NBCall, which need a reply right, may learn
// something from the other side - the reply, or NBCall's WouldBlock (rule 11).
// A Call is checked for Write and a reply right before anything is sent, so a
// caller can never be left waiting for a reply that cannot come (rule 4).

using System.Runtime.CompilerServices;

namespace Keel.Kernel;

internal static class Ipc
{
    /// <summary>Send (r4 = endpoint with Write, or a reply capability): blocks until a receiver takes the message.</summary>
    public static Error Send(ref KernelState k, int caller) => Send(ref k, caller, blocking: true);

    /// <summary>NBSend (r4 as Send): delivers only to a receiver that is already waiting, else drops the message.</summary>
    public static Error NBSend(ref KernelState k, int caller) => Send(ref k, caller, blocking: false);

    static Error Send(ref KernelState k, int caller, bool blocking)
    {
        Error error = CheckSend(ref k, caller, Pool.At(k.Threads, caller).Regs.CapIndex, out int slot);
        if (error == Error.Ok)
            PerformSend(ref k, caller, slot, blocking);
        return error;
    }

    /// <summary>Recv (r4 = endpoint with Read): waits for a message, or for a signal of the bound notification.</summary>
    public static Error Recv(ref KernelState k, int caller)
    {
        Error error = CheckReceive(ref k, caller, Pool.At(k.Threads, caller).Regs.CapIndex, out int slot);
        if (error == Error.Ok)
            PerformReceive(ref k, caller, slot, blocking: true);
        return error;
    }

    /// <summary>NBRecv (r4 = endpoint with Read): takes a queued message or pending signal, else returns WouldBlock.</summary>
    public static Error NBRecv(ref KernelState k, int caller)
    {
        Error error = CheckReceive(ref k, caller, Pool.At(k.Threads, caller).Regs.CapIndex, out int slot);
        if (error != Error.Ok)
            return error;
        return PerformReceive(ref k, caller, slot, blocking: false) ? Error.Ok : Error.WouldBlock;
    }

    /// <summary>Call (r4 = endpoint with Write and Grant or GrantReply): sends, then waits for the reply.</summary>
    public static Error Call(ref KernelState k, int caller)
    {
        Error error = CheckCall(ref k, caller, out int slot);
        if (error == Error.Ok)
            PerformCall(ref k, caller, slot);
        return error;
    }

    /// <summary>NBCall (r4 as Call): like Call if a receiver is waiting, else WouldBlock and nothing is sent.</summary>
    public static Error NBCall(ref KernelState k, int caller)
    {
        Error error = CheckCall(ref k, caller, out int slot);
        if (error != Error.Ok)
            return error;
        if (Pool.At(k.Endpoints, Pool.At(k.Slots, slot).Cap.Object).FirstWaiting(k.Threads, ThreadState.BlockedOnReceive) == KernelState.NoThread)
            return Error.WouldBlock;
        PerformCall(ref k, caller, slot);
        return Error.Ok;
    }

    /// <summary>
    /// ReplyRecv (r4 = endpoint with Read): Reply through the caller slot, then Recv. The
    /// caller takes over from the replier (rule 15) only if the receive then blocks; the reply
    /// cannot change that, as it touches no endpoint queue and no notification.
    /// </summary>
    public static Error ReplyRecv(ref KernelState k, int caller)
    {
        Error error = CheckReceive(ref k, caller, Pool.At(k.Threads, caller).Regs.CapIndex, out int slot);
        if (error == Error.Ok)
            error = Messages.Check(ref k, caller);
        if (error != Error.Ok)
            return error;
        Replies.ReplyThroughCallerSlot(ref k, caller, handOver: !ReceiveFindsSomething(ref k, caller, slot));
        PerformReceive(ref k, caller, slot, blocking: true);
        return Error.Ok;
    }

    /// <summary>NBSendRecv (r4 = as NBSend, r6 = endpoint with Read): NBSend on one capability, then Recv on another.</summary>
    public static Error NBSendRecv(ref KernelState k, int caller)
    {
        ref ThreadRegisters regs = ref Pool.At(k.Threads, caller).Regs;
        Error error = CheckSend(ref k, caller, regs.CapIndex, out int sendSlot);
        int receiveSlot = 0;
        if (error == Error.Ok)
            error = CheckReceive(ref k, caller, regs.SecondCapIndex, out receiveSlot);
        if (error != Error.Ok)
            return error;
        PerformSend(ref k, caller, sendSlot, blocking: false);
        PerformReceive(ref k, caller, receiveSlot, blocking: true);
        return Error.Ok;
    }

    // ---- Checks: depend only on the caller's own CSpace and registers ----

    /// <summary>An endpoint capability with Write, or a reply capability (which always has Write), and a valid message.</summary>
    static Error CheckSend(ref KernelState k, int caller, uint index, out int slot)
    {
        Error error = CSpace.LookupFull(ref k, caller, index, out slot);
        if (error != Error.Ok)
            return error;
        // CSpace.Resolve's order of errors, for either type.
        ref Capability cap = ref Pool.At(k.Slots, slot).Cap;
        if (cap.Type != CapType.Endpoint && cap.Type != CapType.Reply)
            return Error.WrongType;
        if (!cap.Has(Rights.Write))
            return Error.MissingRight;
        return Messages.Check(ref k, caller);
    }

    static Error CheckReceive(ref KernelState k, int caller, uint index, out int slot) =>
        CSpace.Resolve(ref k, caller, index, CapType.Endpoint, Rights.Read, out slot);

    static Error CheckCall(ref KernelState k, int caller, out int slot)
    {
        Error error = CSpace.Resolve(ref k, caller, Pool.At(k.Threads, caller).Regs.CapIndex, CapType.Endpoint, Rights.Write, out slot);
        if (error != Error.Ok)
            return error;
        if (!Pool.At(k.Slots, slot).Cap.HasAny(Rights.Grant | Rights.GrantReply))
            return Error.MissingRight;
        return Messages.Check(ref k, caller);
    }

    // ---- Effects: cannot fail ----

    static void PerformSend(ref KernelState k, int caller, int slot, bool blocking)
    {
        Capability cap = Pool.At(k.Slots, slot).Cap;
        if (cap.Type == CapType.Reply)
        {
            // A reply capability is used up by replying through it (rule 5).
            Pool.At(k.Slots, slot).Cap = default;
            Replies.Deliver(ref k, caller, cap, handOver: false);
            return;
        }
        StartSend(ref k, caller, cap, slot, SendKind.Send, blocking);
    }

    static void PerformCall(ref KernelState k, int caller, int slot) =>
        StartSend(ref k, caller, Pool.At(k.Slots, slot).Cap, slot, SendKind.Call, blocking: true);

    /// <summary>
    /// Sends through an endpoint capability, held in pool slot <paramref name="slot"/>
    /// (NoSlot for a fault's, which the TCB holds): meets the first waiting receiver,
    /// or blocks, or (non-blocking) drops the message. Also used for faults.
    /// </summary>
    public static void StartSend(ref KernelState k, int sender, Capability endpointCap, int slot, SendKind kind, bool blocking)
    {
        RecordSend(ref Pool.At(k.Threads, sender), ref endpointCap, kind);
        int receiver = Pool.At(k.Endpoints, endpointCap.Object).TakeWaiting(k.Threads, ThreadState.BlockedOnReceive);
        if (receiver != KernelState.NoThread)
            Rendezvous(ref k, sender, receiver);
        else if (blocking)
            Endpoint.Block(ref k, sender, endpointCap.Object, slot, ThreadState.BlockedOnSend);
    }

    /// <summary>What a send records in the sender's TCB, for the receiver that completes it (also the fastpath's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RecordSend(ref Tcb sender, ref Capability endpointCap, SendKind kind)
    {
        sender.Ipc.Badge = endpointCap.Badge;
        sender.Ipc.CanGrant = endpointCap.Has(Rights.Grant);
        sender.Ipc.Kind = kind;
    }

    /// <summary>
    /// Receives through an endpoint capability: a pending signal of the bound
    /// notification first, then the first waiting sender; otherwise blocks or
    /// (non-blocking) returns false having changed nothing. Receiving discards
    /// a reply capability left in the caller slot and not saved (rule 7).
    /// </summary>
    static bool PerformReceive(ref KernelState k, int receiver, int slot, bool blocking)
    {
        Capability cap = Pool.At(k.Slots, slot).Cap;
        ref Tcb thread = ref Pool.At(k.Threads, receiver);
        bool signalPending = Signals.PendingForBound(ref k, receiver);
        bool senderWaiting = SenderWaiting(ref k, cap.Object);
        if (!signalPending && !senderWaiting && !blocking)
            return false;

        Replies.Discard(ref k, ref thread.CallerSlot);
        thread.Ipc.CanGrant = cap.Has(Rights.Grant);
        if (signalPending)
            Signals.DeliverToBound(ref k, receiver);
        else if (senderWaiting)
            Rendezvous(ref k, Pool.At(k.Endpoints, cap.Object).Queue.PopFront(k.Threads), receiver);
        else
            Endpoint.Block(ref k, receiver, cap.Object, slot, ThreadState.BlockedOnReceive);
        return true;
    }

    /// <summary>Whether a receive through the endpoint capability in <paramref name="slot"/> would find a signal of the bound notification or a queued sender, and so not block.</summary>
    static bool ReceiveFindsSomething(ref KernelState k, int receiver, int slot) =>
        Signals.PendingForBound(ref k, receiver) || SenderWaiting(ref k, Pool.At(k.Slots, slot).Cap.Object);

    static bool SenderWaiting(ref KernelState k, int endpoint) =>
        Pool.At(k.Endpoints, endpoint).FirstWaiting(k.Threads, ThreadState.BlockedOnSend) != KernelState.NoThread;

    /// <summary>
    /// Completes an IPC between a sender and a receiver, one of which was
    /// blocked on the endpoint and has already been taken off its queue. A Call
    /// or fault leaves a reply capability in the receiver's caller slot and the
    /// sender waiting for it; the receiver then takes over from the sender.
    /// </summary>
    static void Rendezvous(ref KernelState k, int sender, int receiver)
    {
        ref Tcb from = ref Pool.At(k.Threads, sender);
        ref Tcb to = ref Pool.At(k.Threads, receiver);
        if (from.Ipc.Kind == SendKind.Fault)
            Faults.WriteMessage(ref from, ref to);
        else
            Messages.Transfer(ref k, sender, receiver, from.Ipc.Badge, from.Ipc.CanGrant);

        bool awaitsReply = from.Ipc.Kind != SendKind.Send;
        if (awaitsReply)
        {
            Replies.Create(ref to, receiver, ref from, sender, to.Ipc.CanGrant);
            from.State = ThreadState.BlockedOnReply;
        }
        else if (from.State == ThreadState.BlockedOnSend)
            Scheduler.MakeRunnable(ref k, sender);

        if (to.State == ThreadState.BlockedOnReceive)
        {
            if (awaitsReply)
                Scheduler.HandOverTo(ref k, receiver);
            else
                Scheduler.MakeRunnable(ref k, receiver);
        }
    }
}
