// Return addresses found on a task's stack, for the one fault that has no frame: a
// stack overflow. When the stack pointer has left the task's RAM, the hardware cannot
// stack the exception frame, so the pc and lr of the code that overflowed are lost
// (FaultInfo). What the task's stack still holds are the return addresses its calls
// pushed, and among them, where a method has not yet written its locals, stale ones
// left by calls that have returned (a division helper's, say).
//
// A word counts as a return address when it is a Thumb address (bit 0 set) inside the
// task's own flash window and the instruction before it is a call: a 32-bit BL or a
// 16-bit BLX register (ARMv7-M A7.7.18, A7.7.19), the test crash-dump tools such as
// CmBacktrace use. The one reported is the return address found most often in the
// innermost ScanWords of the stack - the call site of a recursion, the usual way a
// stack runs out, which a stale word cannot outnumber - or, when none repeats, the
// innermost. The scan reads only the task's own memory (its RAM between where the stack
// had got to and the stack's top, its flash before a candidate) whatever the stack
// pointer said, so it cannot reveal or touch anything outside the task, and it is
// bounded (ScanWords, Candidates) so a fault costs the kernel a known time.
using Keel.Firmware.Boot;

namespace Keel.Port
{
    public static unsafe class ReturnAddresses
    {
        // 1 KiB of stack: past the locals of any sensible method, and a bounded cost.
        public const uint ScanWords = 256;

        // Distinct return addresses counted; more are not, which only matters for a
        // stack of many different calls, where none repeats anyway.
        private const int Candidates = 8;

        // The return address on the stack of `task`, whose stack pointer was
        // `stackPointer` when it overflowed, as above; 0 when none is found. The stack
        // lies at the bottom of the task's RAM window (RamBase up to RamBase + StackSize).
        public static uint Find(uint stackPointer, ref TaskConfig task)
        {
            uint stackTop = task.RamBase + task.StackSize;
            // Below the window (the usual overflow): the stack is full from its bottom.
            // Above the stack: nothing of it to read.
            uint from = stackPointer < task.RamBase ? task.RamBase : stackPointer;
            if (from >= stackTop)
                return 0;
            uint* found = stackalloc uint[Candidates];
            uint* seen = stackalloc uint[Candidates];
            int distinct = 0;
            uint words = 0;
            for (uint at = (from + 3) & ~3u; at < stackTop && words < ScanWords; at += sizeof(uint), words++)
            {
                uint word = *(uint*)at;
                if ((word & 1) == 0 || !FollowsCall(word & ~1u, ref task))
                    continue;
                int known = 0;
                while (known < distinct && found[known] != word)
                    known++;
                if (known < distinct)
                    seen[known]++;
                else if (distinct < Candidates)
                {
                    found[distinct] = word;
                    seen[distinct++] = 1;
                }
            }
            // The first of the most seen: innermost among equals.
            int best = 0;
            for (int candidate = 1; candidate < distinct; candidate++)
            {
                if (seen[candidate] > seen[best])
                    best = candidate;
            }
            return distinct == 0 ? 0 : found[best];
        }

        // Whether the instruction before `address` in the task's own flash is a call.
        private static bool FollowsCall(uint address, ref TaskConfig task)
        {
            if (!task.FlashHolds(address - 4, 4))
                return false;
            ushort first = *(ushort*)(address - 4);
            ushort second = *(ushort*)(address - 2);
            bool branchWithLink = (first & 0xF800) == 0xF000 && (second & 0xD000) == 0xD000;
            bool branchWithLinkToRegister = (second & 0xFF87) == 0x4780;
            return branchWithLink || branchWithLinkToRegister;
        }
    }
}
