// CNodes and CSpace operations: Mint, Copy, Move, Delete, SaveCaller, Identify.
//
// Design: a CNode is a contiguous range of the kernel's slot pool, and a
// thread's CSpace is one CNode (Tcb.CSpace); threads of one task may share
// it. A capability index is a slot number in the caller's own CSpace, so
// lookup is a bounds check and an addition, and there is no way to name a
// slot of another CSpace - capabilities reach another CSpace only by IPC with
// Grant. The CSpace operations act on the caller's own CSpace, which is all a
// task needs to manage what it holds; populating other CSpaces is the boot
// code's job.
//
// Every lookup goes through Lookup/LookupFull/Resolve, which report the
// errors of rule 16 in a fixed order: index out of range, empty slot, wrong
// type, missing right. Derive is the one place a capability is built from
// another, and it can only remove rights and add a badge to an unbadged
// endpoint or notification capability (rule 9). Reply capabilities cannot be
// derived (copied or minted), only moved, so each exists in one place. What
// refers to a capability's slot from outside the CSpaces (a reply capability's
// caller, threads blocked through it) follows it when it moves and lets go of
// it when it is deleted (Lifecycle.cs).

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.Kernel;

[StructLayout(LayoutKind.Sequential)]
public struct CNode
{
    public int FirstSlot;
    public int SlotCount;
}

internal static class CSpace
{
    /// <summary>Finds the pool slot for capability index <paramref name="index"/> of a thread's CSpace.</summary>
    /// <remarks>
    /// The thread and its CNode are the kernel's own indices, and the slot is used only
    /// once the index is in range: Pool.At, no bounds checks. Inlined into LookupFull
    /// and Resolve, so that a system call's lookup is one flat function.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Error Lookup(ref KernelState k, int thread, uint index, out int slot)
    {
        ref CNode cnode = ref Pool.At(k.CNodes, Pool.At(k.Threads, thread).CSpace);
        slot = cnode.FirstSlot + (int)index;
        return index < (uint)cnode.SlotCount ? Error.Ok : Error.InvalidIndex;
    }

    /// <summary>Like Lookup, and the slot must hold a capability.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Error LookupFull(ref KernelState k, int thread, uint index, out int slot)
    {
        // Locals, not the out parameters, carry the slot: once inlined, an out
        // parameter is a store through the caller's reference and a load back.
        Error error = Lookup(ref k, thread, index, out int found);
        slot = found;
        if (error == Error.Ok && Pool.At(k.Slots, found).Cap.IsEmpty)
            return Error.EmptySlot;
        return error;
    }

    /// <summary>Like LookupFull, and the capability must have the given type and all the given rights.</summary>
    public static Error Resolve(ref KernelState k, int thread, uint index, CapType type, Rights rights, out int slot)
    {
        Error error = LookupFull(ref k, thread, index, out int found);
        slot = found;
        if (error != Error.Ok)
            return error;
        ref Capability cap = ref Pool.At(k.Slots, found).Cap;
        if (cap.Type != type)
            return Error.WrongType;
        return cap.Has(rights) ? Error.Ok : Error.MissingRight;
    }

    /// <summary>
    /// Mint (r4 = source, r6 = empty destination, MR0 = rights to keep, MR1 =
    /// badge or 0): copies a capability with fewer rights and, for an unbadged
    /// endpoint or notification capability, a badge.
    /// </summary>
    public static Error Mint(ref KernelState k, int caller)
    {
        ref ThreadRegisters regs = ref k.Threads[caller].Regs;
        return Duplicate(ref k, caller, regs.GetMr(0), regs.GetMr(1));
    }

    /// <summary>Copy (r4 = source, r6 = empty destination): the same capability in another slot, derived from it.</summary>
    public static Error Copy(ref KernelState k, int caller) =>
        Duplicate(ref k, caller, (uint)Rights.All, 0);

    static Error Duplicate(ref KernelState k, int caller, uint rightsMask, uint badge)
    {
        Error error = LookupSourceAndDestination(ref k, caller, out int source, out int destination);
        if (error != Error.Ok)
            return error;
        error = Derive(k.Slots[source].Cap, rightsMask, badge, out Capability derived);
        if (error != Error.Ok)
            return error;
        k.Slots[destination].Cap = derived;
        Derivations.AddChild(ref k, source, destination);
        return Error.Ok;
    }

