// Raising interrupts from software, for on-target tests that must exercise interrupt
// delivery without the device. A task writes the interrupt's number to the NVIC's STIR
// itself (no system call): the kernel allows it at boot, by setting CCR.USERSETMPEND,
// only in a system whose description says `unprivileged-irq-trigger = true`.
using Keel.Hal.Arm;

namespace Keel.UserLib
{
    public static class Interrupts
    {
        // Pends interrupt `irq`. If the system routes it to a task (`irqs` in app.toml),
        // the kernel signals that task's notification as for the device's own interrupt.
        // Without `unprivileged-irq-trigger` the write is a bus fault of the caller.
        public static void Trigger(uint irq) => SoftwareTriggerInterrupt.Write(irq);
    }
}
