// Messages: the message info word, the IPC buffer layout and message transfer.
//
// Design: a message is a label, up to MaxWords message words and up to
// MaxExtraCaps capabilities (rule 1). The first four words travel in r7-r10
// (ThreadRegisters) so that short messages - most of them - never touch
// memory; words 4..15 live in the thread's IPC buffer, a small array in the
// thread's own RAM whose address the boot code stores in Tcb.IpcBuffer. The
// same buffer carries the capability indices a sender attaches and the slots
// where a receiver wants capabilities to land, so a system call still only
// has registers as arguments.
//
// Transfer is done in one place (Messages.Transfer) for Send, Call and Reply
// alike; the only differences - which badge the receiver sees and whether
// capabilities may travel - are parameters. Capabilities travel only when the
// capability the message went through has Grant (rule 10); the receiver's
// message info says how many arrived, and transfer stops at the first one
// that cannot be placed, so the ones that arrived are always the first ones.

using System.Runtime.CompilerServices;

namespace Keel.Kernel;

/// <summary>
/// The message info word (r5): label in bits 12-31, extra-capability count in
/// bits 7-8, length in bits 0-6; bit 9 is set by the kernel on a result that
/// carries a notification word instead of a message, and bit 10 on the fault
/// message it writes for a faulting thread (Faults.cs). A receiver's info word is
/// built afresh from the label, length and capabilities sent (Messages.WriteReceived),
/// so no sender can set either bit: they are the kernel's word alone.
/// </summary>
public readonly struct MessageInfo
{
    public readonly uint Raw;

    const int LengthBits = 7;
    const int ExtraCapsShift = 7;
    const uint ExtraCapsMask = 3;
    const uint NotifiedBit = 1u << 9;
    const uint FaultBit = 1u << 10;
    const int LabelShift = 12;

    public MessageInfo(uint raw) => Raw = raw;

    public uint Label => Raw >> LabelShift;

    public int Length => (int)(Raw & ((1u << LengthBits) - 1));

    public int ExtraCaps => (int)((Raw >> ExtraCapsShift) & ExtraCapsMask);

    /// <summary>At most the message words held in registers (r7-r10), and no capabilities: the fastpath's messages.</summary>
    public bool FitsRegistersWithoutCaps =>
        (Raw & ((ExtraCapsMask << ExtraCapsShift) | ((1u << LengthBits) - 1))) <= ThreadRegisters.MessageRegisters;

    /// <summary>Set on results of Wait and Poll, and on a Recv woken by its bound notification.</summary>
    public bool Notified => (Raw & NotifiedBit) != 0;

    /// <summary>Set only on a fault message, which the kernel alone writes (rule 14): no message a thread sends has it.</summary>
    public bool IsFault => (Raw & FaultBit) != 0;

    /// <summary>Builds a message info word. The label is truncated to its 20 bits.</summary>
    public static MessageInfo Create(uint label, int length, int extraCaps) =>
        new MessageInfo((label << LabelShift) | (((uint)extraCaps & ExtraCapsMask) << ExtraCapsShift) | (uint)length);

    /// <summary>The info word of a notification result (label 0, no words, Notified set).</summary>
    public static MessageInfo Notification => new MessageInfo(NotifiedBit);

    /// <summary>The info word of a fault message: the fault's kind as label, its length, IsFault set.</summary>
    public static MessageInfo Fault(FaultKind kind, int length) => new MessageInfo(Create((uint)kind, length, 0).Raw | FaultBit);
}

/// <summary>Layout of a thread's IPC buffer, in 32-bit words.</summary>
public static class IpcBuffer
{
    /// <summary>Most message words a message can hold (MR0-MR15).</summary>
    public const int MaxWords = 16;

    /// <summary>Most capabilities a message can carry (the width of the info field).</summary>
    public const int MaxExtraCaps = 3;

    /// <summary>Words 0-11 hold MR4-MR15.</summary>
    public const int FirstBufferedWord = 0;

    /// <summary>Words 12-14: indices, in the sender's CSpace, of the capabilities to send.</summary>
    public const int SendCaps = FirstBufferedWord + MaxWords - ThreadRegisters.MessageRegisters;

    /// <summary>Words 15-17: slots, in the receiver's CSpace, where received capabilities go.</summary>
    public const int ReceiveSlots = SendCaps + MaxExtraCaps;

    /// <summary>Size of an IPC buffer.</summary>
    public const int Words = ReceiveSlots + MaxExtraCaps;
}

