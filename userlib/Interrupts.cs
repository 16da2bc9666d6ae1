// Raising interrupts from software, for on-target tests that must exercise interrupt
// delivery without the device. Two ways, for two kinds of machine:
// - Trigger: the task writes the interrupt's number to the NVIC's STIR itself (no
//   system call): the kernel allows it at boot, by setting CCR.USERSETMPEND, only in a
//   system whose description says `unprivileged-irq-trigger = true`. What a board does.
// - Pend: the PendIrq platform call, in debug images for a task granted `pend-irq`,
//   for an emulator that does not model USERSETMPEND (Renode).
using System.Threading;
using Keel.Kernel;

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

        // Pends interrupt `irq`, which must be routed to a task (InvalidArgument
        // otherwise), through the kernel; NotPermitted without `pend-irq`.
        public static Error Pend(uint irq) => (Error)Syscall.Invoke((uint)PlatformCallNumber.PendIrq, irq).R4;
    }
}
