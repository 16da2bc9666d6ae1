// Double-precision arithmetic, which the Cortex-M4F's FPU does not have.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.Boards;
using Keel.Hal;

namespace Keel.Tests.Images
{
    public static class Doubles
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static uint Half(uint value) => (uint)(value * 0.5);

        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            Console.WriteDecimal(Half(Board.ExitSuccess + 7));
            Board.Stop(Board.ExitSuccess);
        }
    }
}
