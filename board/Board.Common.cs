// The part of every board that is the same on all of them, compiled into each image
// together with that board's own Board.cs (the other half of `partial class Board`).
//
// It provides the two routines the runtime and the start-up code call by symbol:
// `keel_panic` (the core library's panic path: print the reason, then stop the board
// with a failure status) and `keel_unhandled_exception` (an exception with no handler).
// Both first finish the console (Console.Finish): what was queued goes out before the
// report, in order, and the report itself is written synchronously, so a full queue
// cannot drop it. A panic while one is being reported (a failed check in the console
// code) stops the board at once: the report cannot recurse, which is what bounds the
// kernel's worst-case stack (tools/Keel.BuildTool/StackDepth.cs).
using System.Runtime.InteropServices;
using Keel.Hal;

namespace Keel.Boards
{
    public static unsafe partial class Board
    {
        // Exit statuses an image reports when it stops under an emulator.
        public const uint ExitSuccess = 0;
        public const uint ExitFailure = 1;
        public const uint ExitPanic = 101;

        private static bool s_panicking;

        // `caller`: the return address into the method that failed, or 0 (Keel.Runtime.Panic).
        [UnmanagedCallersOnly(EntryPoint = "keel_panic")]
        private static void OnPanic(char* reason, int length, uint caller)
        {
            StopIfPanicking();
            Console.Finish();
            Console.Write("\nPANIC: ");
            Console.Write(reason, length);
            if (caller != 0)
            {
                Console.Write(", caller ");
                Console.WriteHex(caller);
            }
            Console.WriteLine();
            Stop(ExitPanic);
        }

        [UnmanagedCallersOnly(EntryPoint = "keel_unhandled_exception")]
        private static void OnUnhandledException(uint exceptionNumber)
        {
            StopIfPanicking();
            Console.Finish();
            Console.Write("\nPANIC: unhandled exception ");
            Console.WriteDecimal(exceptionNumber);
            Console.WriteLine();
            Stop(ExitPanic);
        }

        private static void StopIfPanicking()
        {
            if (s_panicking)
                Stop(ExitPanic);
            s_panicking = true;
        }
    }
}