internal static unsafe class Messages
{
    /// <summary>Reads message word <paramref name="index"/> (0-15) of a thread.</summary>
    public static uint ReadWord(ref Tcb thread, int index) =>
        index < ThreadRegisters.MessageRegisters
            ? thread.Regs.GetMr(index)
            : thread.IpcBuffer[IpcBuffer.FirstBufferedWord + index - ThreadRegisters.MessageRegisters];

    /// <summary>Writes message word <paramref name="index"/> (0-15) of a thread.</summary>
    public static void WriteWord(ref Tcb thread, int index, uint value)
    {
        if (index < ThreadRegisters.MessageRegisters)
            thread.Regs.SetMr(index, value);
        else
            thread.IpcBuffer[IpcBuffer.FirstBufferedWord + index - ThreadRegisters.MessageRegisters] = value;
    }

    /// <summary>
    /// Checks the message a thread is about to send: its length, and that every
    /// capability it attaches names a full slot of its own CSpace holding a
    /// capability that may be copied (not a reply capability). Depends only on
    /// the sender's own state.
    /// </summary>
    public static Error Check(ref KernelState k, int sender)
    {
        ref Tcb thread = ref Pool.At(k.Threads, sender);
        MessageInfo info = thread.Regs.Info;
        if (info.Length > IpcBuffer.MaxWords)
            return Error.MessageTooLong;
        // The info field is two bits wide, so ExtraCaps never exceeds MaxExtraCaps.
        for (int i = 0; i < info.ExtraCaps; i++)
        {
            Error error = LookupAttached(ref k, sender, thread.IpcBuffer[IpcBuffer.SendCaps + i], out _);
            if (error != Error.Ok)
                return error;
        }
        return Error.Ok;
    }

    /// <summary>
    /// Finds a capability a sender attaches: a full slot of its own CSpace
    /// holding a capability that may be copied (reply capabilities are single
    /// and may only be moved within a CSpace).
    /// </summary>
    static Error LookupAttached(ref KernelState k, int sender, uint index, out int slot)
    {
        Error error = CSpace.LookupFull(ref k, sender, index, out slot);
        if (error == Error.Ok && Pool.At(k.Slots, slot).Cap.Type == CapType.Reply)
            return Error.WrongType;
        return error;
    }

    /// <summary>
    /// Copies a checked message from <paramref name="sender"/> to
    /// <paramref name="receiver"/> and writes the receiver's results: status,
    /// info (with the number of capabilities that arrived) and badge.
    /// </summary>
    public static void Transfer(ref KernelState k, int sender, int receiver, uint badge, bool canGrant)
    {
        ref Tcb from = ref Pool.At(k.Threads, sender);
        ref Tcb to = ref Pool.At(k.Threads, receiver);
        MessageInfo info = from.Regs.Info;
        for (int i = 0; i < info.Length; i++)
            WriteWord(ref to, i, ReadWord(ref from, i));
        int capsArrived = canGrant ? TransferCaps(ref k, sender, receiver, info.ExtraCaps) : 0;
        WriteReceived(ref to, info, capsArrived, badge);
    }

    /// <summary>A receiver's results once the message words are in place: status, info rebuilt from the sent one, badge.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteReceived(ref Tcb to, MessageInfo sent, int capsArrived, uint badge)
    {
        to.Regs.Status = Error.Ok;
        to.Regs.Info = MessageInfo.Create(sent.Label, sent.Length, capsArrived);
        to.Regs.Badge = badge;
    }

    /// <summary>
    /// Copies the sender's attached capabilities, in order, into the receiver's
    /// receive slots; stops at the first receive slot that is out of range or
    /// full, or at an attached capability that is no longer there (a blocked
    /// sender's CSpace may be shared with, and changed by, another thread).
    /// Returns how many arrived.
    /// </summary>
    static int TransferCaps(ref KernelState k, int sender, int receiver, int count)
    {
        uint* sendCaps = Pool.At(k.Threads, sender).IpcBuffer + IpcBuffer.SendCaps;
        uint* receiveSlots = Pool.At(k.Threads, receiver).IpcBuffer + IpcBuffer.ReceiveSlots;
        int arrived = 0;
        while (arrived < count)
        {
            if (LookupAttached(ref k, sender, sendCaps[arrived], out int source) != Error.Ok
                || CSpace.Lookup(ref k, receiver, receiveSlots[arrived], out int destination) != Error.Ok
                || !Pool.At(k.Slots, destination).Cap.IsEmpty)
                break;
            Pool.At(k.Slots, destination).Cap = Pool.At(k.Slots, source).Cap;
            Derivations.AddChild(ref k, source, destination);
            arrived++;
        }
        return arrived;
    }
}
