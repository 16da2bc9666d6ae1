// A general-purpose timer (RM0090 / RM0368 "General-purpose timers (TIM2 to TIM5)") as
// a free-running up-counter. TIM2 and TIM5 are 32 bits wide, so a counter started with
// no prescaler and the full reload value wraps only after 2^32 timer clocks. Under
// QEMU's -icount mode TIM2 is clocked by the virtual clock, one tick per instruction,
// which makes it an exact instruction counter (docs/performance.md). TimerRegisters is
// the register layout the timer service task (drivers/timer) uses through an
// IRegisterBlock on TIM5.
namespace Keel.Hal.Stm32f4
{
    // Offsets and bits of a general-purpose timer's registers (TIM2 to TIM5).
    public static class TimerRegisters
    {
        public const uint Cr1 = 0x00;
        public const uint Dier = 0x0C;
        public const uint Sr = 0x10;
        public const uint Egr = 0x14;
        public const uint Cnt = 0x24;
        public const uint Psc = 0x28;
        public const uint Arr = 0x2C;
        public const uint Ccr1 = 0x34;

        public const uint Cr1CounterEnable = 1u << 0;
        // URS: only a counter overflow sets UIF, not a software update (EGR.UG).
        public const uint Cr1UpdateOnOverflowOnly = 1u << 2;
        public const uint DierUpdateInterrupt = 1u << 0;
        // CC1IE: the interrupt when the counter matches CCR1 (channel 1 as output compare,
        // its reset configuration: CCMR1 = 0, frozen output).
        public const uint DierCompare1Interrupt = 1u << 1;
        // SR flags are cleared by writing 0 to them (rc_w0); 1s leave the others alone.
        public const uint SrUpdate = 1u << 0;
        public const uint SrCompare1 = 1u << 1;
        public const uint EgrUpdateGeneration = 1u << 0;
        public const uint PrescalerMax = 0xFFFF;

        public const uint Tim5Base = 0x40000C00;
        // NVIC position of TIM5 (RM0368 table 38, RM0090 table 61: the same on both).
        public const uint Tim5Irq = 50;
    }

    public readonly struct Timer
    {
        public readonly uint Base;

        public Timer(uint baseAddress) => Base = baseAddress;

        public static readonly Timer Tim2 = new Timer(0x40000000);

        private Register32 Cr1 => new Register32(Base, TimerRegisters.Cr1);
        private Register32 Egr => new Register32(Base, TimerRegisters.Egr);
        public Register32 Cnt => new Register32(Base, TimerRegisters.Cnt);
        private Register32 Psc => new Register32(Base, TimerRegisters.Psc);
        private Register32 Arr => new Register32(Base, TimerRegisters.Arr);

        private const uint Cr1CounterEnable = TimerRegisters.Cr1CounterEnable;
        private const uint EgrUpdateGeneration = TimerRegisters.EgrUpdateGeneration;
        private const uint FullRange = 0xFFFFFFFF;

        // Counts every timer clock, from 0 up to 2^32 - 1 and round again. The update
        // event loads the prescaler at once instead of at the first overflow.
        public void StartFreeRunning()
        {
            Psc.Write(0);
            Arr.Write(FullRange);
            Egr.Write(EgrUpdateGeneration);
            Cr1.Write(Cr1CounterEnable);
        }

        public uint Count => Cnt.Read();
    }
}
