// The echo server on `echo2`, answering with Reply and then Recv instead of ReplyRecv.
using System.Runtime.InteropServices;
using Keel.Tasks;

namespace Keel.Bench.Replier
{
    public static class Program
    {
        [DllImport("*", EntryPoint = "bench_reply_then_recv_loop")]
        [SuppressGCTransition]
        private static extern void Loop(uint endpoint);

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main() => Loop(Caps.Requests);
    }
}
