// The C# face of the worker's assembly probes (FpuProbe.S, FaultProbes.S): the few
// things a case must make the CPU do that C# cannot say.
using System.Runtime.InteropServices;

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
    }
}
