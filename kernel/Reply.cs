// Reply capabilities: the transient channel back to a caller.
//
// Design (non-MCS seL4 style, rules 4-7): when a Call (or a fault) is
// delivered, the receiver gets a reply capability in its TCB's caller slot.
// It can answer with Reply / ReplyRecv, or move it into its CSpace with
// SaveCaller (and then Move it like any capability) and answer later with
// Send / NBSend on that slot. Receiving again without saving it overwrites
// it. Reply capabilities cannot be copied or minted, so there is only ever
// one of them per Call.
//
// Liveness is a generation check instead of back-pointers: the caller's
// ReplyGeneration advances with every Call it makes and the reply capability
// records the value. A reply capability is live only while its caller is
// still BlockedOnReply in that same generation, so it goes dead when the
// caller is replied to (single use), restarted or suspended - even if the
// caller has since made a new Call to someone else - without the kernel
// having to find and clear the capability. A reply through a dead
// capability, or with no capability at all, is dropped silently: the replier
// learns nothing and a client that used Send can never make a server block
// or fail (rule 6).
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

    /// <summary>Uses up the reply capability in the caller slot (if any) to reply with the caller's checked message.</summary>
    public static void ReplyThroughCallerSlot(ref KernelState k, int replier, bool handOver)
    {
        Capability reply = k.Threads[replier].CallerSlot;
        k.Threads[replier].CallerSlot = default;
        Deliver(ref k, replier, reply, handOver);
    }

    /// <summary>Puts a new reply capability for the current Call of <paramref name="callerIndex"/> into <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Create(ref Capability slot, ref Tcb caller, int callerIndex, bool canGrant)
    {
        caller.ReplyGeneration++;
        slot = Capability.Create(CapType.Reply, callerIndex, canGrant ? Rights.Write | Rights.Grant : Rights.Write, badge: 0);
        slot.Generation = caller.ReplyGeneration;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLive(ref KernelState k, in Capability reply) =>
        reply.Type == CapType.Reply && Answers(in reply, ref k.Threads[reply.Object]);

    /// <summary>Whether a reply capability (already known to be one) answers the Call its caller is waiting in now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Answers(in Capability reply, ref Tcb caller) =>
        caller.State == ThreadState.BlockedOnReply && caller.ReplyGeneration == reply.Generation;

    /// <summary>
    /// Delivers the replier's checked message to the caller named by a reply
    /// capability the replier has already given up, or drops it if the
    /// capability is dead. The reply to a fault resumes or restarts the thread.
    /// <paramref name="handOver"/>: the replier is about to block (ReplyRecv).
    /// </summary>
    public static void Deliver(ref KernelState k, int replier, Capability reply, bool handOver)
    {
        if (!IsLive(ref k, reply))
            return;
        int caller = reply.Object;
        if (k.Threads[caller].Ipc.Kind == SendKind.Fault)
        {
            Faults.Resolve(ref k, caller, k.Threads[replier].Regs.Info.Label);
            return;
        }
        Messages.Transfer(ref k, replier, caller, badge: 0, canGrant: reply.Has(Rights.Grant));
        if (handOver)
            Scheduler.HandOverTo(ref k, caller);
        else
            Scheduler.MakeRunnable(ref k, caller);
    }
}
