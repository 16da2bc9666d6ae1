// What the sys task's logic asks of the kernel, as an interface so that the logic
// (SysDriver) makes no system call itself: Program.cs implements it with userlib's
// calls on the chip, and the host tests with a fake that records each request. Only
// EXTI subscriptions need it: keeping the notification a subscriber transferred,
// signalling it, and re-enabling an EXTI interrupt once its lines are served.
namespace Keel.Drivers
{
    public interface ISysKernel
    {
        // Moves the capability in `source` to the empty slot `destination`.
        Keel.Kernel.Error Move(uint source, uint destination);

        Keel.Kernel.Error Delete(uint slot);

        // Whether `slot` holds a notification capability with the Write right, the only
        // kind sys can signal.
        bool IsSignallableNotification(uint slot);

        Keel.Kernel.Error Signal(uint slot);

        // Unmasks the EXTI interrupt of `group` (ExtiGroups): its IRQ-handler capability.
        Keel.Kernel.Error AcknowledgeIrq(int group);
    }

    // The EXTI interrupts sys serves, numbered as the bits of the badges app.toml gives
    // them on sys's bound notification: group g signals badge 1 << g. Lines 0-4 have an
    // interrupt each (groups 0-4), lines 5-9 share EXTI9_5 (group 5), 10-15 EXTI15_10
    // (group 6).
    public static class ExtiGroups
    {
        public const int Count = 7;
        public const int Lines5To9 = 5;
        public const int Lines10To15 = 6;

        public static int Of(int line) => line <= 4 ? line : line <= 9 ? Lines5To9 : Lines10To15;

        // The NVIC interrupt of each group, as app.toml's `irqs` must route them.
        public static uint Irq(int group) => group <= 4
            ? Keel.Hal.Stm32f4.Exti.Line0Irq + (uint)group
            : group == Lines5To9 ? Keel.Hal.Stm32f4.Exti.Lines5To9Irq : Keel.Hal.Stm32f4.Exti.Lines10To15Irq;
    }
}
