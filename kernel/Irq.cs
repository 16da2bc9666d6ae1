// Interrupts: delivered as notification signals.
//
// Design: the kernel has no interrupt handlers of its own. A boot table
// (KernelState.IrqBindings, indexed by IRQ number) binds each IRQ to a
// notification and a badge. When an IRQ fires the hardware layer masks it and
// calls Kernel.Interrupt, which signals the notification; the driver task
// that waits on it handles the device and then invokes its IrqHandler
// capability (IrqAck) to unmask the IRQ through the platform hook. The mask
// stays set until then, so a device can never interrupt faster than its
// driver handles it, and the kernel never runs driver code.

using System.Runtime.InteropServices;

namespace Keel.Kernel;

[StructLayout(LayoutKind.Sequential)]
public struct IrqBinding
{
    public int Notification;

    /// <summary>Bits the IRQ ORs into the notification; 0 leaves the IRQ unbound.</summary>
    public uint Badge;
}

internal static unsafe class Interrupts
{
    /// <summary>Signals the notification bound to an IRQ; IRQs outside the table are ignored.</summary>
    public static void Deliver(ref KernelState k, uint irq)
    {
        if (irq >= (uint)k.IrqBindings.Length)
            return;
        IrqBinding binding = k.IrqBindings[irq];
        if (binding.Badge != 0)
            Signals.Raise(ref k, binding.Notification, binding.Badge);
    }

    /// <summary>IrqAck (r4 = IRQ-handler capability with Write): unmasks the capability's IRQ.</summary>
    public static Error Acknowledge(ref KernelState k, int caller)
    {
        Error error = CSpace.Resolve(ref k, caller, k.Threads[caller].Regs.CapIndex, CapType.IrqHandler, Rights.Write, out int slot);
        if (error == Error.Ok && k.Hooks.UnmaskIrq != null)
            k.Hooks.UnmaskIrq((uint)k.Slots[slot].Cap.Object);
        return error;
    }
}
