// Below the client: once `go2` is signalled, pends TIM3's interrupt from software for
// ever, reading TIM2 right before, and sends the value read to the client (the
// irq_preempts_lower row). It runs only while the client is blocked.
using System.Runtime.InteropServices;
using Keel.Tasks;

namespace Keel.Bench.Raiser
{
    public static class Program
    {
        // TIM2's counter (granted to this task, shared with the client and the irqwaiter).
        private const uint Tim2Counter = 0x40000024;
        // TIM3's interrupt, routed to the irqwaiter (app.toml).
        private const uint Irq = 29;

        [DllImport("*", EntryPoint = "bench_raise_loop")]
        [SuppressGCTransition]
        private static extern void Loop(uint go, uint results, uint counter, uint irq);

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main() => Loop(Caps.Go2, Caps.Results, Tim2Counter, Irq);
    }
}
