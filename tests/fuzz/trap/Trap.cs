// The C# side of Trap.S: a system call made with a chosen CPU state (a stack pointer
// anywhere, FP registers full of a pattern, an FP instruction just before the trap, a
// fault instead of or right after it), and the check of the FP registers a (re)started
// thread finds. The hostile tasks attack with it; the client and the bystander use it
// to keep a pattern in their FP registers across their calls and count what changed.
using System.Runtime.InteropServices;
using Keel.Kernel;

namespace Keel.Fuzz
{
    public static unsafe class Trap
    {
        // Trap.S's options (the same values as its .equ lines).
        public const uint FillFp = 1u << 0;
        public const uint MoveSp = 1u << 1;
        public const uint FpJustBefore = 1u << 2;
        public const uint Undefined = 1u << 3;
        public const uint FaultAfter = 1u << 4;
        public const int SpinShift = 8;

        [DllImport("*", EntryPoint = "keel_fuzz_trap")]
        [SuppressGCTransition]
        private static extern uint Raw(ThreadRegisters* frame, uint stackPointer, uint fpSeed, uint options);

        [DllImport("*", EntryPoint = "keel_fuzz_fp_nonzero")]
        [SuppressGCTransition]
        private static extern uint FpNonZero();

        // The system call in `frame` (results come back in it) made as `options` say; with
        // FillFp, returns how many of s0-s31 and FPSCR did not keep their pattern across it.
        public static uint Make(ref ThreadRegisters frame, uint options, uint fpSeed = 0, uint stackPointer = 0)
        {
            fixed (ThreadRegisters* registers = &frame)
                return Raw(registers, stackPointer, fpSeed, options);
        }

        // A system call with FP registers full of a pattern: how many of them changed.
        public static uint KeepingFp(ref ThreadRegisters frame, uint fpSeed) => Make(ref frame, FillFp, fpSeed);

        // How many FP registers (s0-s31, FPSCR) are not zero: call first thing after a
        // (re)start, before any FP instruction, when every one of them must be zero.
        public static uint FpRegistersLeftOver() => FpNonZero();
    }
}
