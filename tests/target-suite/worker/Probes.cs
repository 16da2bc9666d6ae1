// The C# face of the worker's assembly probes (FpuProbe.S, FaultProbes.S,
// HostileProbes.S): the few things a case must make the CPU do that C# cannot say.
using System.Runtime.InteropServices;
using Keel.Kernel;

namespace Keel.Suite
{
    public static class Probes
    {
        // Fills s0-s31 from `seed`, yields, and returns how many of them changed.
        [DllImport("*", EntryPoint = "keel_fpu_yield_keeping")]
        [SuppressGCTransition]
        public static extern uint YieldKeepingFpu(uint seed);

        // Branches to `address` (Thumb state).
        [DllImport("*", EntryPoint = "keel_probe_execute")]
        [SuppressGCTransition]
        public static extern void Execute(uint address);

        // LDRD from `address`: a trapped unaligned access when it is not word-aligned.
        [DllImport("*", EntryPoint = "keel_probe_load_pair")]
        [SuppressGCTransition]
        public static extern void LoadPair(uint address);

        // UDIV: a divide-by-zero fault when `divisor` is 0.
        [DllImport("*", EntryPoint = "keel_probe_divide")]
        [SuppressGCTransition]
        public static extern uint Divide(uint dividend, uint divisor);

        // UDF: an undefined instruction.
        [DllImport("*", EntryPoint = "keel_probe_undefined")]
        [SuppressGCTransition]
        public static extern void Undefined();
    
        // s<n> = seed + n for all 32 single-precision registers, and FPSCR = a pattern
        // of all its writable bits: the thread now has FPU state.
        [DllImport("*", EntryPoint = "keel_fpu_fill")]
        [SuppressGCTransition]
        public static extern void FillFpu(uint seed);

        // into[0..31] = s0-s31, into[32] = FPSCR.
        [DllImport("*", EntryPoint = "keel_fpu_read")]
        [SuppressGCTransition]
        public static extern unsafe void ReadFpu(uint* into);

        // Makes the system call `call` with the stack pointer at `stack` (and the real
        // one back afterwards, if the trap returns).
        [DllImport("*", EntryPoint = "keel_trap_on")]
        [SuppressGCTransition]
        public static extern unsafe void TrapOn(uint stack, ThreadRegisters* call);

        // Makes the system call `call` from inside an IT block; returns its status (r4).
        [DllImport("*", EntryPoint = "keel_trap_in_it_block")]
        [SuppressGCTransition]
        public static extern unsafe uint TrapInItBlock(ThreadRegisters* call);

        // Moves the stack pointer to `stack` and spins until an interrupt preempts it.
        [DllImport("*", EntryPoint = "keel_spin_on")]
        [SuppressGCTransition]
        public static extern void SpinOn(uint stack);

        // Semihosting SYS_EXIT with status "application exit": ends the run if the
        // emulator answers semihosting from unprivileged code.
        [DllImport("*", EntryPoint = "keel_semihosting_exit")]
        [SuppressGCTransition]
        public static extern void SemihostingExit();
    }
}