    /// <summary>
    /// Builds a capability from another: same object and type, rights ANDed with
    /// the mask, and the badge kept or - only if there was none - set (to at most
    /// Capability.MaxBadge).
    /// </summary>
    static Error Derive(Capability source, uint rightsMask, uint badge, out Capability derived)
    {
        derived = source;
        if (source.Type == CapType.Reply)
            return Error.WrongType;
        if ((rightsMask & ~(uint)Rights.All) != 0)
            return Error.InvalidArgument;
        if (badge != 0)
        {
            bool badgeable = source.Type == CapType.Endpoint || source.Type == CapType.Notification;
            if (!badgeable || source.Badge != 0 || badge > Capability.MaxBadge)
                return Error.InvalidArgument;
            derived.Badge = badge;
        }
        derived.Rights = source.Rights & (Rights)rightsMask;
        return Error.Ok;
    }

    /// <summary>Move (r4 = source, r6 = empty destination): the capability changes slot, keeping its place among derivations; any type, including Reply.</summary>
    public static Error Move(ref KernelState k, int caller)
    {
        Error error = LookupSourceAndDestination(ref k, caller, out int source, out int destination);
        if (error != Error.Ok)
            return error;
        k.Slots[destination] = k.Slots[source];
        k.Slots[source] = CapSlot.Empty;
        Lifecycle.Moved(ref k, source, destination);
        return Error.Ok;
    }

    /// <summary>
    /// Delete (r4 = slot): empties the slot, ending any IPC blocked through the capability
    /// (Lifecycle.cs). Deleting an empty slot does nothing.
    /// </summary>
    public static Error Delete(ref KernelState k, int caller)
    {
        Error error = Lookup(ref k, caller, k.Threads[caller].Regs.CapIndex, out int slot);
        if (error == Error.Ok)
            Lifecycle.Delete(ref k, slot);
        return error;
    }

    /// <summary>
    /// SaveCaller (r4 = empty destination): moves the reply capability from the
    /// caller slot into the CSpace. If the last message did not come from a
    /// Call there is none, and the destination stays empty (see Identify).
    /// </summary>
    public static Error SaveCaller(ref KernelState k, int caller)
    {
        ref Tcb thread = ref k.Threads[caller];
        Error error = Lookup(ref k, caller, thread.Regs.CapIndex, out int destination);
        if (error != Error.Ok)
            return error;
        if (!k.Slots[destination].Cap.IsEmpty)
            return Error.SlotOccupied;
        Capability reply = thread.CallerSlot;
        if (reply.Type != CapType.Reply)
            return Error.Ok;
        k.Slots[destination].Cap = reply;
        thread.CallerSlot = default;
        Replies.MovedTo(ref k, reply.Object, destination);
        return Error.Ok;
    }

    /// <summary>
    /// Identify (r4 = slot): MR0 = type, MR1 = rights of a capability in the
    /// caller's own CSpace (Null and 0 for an empty slot). Never the badge or
    /// the object: a task learns nothing it could not already name.
    /// </summary>
    public static Error Identify(ref KernelState k, int caller)
    {
        ref Tcb thread = ref k.Threads[caller];
        Error error = Lookup(ref k, caller, thread.Regs.CapIndex, out int slot);
        if (error != Error.Ok)
            return error;
        thread.Regs.SetMr(0, (uint)k.Slots[slot].Cap.Type);
        thread.Regs.SetMr(1, (uint)k.Slots[slot].Cap.Rights);
        return Error.Ok;
    }

    /// <summary>The (r4) source must be full and the (r6) destination empty.</summary>
    static Error LookupSourceAndDestination(ref KernelState k, int caller, out int source, out int destination)
    {
        ref ThreadRegisters regs = ref k.Threads[caller].Regs;
        destination = 0;
        Error error = LookupFull(ref k, caller, regs.CapIndex, out source);
        if (error == Error.Ok)
            error = Lookup(ref k, caller, regs.SecondCapIndex, out destination);
        if (error == Error.Ok && !k.Slots[destination].Cap.IsEmpty)
            error = Error.SlotOccupied;
        return error;
    }
}
