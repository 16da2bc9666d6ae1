// A checked conversion from float needs an overflow helper the core library does not
// have, so ILC fails on Scale.ToCount (the analyzer's KEEL1018 is off here).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.Boards;
using Keel.Hal;

namespace Keel.Tests.Images
{
    public static class Scale
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int ToCount(float value) => checked((int)value);

        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            Console.WriteDecimal(ToCount(Board.ExitSuccess + 0.5f));
            Board.Stop(Board.ExitSuccess);
        }
    }
}
