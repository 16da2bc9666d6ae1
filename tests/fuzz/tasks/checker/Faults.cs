// The checker as the hostile tasks' fault handler: counts their faults, checks that each
// is charged to the task that caused it as its kind says, and chooses the reply.
//
// A fault's message (docs/ipc.md rule 14) names its kind, pc, address and status. What
// the task ran can only be its own flash (its only executable region), so: a stack
// overflow (a frame that could not be stacked or unstacked) and a bad system call (the
// kernel's own finding) have pc 0; an undefined instruction, an unaligned access, a
// division by zero and a refused data access have a pc in the task's own flash; a refused instruction fetch has the
// fetch address, anything, and kind Other is not checked. A pc that is none of these
// came from somewhere else: from another thread's frame (a fault charged to the wrong
// thread) or from memory the kernel read for the task at a bad stack pointer.
//
// The reply: a bad system call changed nothing (rule 14), so the task resumes where it
// was; after any other fault it is resumed or restarted at random. A task that faulted
// on purpose faults again when resumed, until a restart; one whose frame could not be
// stacked must be restarted by the kernel whatever the reply says, and resuming it is
// the attack on that promise.
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Fuzz
{
    public static class Faults
    {
        public static uint Count, StackOverflows;

        // CFSR's IACCVIOL and IBUSERR (the fault status of a refused instruction fetch).
        private const uint InstructionFetchRefused = 1u << 0 | 1u << 8;

        private static Xorshift s_random;

        public static void Seed(uint seed) => s_random = new Xorshift(Xorshift.Mix(seed ^ 0xFA0175EDu));

        // Returns the reply's label.
        public static uint OnFault(uint hostile, Message fault)
        {
            Count++;
            FaultKind kind = (FaultKind)fault.Label;
            if (kind == FaultKind.StackOverflow)
                StackOverflows++;
            if (!ChargedRightly(hostile, kind, fault.Mr0, fault.Mr2) || !OwnReturnAddress(hostile, kind, fault.Mr3))
                Integrity.WrongFault(HostileName(hostile), fault);
            if (kind == FaultKind.BadSyscall)
                return FaultReply.Resume;
            return s_random.Below(2) == 0 ? FaultReply.Resume : FaultReply.Restart;
        }

        // A stack overflow's return address is found on the task's own stack and checked
        // against its own flash (hal/Port/ReturnAddresses.cs): whatever the hostile task
        // left there, the kernel reports nothing outside its code.
        private static bool OwnReturnAddress(uint hostile, FaultKind kind, uint returnAddress) =>
            kind != FaultKind.StackOverflow || returnAddress == 0 || returnAddress - FlashBase(hostile) < FlashSize(hostile);

        private static bool ChargedRightly(uint hostile, FaultKind kind, uint pc, uint status)
        {
            // The kernel raises these without reading the frame.
            if (kind == FaultKind.StackOverflow || kind == FaultKind.BadSyscall)
                return pc == 0;
            if (kind == FaultKind.Other || (kind == FaultKind.MemoryAccess && (status & InstructionFetchRefused) != 0))
                return true;
            if (kind < FaultKind.MemoryAccess || kind > FaultKind.StackOverflow)
                return false;
            return pc - FlashBase(hostile) < FlashSize(hostile);
        }

        private static uint FlashBase(uint hostile) => hostile switch
        {
            1 => Layout.Hostile1FlashBase,
            2 => Layout.Hostile2FlashBase,
            _ => Layout.Hostile3FlashBase,
        };

        private static uint FlashSize(uint hostile) => hostile switch
        {
            1 => Layout.Hostile1FlashSize,
            2 => Layout.Hostile2FlashSize,
            _ => Layout.Hostile3FlashSize,
        };

        public static string HostileName(uint hostile) => hostile switch
        {
            1 => "hostile-1",
            2 => "hostile-2",
            _ => "hostile-3",
        };
    }
}
