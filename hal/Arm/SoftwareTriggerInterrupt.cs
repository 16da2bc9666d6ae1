// The NVIC's Software Trigger Interrupt Register (STIR, ARMv7-M ARM B3.4.3): writing an
// interrupt's number makes it pending. Privileged code may always write it; unprivileged
// code only while CCR.USERSETMPEND is set (Scb.CcrUnprivilegedSoftwareTrigger), and
// otherwise takes a BusFault.
//
// Both sides of that access use this one definition: Keel.Hal compiles it for
// Nvic.Trigger, and Keel.UserLib, which does not reference the hardware layer, compiles
// it as a linked source for Interrupts.Trigger. It is internal in both, so no assembly
// sees two copies.
using System.Threading;

namespace Keel.Hal.Arm
{
    internal static unsafe class SoftwareTriggerInterrupt
    {
        public const uint Address = 0xE000EF00;

        public static void Write(uint irq) => Volatile.Write(ref *(uint*)Address, irq);
    }
}
