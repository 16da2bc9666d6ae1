// Reset and Clock Control (RM0090 / RM0368 section 6): peripheral clock gates, peripheral
// resets and the system clock tree. The offsets are public as well as the registers so
// that a driver generic over IRegisterBlock (drivers/sys) addresses the same registers
// through its block as the kernel's board code does through Register32.
namespace Keel.Hal.Stm32f4
{
    public static class Rcc
    {
        public const uint Base = 0x40023800;

        // Peripheral reset registers (RCC_xxxRSTR): a 1 holds the peripheral in reset.
        public const uint Ahb1RstrOffset = 0x10;
        public const uint Apb1RstrOffset = 0x20;
        public const uint Apb2RstrOffset = 0x24;

        // Peripheral clock enable registers (RCC_xxxENR); each bit sits at the same
        // position as the peripheral's bit in the matching reset register.
        public const uint Ahb1EnrOffset = 0x30;
        public const uint Apb1EnrOffset = 0x40;
        public const uint Apb2EnrOffset = 0x44;

        public static readonly Register32 Cr = new Register32(Base, 0x00);
        public static readonly Register32 Pllcfgr = new Register32(Base, 0x04);
        public static readonly Register32 Cfgr = new Register32(Base, 0x08);
        public static readonly Register32 Ahb1enr = new Register32(Base, Ahb1EnrOffset);
        public static readonly Register32 Apb1enr = new Register32(Base, Apb1EnrOffset);
        public static readonly Register32 Apb2enr = new Register32(Base, Apb2EnrOffset);

        // RCC_CR
        public const uint CrHsiOn = 1u << 0;
        public const uint CrHsiReady = 1u << 1;
        public const uint CrPllOn = 1u << 24;
        public const uint CrPllReady = 1u << 25;

        // RCC_PLLCFGR fields
        public const int PllM = 0;
        public const int PllN = 6;
        public const int PllP = 16;
        public const int PllQ = 24;
        public const uint PllSourceHse = 1u << 22;

        // RCC_CFGR
        public const uint CfgrSwMask = 0x3;
        public const uint CfgrSwPll = 0x2;
        public const uint CfgrSwsMask = 0x3u << 2;
        public const uint CfgrSwsPll = 0x2u << 2;
        public const int CfgrPpre1 = 10;
        public const uint CfgrPpre1Mask = 0x7u << 10;
        public const uint ApbDivideBy2 = 0x4;

        // Clock enable (and reset) bits, RM0090 6.3.10-6.3.14 and RM0368 6.3.9-6.3.12:
        // the same positions on both chips for every peripheral named here.
        public const uint Ahb1GpioA = 1u << 0;   // GPIOx is bit x: A 0, B 1, ... H 7
        public const uint Apb1Tim2 = 1u << 0;
        public const uint Apb1Tim3 = 1u << 1;
        public const uint Apb1Tim4 = 1u << 2;
        public const uint Apb1Tim5 = 1u << 3;
        public const uint Apb1Spi2 = 1u << 14;
        public const uint Apb1Spi3 = 1u << 15;
        public const uint Apb1Usart2 = 1u << 17;
        public const uint Apb1I2c1 = 1u << 21;
        public const uint Apb1I2c2 = 1u << 22;
        public const uint Apb1I2c3 = 1u << 23;
        public const uint Apb2Usart1 = 1u << 4;
        public const uint Apb2Usart6 = 1u << 5;
        public const uint Apb2Spi1 = 1u << 12;
        public const uint Apb2Syscfg = 1u << 14;
    }
}
