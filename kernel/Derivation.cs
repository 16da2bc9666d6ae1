// Derivation records: which capability was made from which, kept in the slots
// themselves, so that Revoke can find everything derived from a capability.
//
// Design (seL4's mapping database, cut down to what Keel needs): every pool slot
// that holds a capability other than a reply capability is a node of a
// derivation forest. A capability made from another - by Mint, Copy, or
// transfer with a message - is that capability's child; the capabilities boot
// lays down are roots. The forest is kept in depth-first order as doubly linked
// chains through the slots (CapSlot.Previous and Next, pool slot numbers), with
// each node's depth, so that:
//   * a new child goes right after its parent, one level deeper, in O(1), and
//     so comes first among its parent's children (newest first);
//   * the descendants of a capability are exactly the run of nodes after it
//     that are deeper than it: Revoke walks it without recursion or a stack,
//     and deletes from its end, where every node is a leaf;
//   * Move takes the node's place in the order with it, in O(1);
//   * deleting a node lifts its descendants one level, so its children become
//     its parent's (roots, if it was one), in its place: a copy outlives the
//     capability it was copied from, as in seL4, and is still revoked with that
//     capability's ancestors. This is the one step that is not O(1): O(n) for n
//     descendants.
// Nothing is allocated: the record is three words of each slot. A slot that
// holds nothing, or a reply capability (which is never derived from), is
// unlinked: NoSlot on both sides, depth 0. Reply capabilities stay out of the
// forest because each is single and moves alone (Reply.cs).

using System.Runtime.InteropServices;

namespace Keel.Kernel;

/// <summary>A slot of the pool: a capability and its derivation record.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct CapSlot
{
    public Capability Cap;

    /// <summary>The slot before this one in derivation order, or NoSlot (the first of its chain, or unlinked).</summary>
    public int Previous;

    /// <summary>The slot after this one in derivation order, or NoSlot.</summary>
    public int Next;

    /// <summary>0 for a root, one more than its parent's for a derived capability.</summary>
    public int Depth;

    /// <summary>An empty slot: no capability, unlinked.</summary>
    public static CapSlot Empty => Holding(default);

    /// <summary>A slot holding <paramref name="cap"/> as a root that nothing derives from yet (boot's capabilities).</summary>
    public static CapSlot Holding(Capability cap)
    {
        CapSlot slot;
        slot.Cap = cap;
        slot.Previous = KernelState.NoSlot;
        slot.Next = KernelState.NoSlot;
        slot.Depth = 0;
        return slot;
    }
}

internal static class Derivations
{
    /// <summary>Records the capability just put into <paramref name="child"/> (an unlinked slot) as derived from the one in <paramref name="parent"/>.</summary>
    public static void AddChild(ref KernelState k, int parent, int child)
    {
        ref CapSlot p = ref k.Slots[parent];
        ref CapSlot c = ref k.Slots[child];
        c.Depth = p.Depth + 1;
        c.Previous = parent;
        c.Next = p.Next;
        if (p.Next != KernelState.NoSlot)
            k.Slots[p.Next].Previous = child;
        p.Next = child;
    }

    /// <summary>Takes <paramref name="slot"/> out of the order and unlinks it; its descendants move up one level.</summary>
    public static void Remove(ref KernelState k, int slot)
    {
        ref CapSlot node = ref k.Slots[slot];
        for (int d = node.Next; d != KernelState.NoSlot && k.Slots[d].Depth > node.Depth; d = k.Slots[d].Next)
            k.Slots[d].Depth--;
        if (node.Previous != KernelState.NoSlot)
            k.Slots[node.Previous].Next = node.Next;
        if (node.Next != KernelState.NoSlot)
            k.Slots[node.Next].Previous = node.Previous;
        node.Previous = KernelState.NoSlot;
        node.Next = KernelState.NoSlot;
        node.Depth = 0;
    }

    /// <summary>A record has just been copied into <paramref name="to"/> from the slot it leaves (Move): its neighbours now point at <paramref name="to"/>.</summary>
    public static void Relocate(ref KernelState k, int to)
    {
        ref CapSlot node = ref k.Slots[to];
        if (node.Previous != KernelState.NoSlot)
            k.Slots[node.Previous].Next = to;
        if (node.Next != KernelState.NoSlot)
            k.Slots[node.Next].Previous = to;
    }

    /// <summary>The last of the descendants of <paramref name="slot"/> in derivation order (a leaf), or <paramref name="slot"/> itself if it has none.</summary>
    public static int LastDescendant(ref KernelState k, int slot)
    {
        int depth = k.Slots[slot].Depth;
        int last = slot;
        for (int d = k.Slots[slot].Next; d != KernelState.NoSlot && k.Slots[d].Depth > depth; d = k.Slots[d].Next)
            last = d;
        return last;
    }
}
