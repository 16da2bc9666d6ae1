// Waits on `ping` for ever (the Signal measurement).
using System.Runtime.InteropServices;
using Keel.Tasks;

namespace Keel.Bench.Waiter
{
    public static class Program
    {
        [DllImport("*", EntryPoint = "bench_wait_loop")]
        [SuppressGCTransition]
        private static extern void Loop(uint notification);

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main() => Loop(Caps.Ping);
    }
}
