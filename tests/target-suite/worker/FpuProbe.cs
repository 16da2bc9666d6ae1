// The C# face of FpuProbe.S.
using System.Runtime.InteropServices;

namespace Keel.Suite
{
    public static class FpuProbe
    {
        // Fills s0-s31 from `seed`, yields, and returns how many of them changed.
        [DllImport("*", EntryPoint = "keel_fpu_yield_keeping")]
        [SuppressGCTransition]
        public static extern uint YieldKeeping(uint seed);
    }
}
