// Faults: a faulting thread's Call to its fault handler.
//
// Design (rule 14): the hardware layer reports a fault of a thread (memory
// access, undefined instruction, ...) and the kernel reports an unknown
// system-call number the same way. The kernel makes the faulting thread Call
// the endpoint capability stored in its TCB (FaultHandler), exactly as if the
// thread had called it - same queueing, same reply capability - except that
// the message is built by the kernel from the fault and the thread's own
// registers are neither read nor written, so it can be resumed where it was.
//
// Only the kernel can send a fault. The fault-handler capability is the TCB's,
// as in seL4's MCS kernel, set at boot from the system description: it lies in
// no CSpace, so no thread can invoke, copy or revoke it. And the fault message's
// info word has IsFault set (MessageInfo), which no message a thread sends can
// have, so a handler tells a fault from a Call made to look like one - through
// another capability to the same endpoint, even with the same badge - without
// trusting badges at all. (seL4 marks a fault by its label alone, which any
// sender can choose; there only the badge tells them apart.) The reply capability
// a fault leaves names the faulting thread, so the reply acts on exactly it; the
// reply to a forged fault is an ordinary reply to its sender.
//
//   fault message: label = FaultKind, length 4, IsFault set,
//                  MR0 = PC, MR1 = faulting address, MR2 = status (e.g. CFSR,
//                  or the system-call number for BadSyscall), MR3 = a return
//                  address: the caller of the faulting code (FaultRecord);
//                  badge = the fault-handler capability's badge, which the
//                  build makes unique to the thread on its endpoint.
//   reply:         label FaultReply.Resume (0) resumes the thread where it
//                  faulted, FaultReply.Restart (1) restarts it from its entry
//                  point, and any other label (FaultReply.Stop, 2) leaves it
//                  stopped - Inactive, as if suspended - until a Resume (which
//                  resumes it where it faulted) or a Restart. As in seL4 (label
//                  0 resumes, any other leaves it stopped) a handler that does
//                  not mean to resume a thread cannot do so by accident.
//
// A thread whose context the hardware could not save or restore (its stack
// pointer had left its memory when the exception was taken or returned from)
// has nothing to resume: the hardware layer says so (Kernel.Fault's
// contextLost), the kernel marks it RestartPending at once, and whatever
// makes it run again - a reply that resumes or restarts it, or a Resume
// after it was stopped - restarts it from its entry point (ThreadControl.Revive). Its saved stack
// pointer is never used again, so no frame is ever read from, or resumed at,
// an address the thread chose.
//
// A thread with no usable fault handler (not an endpoint capability with
// Write and a reply right) is suspended and the fault is logged through the
// platform hook. Either way only the faulting thread stops: the fault path
// blocks nobody else and touches no other thread's state.

using System.Runtime.InteropServices;

namespace Keel.Kernel;

public enum FaultKind : uint
{
    None = 0,
    /// <summary>A load, store or instruction fetch the MPU or the bus refused; MR1 is the address (the pc for a fetch).</summary>
    MemoryAccess = 1,
    BadSyscall = 2,
    UndefinedInstruction = 3,
    /// <summary>Any other usage or bus fault the hardware layer reports (invalid state, no coprocessor, ...).</summary>
    Other = 4,
    /// <summary>An unaligned access the core traps (LDM, STM, LDRD, STRD always); the address is not known (0).</summary>
    UnalignedAccess = 5,
    /// <summary>An integer division by zero (the port sets the divide-by-zero trap).</summary>
    DivideByZero = 6,
    /// <summary>The exception frame could not be stacked (or unstacked): the stack pointer had left the thread's RAM. PC 0, MR1 = the stack pointer, MR3 = the innermost return address found on the thread's stack. The thread can only be restarted.</summary>
    StackOverflow = 7,

    /// <summary>The last kind (for range checks).</summary>
    Last = StackOverflow,
}

