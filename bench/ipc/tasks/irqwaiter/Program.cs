// Waits on the notification TIM3's interrupt is routed to, for ever (the interrupt
// rows): reads TIM2 as its first instruction after each Wait and sends the value to
// the client.
using System.Runtime.InteropServices;
using Keel.Tasks;

namespace Keel.Bench.IrqWaiter
{
    public static class Program
    {
        // TIM2's counter (granted to this task, shared with the client and the raiser).
        private const uint Tim2Counter = 0x40000024;

        [DllImport("*", EntryPoint = "bench_irq_wait_loop")]
        [SuppressGCTransition]
        private static extern void Loop(uint notification, uint irqHandler, uint results, uint counter);

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main() => Loop(Caps.Irq, Caps.Ack, Caps.Results, Tim2Counter);
    }
}
