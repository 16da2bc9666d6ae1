// System-call numbers and the one wrapper every system call goes through.
//
// Design: each system call is a function of the same shape,
//     Error Name(ref KernelState k, int caller)
// which reads its arguments from the caller's saved registers, changes the
// kernel state, and returns the status - Ok, or an error having changed
// nothing. Results other than the status (a received message, a notification
// word, Identify's answer) are written by the function itself, because they
// may also be written later, when a blocked caller is woken. Handle is the
// only place that writes the status into r4 and picks the next thread to run,
// so no system call can forget either - except the fastpath (Fastpath.cs),
// which Handle tries first and which does both itself for the few cases it
// completes, with the same outcome. An unknown system-call number is not
// an error returned to the caller but a fault (rule 14), and the caller's
// registers are left as they were. A call the kernel stops part-way to let
// interrupts in (Tcb.RepeatSyscall) gets no status either: the caller issues it
// again, with the same registers, and only its last part returns.

using System.Runtime.CompilerServices;

namespace Keel.Kernel;

/// <summary>System-call numbers (r11). Part of the ABI: never renumber.</summary>
public enum SyscallNumber : uint
{
    Send = 0,
    NBSend = 1,
    Recv = 2,
    NBRecv = 3,
    Call = 4,
    NBCall = 5,
    Reply = 6,
    ReplyRecv = 7,
    NBSendRecv = 8,
    Yield = 9,
    Signal = 10,
    Wait = 11,
    Poll = 12,
    Mint = 13,
    Copy = 14,
    Move = 15,
    Delete = 16,
    SaveCaller = 17,
    Identify = 18,
    IrqAck = 19,
    ThreadSuspend = 20,
    ThreadResume = 21,
    ThreadRestart = 22,
    Revoke = 23,
    CancelBadgedSends = 24,
}

internal static class Syscalls
{
    /// <summary>One more than the highest system-call number.</summary>
    public const uint Count = (uint)SyscallNumber.CancelBadgedSends + 1;

    /// <summary>Runs the system call in <paramref name="caller"/>'s registers and returns the next thread to run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Handle(ref KernelState k, int caller, ref Tcb thread)
    {
        int next = Fastpath.TryHandle(ref k, caller, ref thread);
        if (next == Fastpath.NotTaken)
            next = HandleGeneral(ref k, caller, ref thread);
        return next;
    }

    /// <summary>The general path: every system call, checked and run in full.</summary>
    public static int HandleGeneral(ref KernelState k, int caller, ref Tcb thread)
    {
        SyscallNumber number = thread.Regs.Number;
        if ((uint)number >= Count)
        {
            Faults.Raise(ref k, caller, new FaultRecord { Kind = FaultKind.BadSyscall, Status = (uint)number });
            return Scheduler.ChooseNext(ref k);
        }
        Error status = Dispatch(ref k, caller, number);
        // A thread that restarted itself has had its registers cleared; Ok is 0, so this keeps them clear.
        if (!thread.RepeatSyscall)
            thread.Regs.Status = status;
        return Scheduler.ChooseNext(ref k);
    }

    static Error Dispatch(ref KernelState k, int caller, SyscallNumber number)
    {
        switch (number)
        {
            case SyscallNumber.Send: return Ipc.Send(ref k, caller);
            case SyscallNumber.NBSend: return Ipc.NBSend(ref k, caller);
            case SyscallNumber.Recv: return Ipc.Recv(ref k, caller);
            case SyscallNumber.NBRecv: return Ipc.NBRecv(ref k, caller);
            case SyscallNumber.Call: return Ipc.Call(ref k, caller);
            case SyscallNumber.NBCall: return Ipc.NBCall(ref k, caller);
            case SyscallNumber.Reply: return Replies.Reply(ref k, caller);
            case SyscallNumber.ReplyRecv: return Ipc.ReplyRecv(ref k, caller);
            case SyscallNumber.NBSendRecv: return Ipc.NBSendRecv(ref k, caller);
            case SyscallNumber.Yield: return Scheduler.Yield(ref k, caller);
            case SyscallNumber.Signal: return Signals.Signal(ref k, caller);
            case SyscallNumber.Wait: return Signals.Wait(ref k, caller);
            case SyscallNumber.Poll: return Signals.Poll(ref k, caller);
            case SyscallNumber.Mint: return CSpace.Mint(ref k, caller);
            case SyscallNumber.Copy: return CSpace.Copy(ref k, caller);
            case SyscallNumber.Move: return CSpace.Move(ref k, caller);
            case SyscallNumber.Delete: return CSpace.Delete(ref k, caller);
            case SyscallNumber.SaveCaller: return CSpace.SaveCaller(ref k, caller);
            case SyscallNumber.Identify: return CSpace.Identify(ref k, caller);
            case SyscallNumber.IrqAck: return Interrupts.Acknowledge(ref k, caller);
            case SyscallNumber.ThreadSuspend: return ThreadControl.Suspend(ref k, caller);
            case SyscallNumber.ThreadResume: return ThreadControl.Resume(ref k, caller);
            case SyscallNumber.ThreadRestart: return ThreadControl.Restart(ref k, caller);
            case SyscallNumber.Revoke: return Lifecycle.Revoke(ref k, caller);
            case SyscallNumber.CancelBadgedSends:
            default: // Handle has ruled out numbers past CancelBadgedSends.
                return Lifecycle.CancelBadgedSends(ref k, caller);
        }
    }
}
