// The echo server: answers every Call on `echo` with the message it carried.
using System.Runtime.InteropServices;
using Keel.Tasks;

namespace Keel.Bench.Server
{
    public static class Program
    {
        [DllImport("*", EntryPoint = "bench_echo_loop")]
        [SuppressGCTransition]
        private static extern void Loop(uint endpoint);

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main() => Loop(Caps.Requests);
    }
}
