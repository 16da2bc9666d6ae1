// The thread's saved r4-r11 and what they mean in the system-call ABI.
//
// Design: on exception entry the hardware layer saves r4-r11 into the first
// 32 bytes of the thread's TCB (Tcb.Regs, at offset 0) and restores them on
// the way out. Passing system-call arguments and results in exactly these
// registers (as Hubris does) means the kernel never touches the exception
// stack frame: it reads arguments from and writes results to this struct,
// and a blocked thread's message simply stays here until it is delivered.
//
// The raw fields are the hardware layer's view; the named properties are the
// kernel's view, so no kernel code juggles register numbers:
//
//   reg  in                         out
//   r4   capability index           status (Error)
//   r5   message info               message info
//   r6   second capability index /  badge / notification word
//        destination slot
//   r7   MR0                        MR0
//   r8   MR1                        MR1
//   r9   MR2                        MR2
//   r10  MR3                        MR3
//   r11  system-call number         (unchanged)

using System.Runtime.InteropServices;

namespace Keel.Kernel;

[StructLayout(LayoutKind.Sequential)]
public struct ThreadRegisters
{
    public uint R4;
    public uint R5;
    public uint R6;
    public uint R7;
    public uint R8;
    public uint R9;
    public uint R10;
    public uint R11;

    /// <summary>Number of message registers that travel in r7-r10.</summary>
    public const int MessageRegisters = 4;

    /// <summary>In: the capability the call is about (r4).</summary>
    public readonly uint CapIndex => R4;

    /// <summary>Out: the call's status (r4).</summary>
    public Error Status
    {
        readonly get => (Error)R4;
        set => R4 = (uint)value;
    }

    /// <summary>In and out: label, length and extra-capability count (r5).</summary>
    public MessageInfo Info
    {
        readonly get => new MessageInfo(R5);
        set => R5 = value.Raw;
    }

    /// <summary>In: the receive capability of NBSendRecv, or the destination slot of a CSpace operation (r6).</summary>
    public readonly uint SecondCapIndex => R6;

    /// <summary>Out: the sender's badge, or a notification word (r6).</summary>
    public uint Badge
    {
        readonly get => R6;
        set => R6 = value;
    }

    /// <summary>In: which system call (r11).</summary>
    public readonly SyscallNumber Number => (SyscallNumber)R11;

    /// <summary>Message register <paramref name="index"/> (0-3), held in r7-r10.</summary>
    public readonly uint GetMr(int index)
    {
        switch (index)
        {
            case 0: return R7;
            case 1: return R8;
            case 2: return R9;
            default: return R10;
        }
    }

    /// <summary>Sets message register <paramref name="index"/> (0-3), held in r7-r10.</summary>
    public void SetMr(int index, uint value)
    {
        switch (index)
        {
            case 0: R7 = value; break;
            case 1: R8 = value; break;
            case 2: R9 = value; break;
            default: R10 = value; break;
        }
    }
}
