// Typed system calls for tasks: IPC on endpoints, notifications, CSpace operations.
// Each returns what the ABI defines for it (docs/ipc.md); a received message comes back
// as a Message (label, length, badge, the four register words).
using Keel.Kernel;

namespace Keel.UserLib
{
    public struct Message
    {
        public Error Status;
        public MessageInfo Info;
        public uint Badge;
        public uint Mr0;
        public uint Mr1;
        public uint Mr2;
        public uint Mr3;

        public uint Label => Info.Label;

        public bool Notified => Info.Notified;

        // A fault the kernel reported (docs/ipc.md, rule 14): no message a task sends has it.
        public bool IsFault => Info.IsFault;

        internal static Message From(ThreadRegisters frame)
        {
            Message m;
            m.Status = (Error)frame.R4;
            m.Info = new MessageInfo(frame.R5);
            m.Badge = frame.R6;
            m.Mr0 = frame.R7;
            m.Mr1 = frame.R8;
            m.Mr2 = frame.R9;
            m.Mr3 = frame.R10;
            return m;
        }
    }

    public static class Ipc
    {
        private static uint Info(uint label, int length, int extraCaps = 0) => MessageInfo.Create(label, length, extraCaps).Raw;

        // Sending calls take `extraCaps`: how many capabilities (attached with
        // Task.AttachCap) the message carries.
        public static Error Send(uint cap, uint label, int length = 0, uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0, int extraCaps = 0) =>
            (Error)Syscall.Invoke(SyscallNumber.Send, cap, Info(label, length, extraCaps), 0, mr0, mr1, mr2, mr3).R4;

        // Reports only errors of the sender's own capability: whether anyone was
        // listening is not the sender's to know.
        public static Error NBSend(uint cap, uint label, int length = 0, uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0, int extraCaps = 0) =>
            (Error)Syscall.Invoke(SyscallNumber.NBSend, cap, Info(label, length, extraCaps), 0, mr0, mr1, mr2, mr3).R4;

        public static Message Recv(uint cap) => Message.From(Syscall.Invoke(SyscallNumber.Recv, cap));

        public static Message NBRecv(uint cap) => Message.From(Syscall.Invoke(SyscallNumber.NBRecv, cap));

        public static Message Call(uint cap, uint label, int length = 0, uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0, int extraCaps = 0) =>
            Message.From(Syscall.Invoke(SyscallNumber.Call, cap, Info(label, length, extraCaps), 0, mr0, mr1, mr2, mr3));

        public static Message NBCall(uint cap, uint label, int length = 0, uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0, int extraCaps = 0) =>
            Message.From(Syscall.Invoke(SyscallNumber.NBCall, cap, Info(label, length, extraCaps), 0, mr0, mr1, mr2, mr3));

        // Call, or NBCall when `nonBlocking`: one trap for a caller that chooses at run
        // time (the interface generator's clients, docs/drivers.md).
        public static Message Call(uint cap, bool nonBlocking, uint label, int length = 0, uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0, int extraCaps = 0) =>
            Message.From(Syscall.Invoke(nonBlocking ? SyscallNumber.NBCall : SyscallNumber.Call, cap, Info(label, length, extraCaps), 0, mr0, mr1, mr2, mr3));

        public static Error Reply(uint label, int length = 0, uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0, int extraCaps = 0) =>
            (Error)Syscall.Invoke(SyscallNumber.Reply, 0, Info(label, length, extraCaps), 0, mr0, mr1, mr2, mr3).R4;

        public static Message ReplyRecv(uint receiveCap, uint label, int length = 0, uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0, int extraCaps = 0) =>
            Message.From(Syscall.Invoke(SyscallNumber.ReplyRecv, receiveCap, Info(label, length, extraCaps), 0, mr0, mr1, mr2, mr3));

        public static Message NBSendRecv(uint sendCap, uint receiveCap, uint label, int length = 0, uint mr0 = 0, uint mr1 = 0, uint mr2 = 0, uint mr3 = 0, int extraCaps = 0) =>
            Message.From(Syscall.Invoke(SyscallNumber.NBSendRecv, sendCap, Info(label, length, extraCaps), receiveCap, mr0, mr1, mr2, mr3));

        public static void Yield() => Syscall.Invoke(SyscallNumber.Yield);

        // Ends, with Cancelled, every Send and Call queued on the endpoint with `badge` (not
        // 0), through an unbadged capability with Write to it (docs/ipc.md rule 19).
        public static Error CancelBadgedSends(uint endpointCap, uint badge) =>
            (Error)Syscall.Invoke(SyscallNumber.CancelBadgedSends, endpointCap, 0, 0, badge).R4;
    }

    public static class Notifications
    {
        public static Error Signal(uint cap) => (Error)Syscall.Invoke(SyscallNumber.Signal, cap).R4;

        // The notification word (the OR of the badges signalled), or 0 with an error.
        public static uint Wait(uint cap, out Error status)
        {
            ThreadRegisters frame = Syscall.Invoke(SyscallNumber.Wait, cap);
            status = (Error)frame.R4;
            return frame.R6;
        }

        public static uint Poll(uint cap, out Error status)
        {
            ThreadRegisters frame = Syscall.Invoke(SyscallNumber.Poll, cap);
            status = (Error)frame.R4;
            return frame.R6;
        }

        public static Error AcknowledgeIrq(uint irqCap) => (Error)Syscall.Invoke(SyscallNumber.IrqAck, irqCap).R4;
    }

    public static class CSpaceOps
    {
        public static Error Mint(uint source, uint destination, Rights keep, uint badge) =>
            (Error)Syscall.Invoke(SyscallNumber.Mint, source, 0, destination, (uint)keep, badge).R4;

        public static Error Copy(uint source, uint destination) => (Error)Syscall.Invoke(SyscallNumber.Copy, source, 0, destination).R4;

        public static Error Move(uint source, uint destination) => (Error)Syscall.Invoke(SyscallNumber.Move, source, 0, destination).R4;

        public static Error Delete(uint slot) => (Error)Syscall.Invoke(SyscallNumber.Delete, slot).R4;

        public static Error SaveCaller(uint destination) => (Error)Syscall.Invoke(SyscallNumber.SaveCaller, destination).R4;

        // Deletes every capability derived from the one in `slot`, in any CSpace (it stays),
        // and returns when all are gone (docs/ipc.md rule 18).
        public static Error Revoke(uint slot) => (Error)Syscall.Invoke(SyscallNumber.Revoke, slot).R4;

        public static Error Identify(uint slot, out CapType type, out Rights rights)
        {
            ThreadRegisters frame = Syscall.Invoke(SyscallNumber.Identify, slot);
            type = (CapType)frame.R7;
            rights = (Rights)frame.R8;
            return (Error)frame.R4;
        }
    }

    // Thread capabilities (Write): a supervisor's control over another task.
    public static class Threads
    {
        public static Error Suspend(uint threadCap) => (Error)Syscall.Invoke(SyscallNumber.ThreadSuspend, threadCap).R4;

        public static Error Resume(uint threadCap) => (Error)Syscall.Invoke(SyscallNumber.ThreadResume, threadCap).R4;

        public static Error Restart(uint threadCap) => (Error)Syscall.Invoke(SyscallNumber.ThreadRestart, threadCap).R4;
    }
}