/// <summary>How fault kinds read in logs: the kernel's own report and fault handlers' alike.</summary>
public static class FaultKinds
{
    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.MemoryAccess => "memory access",
        FaultKind.BadSyscall => "bad system call",
        FaultKind.UndefinedInstruction => "undefined instruction",
        FaultKind.UnalignedAccess => "unaligned access",
        FaultKind.DivideByZero => "divide by zero",
        FaultKind.StackOverflow => "stack overflow",
        _ => "other",
    };
}

/// <summary>The labels a fault handler replies with (part of the ABI).</summary>
public static class FaultReply
{
    /// <summary>Restart the faulting thread from its entry point.</summary>
    public const uint Restart = 1;

    /// <summary>Resume it where it faulted.</summary>
    public const uint Resume = 0;

    /// <summary>Leave it stopped (so does any label but Resume and Restart).</summary>
    public const uint Stop = 2;
}

/// <summary>A fault as the hardware layer decoded it, and as the fault message carries it.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FaultRecord
{
    public FaultKind Kind;
    public uint Pc;
    public uint Address;
    public uint Status;
    /// <summary>
    /// Where the faulting code was called from: the stacked LR when the hardware stacked a
    /// frame; for a stack overflow, whose frame is lost, the innermost return address the
    /// hardware layer found on the thread's own stack (the method that overflowed, or one
    /// that called it); 0 when neither is known. The kernel passes it on untouched.
    /// </summary>
    public uint ReturnAddress;
}

internal static unsafe class Faults
{
    public const int MessageLength = 4;

    /// <summary>
    /// The fault-handler capability the kernel holds for a thread: an endpoint, with
    /// Write and GrantReply (a fault is a Call, and its handler may not grant the faulter
    /// capabilities), and the thread's fault badge.
    /// </summary>
    public static Capability Handler(int endpoint, uint badge) =>
        Capability.Create(CapType.Endpoint, endpoint, Rights.Write | Rights.GrantReply, badge);

    /// <summary>Turns a fault of <paramref name="thread"/> into a Call on its fault handler, or suspends it.</summary>
    public static void Raise(ref KernelState k, int thread, FaultRecord fault)
    {
        ref Tcb tcb = ref k.Threads[thread];
        Capability handler = tcb.FaultHandler;
        bool usable = handler.Type == CapType.Endpoint && handler.Has(Rights.Write)
            && handler.HasAny(Rights.Grant | Rights.GrantReply);
        if (!usable)
        {
            ThreadControl.Detach(ref k, thread);
            if (k.Hooks.ReportUnhandledFault != null)
                k.Hooks.ReportUnhandledFault(thread, fault);
            return;
        }
        tcb.Fault = fault;
        Ipc.StartSend(ref k, thread, handler, KernelState.NoSlot, SendKind.Fault, blocking: true);
    }

    /// <summary>Writes the fault message of <paramref name="faulter"/> into the handler's registers.</summary>
    public static void WriteMessage(ref Tcb faulter, ref Tcb handler)
    {
        handler.Regs.Status = Error.Ok;
        handler.Regs.Info = MessageInfo.Fault(faulter.Fault.Kind, MessageLength);
        handler.Regs.Badge = faulter.Ipc.Badge;
        handler.Regs.SetMr(0, faulter.Fault.Pc);
        handler.Regs.SetMr(1, faulter.Fault.Address);
        handler.Regs.SetMr(2, faulter.Fault.Status);
        handler.Regs.SetMr(3, faulter.Fault.ReturnAddress);
    }

    /// <summary>
    /// Acts on the handler's reply: resume the thread where it faulted (if it can be), restart
    /// it, or leave it stopped. Either way the fault is over. The woken thread goes to the back
    /// of its level, even when the handler's ReplyRecv blocks: a fault reply never hands over.
    /// </summary>
    public static void Resolve(ref KernelState k, int thread, uint label)
    {
        switch (label)
        {
            case FaultReply.Resume:
                k.Threads[thread].Fault = default;
                ThreadControl.Revive(ref k, thread);
                break;
            case FaultReply.Restart:
                ThreadControl.RestartThread(ref k, thread);
                break;
            default:
                ThreadControl.Detach(ref k, thread);
                break;
        }
    }
}
