// Reset and Clock Control (RM0090 / RM0368 section 6): peripheral clock gates and the
// system clock tree.
namespace Keel.Hal.Stm32f4
{
    public static class Rcc
    {
        public const uint Base = 0x40023800;

        public static readonly Register32 Cr = new Register32(Base, 0x00);
        public static readonly Register32 Pllcfgr = new Register32(Base, 0x04);
        public static readonly Register32 Cfgr = new Register32(Base, 0x08);
        public static readonly Register32 Ahb1enr = new Register32(Base, 0x30);
        public static readonly Register32 Apb1enr = new Register32(Base, 0x40);
        public static readonly Register32 Apb2enr = new Register32(Base, 0x44);

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

        // Clock enable bits
        public const uint Ahb1GpioA = 1u << 0;
        public const uint Apb1Tim2 = 1u << 0;
        public const uint Apb1Usart2 = 1u << 17;
        public const uint Apb2Usart1 = 1u << 4;
    }
}
