// The STM32F4's SPI peripheral (RM0090 section 28, RM0368 section 20): register offsets
// and bits, for drivers that are generic over Keel.Hal.IRegisterBlock (drivers/spi).
namespace Keel.Hal.Stm32f4
{
    public static class SpiRegisters
    {
        public const uint Spi1Base = 0x40013000;
        public const uint Spi2Base = 0x40003800;
        public const uint Spi3Base = 0x40003C00;

        // NVIC positions (RM0090 table 61, RM0368 table 38).
        public const uint Spi1Irq = 35;
        public const uint Spi2Irq = 36;

        public const uint Cr1 = 0x00;
        public const uint Cr2 = 0x04;
        public const uint Sr = 0x08;
        public const uint Dr = 0x0C;

        // CR1
        public const uint Cr1ClockPhase = 1u << 0;      // CPHA: sample on the second edge
        public const uint Cr1ClockPolarity = 1u << 1;   // CPOL: clock idles high
        public const uint Cr1Master = 1u << 2;          // MSTR
        public const int Cr1BaudShift = 3;              // BR[2:0]: the clock is f_PCLK / 2^(BR+1)
        public const uint Cr1BaudMask = 0x7u << 3;
        public const uint Cr1Enable = 1u << 6;          // SPE
        public const uint Cr1LsbFirst = 1u << 7;        // LSBFIRST
        public const uint Cr1InternalSelect = 1u << 8;  // SSI: the NSS level seen by the peripheral under SSM
        public const uint Cr1SoftwareSelect = 1u << 9;  // SSM: NSS managed by software (SSI), not the pin

        // SR
        public const uint SrReceiveNotEmpty = 1u << 0;  // RXNE
        public const uint SrTransmitEmpty = 1u << 1;    // TXE
        public const uint SrModeFault = 1u << 5;        // MODF: another master drove NSS low
        public const uint SrOverrun = 1u << 6;          // OVR
        public const uint SrBusy = 1u << 7;             // BSY
    }
}
