// A [MethodImpl(MethodImplOptions.Synchronized)] method takes a lock around its body,
// which needs System.Threading.Monitor: the core library has none (a task has one
// thread), so ILC fails on Counter.Next. No analyzer refuses it yet.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.Boards;
using Keel.Hal;

namespace Keel.Tests.Images
{
    public static class Counter
    {
        private static uint s_count;

        [MethodImpl(MethodImplOptions.Synchronized | MethodImplOptions.NoInlining)]
        private static uint Next() => ++s_count;

        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            Console.WriteDecimal(Next());
            Board.Stop(Board.ExitSuccess);
        }
    }
}
