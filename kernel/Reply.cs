// Reply capabilities: the transient channel back to a caller.
//
// Design (non-MCS seL4 style, rules 4-7): when a Call (or a fault) is
// delivered, the receiver gets a reply capability in its TCB's caller slot.
// It can answer with Reply / ReplyRecv, or move it into its CSpace with
// SaveCaller (and then Move it like any capability) and answer later with
// Send / NBSend on that slot. Receiving again without saving it discards
// it. Reply capabilities cannot be copied or minted, so there is only ever
// one of them per Call.
//
// Single use by construction: the caller's TCB records where its reply
// capability lies - the caller slot of the thread that received the Call
// (ReplyHolder) or a slot of the pool (ReplySlot) - and every operation that
// moves or removes the capability keeps that record right. A reply capability
// therefore exists exactly while its Call is waiting for it: replying uses it
// up, and when the Call ends any other way (the caller is suspended or
// restarted, Detach in Thread.cs) Withdraw empties the place it lies in, in
// constant time. No capability is ever left dead in a slot: Identify says Null
// there and the slot is free, and there is no counter that could wrap round
// and bring an old capability back to life. A reply with no capability at all
// is dropped silently: the replier learns nothing and a client that used Send
// can never make a server block or fail (rule 6). If the capability is
// discarded (deleted, or lost by receiving again) the caller waits until it is
// suspended or restarted, as in seL4.
//
// The reply capability has Grant only if the capability the receiver
// received through had Grant, so a receiver without Grant cannot send
// capabilities back (rule 10).

using System.Runtime.CompilerServices;

namespace Keel.Kernel;

internal static class Replies
{
    /// <summary>Reply (message in r5, r7-r10, IPC buffer): answers the Call in the caller slot, if any.</summary>
    public static Error Reply(ref KernelState k, int caller)
    {
        Error error = Messages.Check(ref k, caller);
        if (error == Error.Ok)
            ReplyThroughCallerSlot(ref k, caller, handOver: false);
        return error;
    }

    /// <summary>Uses up the reply capability in the caller slot (if any) to reply with the replier's checked message.</summary>
    public static void ReplyThroughCallerSlot(ref KernelState k, int replier, bool handOver)
    {
        ref Capability callerSlot = ref Pool.At(k.Threads, replier).CallerSlot;
        Capability reply = callerSlot;
        if (reply.Type != CapType.Reply)
            return;
        callerSlot = default;
        Deliver(ref k, replier, reply, handOver);
    }

    /// <summary>
    /// Puts a reply capability for the Call <paramref name="caller"/> is making into the
    /// caller slot of <paramref name="receiver"/>, which received it, and records where it is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Create(ref Tcb receiver, int receiverIndex, ref Tcb caller, int callerIndex, bool canGrant)
    {
        receiver.CallerSlot = Capability.Create(CapType.Reply, callerIndex, canGrant ? Rights.Write | Rights.Grant : Rights.Write, badge: 0);
        caller.ReplyHolder = receiverIndex;
        caller.ReplySlot = KernelState.NoSlot;
    }

    /// <summary>The caller's reply capability has left the place recorded for it without a new one: it no longer exists.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forget(ref Tcb caller)
    {
        caller.ReplyHolder = KernelState.NoThread;
        caller.ReplySlot = KernelState.NoSlot;
    }

    /// <summary>The reply capability answering <paramref name="caller"/> now lies in pool slot <paramref name="slot"/> (SaveCaller, Move).</summary>
    public static void MovedTo(ref KernelState k, int caller, int slot)
    {
        ref Tcb thread = ref Pool.At(k.Threads, caller);
        thread.ReplyHolder = KernelState.NoThread;
        thread.ReplySlot = slot;
    }

    /// <summary>Empties a caller slot; a reply capability in it is lost (rule 7) and its caller keeps waiting.</summary>
    public static void Discard(ref KernelState k, ref Capability callerSlot)
    {
        if (callerSlot.Type == CapType.Reply)
            Forget(ref Pool.At(k.Threads, callerSlot.Object));
        callerSlot = default;
    }

    /// <summary>
    /// The Call <paramref name="caller"/> was waiting in has ended without a reply
    /// (Detach): its reply capability, wherever it lies, is removed.
    /// </summary>
    public static void Withdraw(ref KernelState k, int caller)
    {
        ref Tcb thread = ref Pool.At(k.Threads, caller);
        if (thread.ReplyHolder != KernelState.NoThread)
            Pool.At(k.Threads, thread.ReplyHolder).CallerSlot = default;
        else if (thread.ReplySlot != KernelState.NoSlot)
            Pool.At(k.Slots, thread.ReplySlot).Cap = default;
        Forget(ref thread);
    }

    /// <summary>
    /// Delivers the replier's checked message to the caller named by a reply
    /// capability the replier has just taken out of its place. The reply to a
    /// fault resumes, restarts or stops the thread (Faults.Resolve).
    /// <paramref name="handOver"/>: the replier is about to block (rule 15).
    /// </summary>
    public static void Deliver(ref KernelState k, int replier, Capability reply, bool handOver)
    {
        int caller = reply.Object;
        ref Tcb thread = ref Pool.At(k.Threads, caller);
        Forget(ref thread);
        if (thread.Ipc.Kind == SendKind.Fault)
        {
            Faults.Resolve(ref k, caller, Pool.At(k.Threads, replier).Regs.Info.Label);
            return;
        }
        Messages.Transfer(ref k, replier, caller, badge: 0, canGrant: reply.Has(Rights.Grant));
        if (handOver)
            Scheduler.HandOverTo(ref k, caller);
        else
            Scheduler.MakeRunnable(ref k, caller);
    }
}
