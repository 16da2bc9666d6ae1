// The Nested Vectored Interrupt Controller (B3.4): enabling, masking, pending and
// prioritising external interrupts, one bit (or byte) per IRQ.
namespace Keel.Hal.Arm
{
    public static class Nvic
    {
        private const uint SetEnable = 0xE000E100;
        private const uint ClearEnable = 0xE000E180;
        private const uint SetPending = 0xE000E200;
        private const uint Priority = 0xE000E400;

        private static Register32 Bank(uint baseAddress, uint irq) => new Register32(baseAddress + 4 * (irq / 32));

        private static uint Bit(uint irq) => 1u << (int)(irq % 32);

        public static void Enable(uint irq) => Bank(SetEnable, irq).Write(Bit(irq));

        public static void Disable(uint irq) => Bank(ClearEnable, irq).Write(Bit(irq));

        // Makes an interrupt pending from software (how tests trigger one).
        public static void Pend(uint irq) => Bank(SetPending, irq).Write(Bit(irq));

        public static unsafe void SetPriority(uint irq, byte priority) => *(byte*)(Priority + irq) = priority;

        // The lowest priority this NVIC implements. A priority byte keeps only its
        // implemented top bits (B3.4.9; 4 on the STM32F4), so 0xFF written to IRQ 0's
        // reads back as that priority; IRQ 0's is then put back to its reset value, 0.
        public static unsafe byte LowestImplementedPriority()
        {
            byte* irq0 = (byte*)Priority;
            *irq0 = 0xFF;
            byte lowest = *irq0;
            *irq0 = 0;
            return lowest;
        }
    }
}
