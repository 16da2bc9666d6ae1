// General-purpose I/O ports (RM0090 section 8, RM0368 section 8). Every port is the same
// 1 KiB register block, 0x400 after the previous one from GPIOA; the offsets are public
// for drivers generic over IRegisterBlock (drivers/sys addresses every port through one
// block that covers them all), and GpioPort serves the kernel's board code, which only
// routes the console's pins.
namespace Keel.Hal.Stm32f4
{
    public readonly struct GpioPort
    {
        public readonly uint Base;

        public GpioPort(uint baseAddress) => Base = baseAddress;

        public const uint FirstPortBase = 0x40020000;   // GPIOA
        public const uint PortStride = 0x400;           // GPIOB = GPIOA + 0x400, ...

        public static readonly GpioPort A = new GpioPort(FirstPortBase);

        // Register offsets in a port's block.
        public const uint ModerOffset = 0x00;    // 2 bits a pin: input, output, alternate, analog
        public const uint OtyperOffset = 0x04;   // 1 bit a pin: push-pull, open-drain
        public const uint OspeedrOffset = 0x08;
        public const uint PupdrOffset = 0x0C;    // 2 bits a pin: none, pull-up, pull-down
        public const uint IdrOffset = 0x10;      // input levels, read-only
        public const uint OdrOffset = 0x14;      // output levels
        public const uint BsrrOffset = 0x18;     // write-only: bits 0-15 set, bits 16-31 reset
        public const uint AfrlOffset = 0x20;     // 4 bits a pin, pins 0-7
        public const uint AfrhOffset = 0x24;     // 4 bits a pin, pins 8-15

        public const int BsrrResetShift = 16;

        private Register32 Moder => new Register32(Base, ModerOffset);
        private Register32 Afrl => new Register32(Base, AfrlOffset);
        private Register32 Afrh => new Register32(Base, AfrhOffset);

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
