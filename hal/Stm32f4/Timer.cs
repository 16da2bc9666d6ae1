// A general-purpose timer (RM0090 / RM0368 "General-purpose timers (TIM2 to TIM5)") as
// a free-running up-counter. TIM2 and TIM5 are 32 bits wide, so a counter started with
// no prescaler and the full reload value wraps only after 2^32 timer clocks. Under
// QEMU's -icount mode TIM2 is clocked by the virtual clock, one tick per instruction,
// which makes it an exact instruction counter (docs/performance.md).
namespace Keel.Hal.Stm32f4
{
    public readonly struct Timer
    {
        public readonly uint Base;

        public Timer(uint baseAddress) => Base = baseAddress;

        public static readonly Timer Tim2 = new Timer(0x40000000);

        private Register32 Cr1 => new Register32(Base, 0x00);
        private Register32 Egr => new Register32(Base, 0x14);
        public Register32 Cnt => new Register32(Base, 0x24);
        private Register32 Psc => new Register32(Base, 0x28);
        private Register32 Arr => new Register32(Base, 0x2C);

        private const uint Cr1CounterEnable = 1u << 0;
        private const uint EgrUpdateGeneration = 1u << 0;
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
