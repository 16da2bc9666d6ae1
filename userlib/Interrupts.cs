// Raising interrupts from software, for on-target tests that must exercise interrupt
// delivery without the device. A task writes the interrupt's number to the NVIC's STIR
// itself (no system call): the kernel allows it at boot, by setting CCR.USERSETMPEND,
// only in a system whose description says `unprivileged-irq-trigger = true`.
using System.Threading;

namespace Keel.UserLib
{
    public static unsafe class Interrupts
    {
        // The NVIC's Software Trigger Interrupt Register (ARMv7-M ARM B3.4.3): writing an
        // interrupt's number makes it pending. The hardware layer never writes it, so its
        // one definition is here.
        private const uint SoftwareTriggerInterruptRegister = 0xE000EF00;

        // Pends interrupt `irq`. If the system routes it to a task (`irqs` in app.toml),
        // the kernel signals that task's notification as for the device's own interrupt.
        // Without `unprivileged-irq-trigger` the write is a bus fault of the caller.
        public static void Trigger(uint irq) => Volatile.Write(ref *(uint*)SoftwareTriggerInterruptRegister, irq);
    }
}
