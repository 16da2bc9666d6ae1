// Receives every message sent on `oneway` (the NBSend measurement).
using System.Runtime.InteropServices;
using Keel.Tasks;

namespace Keel.Bench.Receiver
{
    public static class Program
    {
        [DllImport("*", EntryPoint = "bench_receive_loop")]
        [SuppressGCTransition]
        private static extern void Loop(uint endpoint);

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main() => Loop(Caps.Messages);
    }
}
