// The external interrupt controller, EXTI (RM0090 section 12.3, RM0368 section 10.3),
// and the part of SYSCFG that feeds it (RM0090 9.2.3-9.2.6, RM0368 7.2.3-7.2.6). Lines
// 0-15 are GPIO pins: line n takes pin n of the one port SYSCFG_EXTICR selects for it.
// A line with its mask bit set (IMR) and an edge selected (RTSR, FTSR) sets its pending
// bit (PR) on that edge and raises its interrupt until software writes 1 to that bit.
// Lines 0-4 have an interrupt each; 5-9 share one, 10-15 another. SWIER raises a line
// from software; nothing in Keel writes it (it would forge another task's interrupt).
namespace Keel.Hal.Stm32f4
{
    public static class Exti
    {
        public const uint Base = 0x40013C00;

        public const uint ImrOffset = 0x00;
        public const uint EmrOffset = 0x04;
        public const uint RtsrOffset = 0x08;
        public const uint FtsrOffset = 0x0C;
        public const uint SwierOffset = 0x10;
        public const uint PrOffset = 0x14;

        // The GPIO lines.
        public const int PinLines = 16;

        // Positions in the NVIC (RM0090 table 61, RM0368 table 38: the same on both).
        public const uint Line0Irq = 6;           // EXTI0 .. EXTI4 are 6 .. 10
        public const uint Lines5To9Irq = 23;      // EXTI9_5
        public const uint Lines10To15Irq = 40;    // EXTI15_10
    }

    public static class Syscfg
    {
        public const uint Base = 0x40013800;

        // SYSCFG_EXTICR1..4: 4 bits a line, four lines a register, the field holding
        // the port (0 = A, 1 = B, ... as the ports lie in memory).
        public const uint Exticr1Offset = 0x08;
        public const int ExticrLinesPerRegister = 4;
        public const int ExticrFieldBits = 4;
        public const uint ExticrFieldMask = 0xF;
    }
}
