// Answers every Call on `capecho`, which brings one capability, with an empty message,
// and deletes the capability again (the capability-transfer measurement).
using System.Runtime.InteropServices;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Bench.CapServer
{
    public static class Program
    {
        private const uint ReceiveSlot = Caps.FirstFreeSlot;

        [DllImport("*", EntryPoint = "bench_cap_echo_loop")]
        [SuppressGCTransition]
        private static extern void Loop(uint endpoint, uint receiveSlot);

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Task.ReceiveCapInto(ReceiveSlot);
            Loop(Caps.Requests, ReceiveSlot);
        }
    }
}
