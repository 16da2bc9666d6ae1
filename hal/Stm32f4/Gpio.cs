// General-purpose I/O ports (RM0368 section 8): just what pin multiplexing needs.
namespace Keel.Hal.Stm32f4
{
    public readonly struct GpioPort
    {
        public readonly uint Base;

        public GpioPort(uint baseAddress) => Base = baseAddress;

        public static readonly GpioPort A = new GpioPort(0x40020000);

        private Register32 Moder => new Register32(Base, 0x00);
        private Register32 Afrl => new Register32(Base, 0x20);
        private Register32 Afrh => new Register32(Base, 0x24);

        private const uint ModeAlternate = 0x2;

        // Routes `pin` to alternate function `function` (0-15).
        public void SetAlternateFunction(int pin, uint function)
        {
            Moder.Modify(0x3u << (pin * 2), ModeAlternate << (pin * 2));
            Register32 afr = pin < 8 ? Afrl : Afrh;
            int shift = (pin & 7) * 4;
            afr.Modify(0xFu << shift, function << shift);
        }
    }
}
