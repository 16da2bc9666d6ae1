// The bystander: a task that owns memory and FP registers and leaves them alone while
// the attack runs, so that any change to them was made by someone else. Its RAM window
// lies between two hostile tasks' (app.toml), where a kernel that stacks or saves
// anything at an attacker's stack pointer would write first.
//
// It spends the whole run blocked in Recv on `watch`, an endpoint only the checker can
// send to, with its FP registers full of a fresh pattern (Trap.KeepingFp). Once per
// pulse the checker digests its whole RAM window (the debug platform call Digest),
// asks it to Check itself, and digests the window again when it is blocked once more:
// while it waits, nothing may change a byte of it, not even the kernel, which writes a
// receiver's RAM only for message words past MR3 (the checker sends none). Asked, it
// counts the words of its own patterns that changed (the bottom of its stack, below
// anything it ever uses, and the top of its window, above its statics) and whether its
// FP registers kept their pattern across the wait (and were all zero when it started),
// and answers with those figures.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Fuzz
{
    public static class Bystander
    {
        // Its stack never grows deeper than this below its top; the pattern lies below.
        private const uint StackInUse = 512;
        // The IPC buffer, .data and .bss, above the stack, fit in this; the pattern lies above.
        private const uint StaticsReserve = 2048;
        private const uint Salt = 0xB7574DE5;

        private const uint StackPatternStart = Layout.BystanderRamBase;
        private const uint StackPatternBytes = Layout.BystanderStackSize - StackInUse;
        private const uint TopPatternStart = Layout.BystanderRamBase + Layout.BystanderStackSize + StaticsReserve;
        private const uint TopPatternBytes = Layout.BystanderRamBase + Layout.BystanderRamSize - TopPatternStart;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            uint fpCrossings = Trap.FpRegistersLeftOver() != 0 ? 1u : 0u;
            Patterns.Fill(StackPatternStart, StackPatternBytes, Salt);
            Patterns.Fill(TopPatternStart, TopPatternBytes, Salt);
            Ipc.Recv(Caps.Watch);
            for (uint round = 1; ; round++)
            {
                uint wrongWords = Patterns.Repair(StackPatternStart, StackPatternBytes, Salt)
                    + Patterns.Repair(TopPatternStart, TopPatternBytes, Salt);
                ThreadRegisters answerThenWait = default;
                answerThenWait.R11 = (uint)SyscallNumber.ReplyRecv;
                answerThenWait.R4 = Caps.Watch;
                answerThenWait.Info = MessageInfo.Create(Labels.Checked, 2, 0);
                answerThenWait.R7 = wrongWords;
                answerThenWait.R8 = fpCrossings;
                fpCrossings = Trap.KeepingFp(ref answerThenWait, Xorshift.Mix(round)) != 0 ? 1u : 0u;
            }
        }
    }
}
