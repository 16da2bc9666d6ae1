// The client's partner in the Yield measurement: once `go` is signalled, Yields for ever.
using System.Runtime.InteropServices;
using Keel.Tasks;

namespace Keel.Bench.Yielder
{
    public static class Program
    {
        [DllImport("*", EntryPoint = "bench_yield_loop")]
        [SuppressGCTransition]
        private static extern void Loop(uint notification);

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main() => Loop(Caps.Go);
    }
}
