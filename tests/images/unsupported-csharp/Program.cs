// What a newcomer writes first; the firmware tests expect each refusal at its line.
using System.Linq;
using System.Runtime.InteropServices;
using Keel.Boards;
using Keel.Hal;

namespace Keel.Tests.Images
{
    public static class Unsupported
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            uint ticks = Board.ExitSuccess + 3;
            Console.WriteLine($"ticks: {ticks}");
            Console.WriteLine("ticks: " + ticks);
            if (ticks > 5)
                throw new System.Exception("too many ticks");
            double seconds = ticks;
            Board.Stop(Board.ExitSuccess);
        }
    }
}
