// USART in asynchronous mode (RM0368 section 19), polled: the console needs no
// interrupts, and polling keeps a panic report printable from any state.
namespace Keel.Hal.Stm32f4
{
    public readonly struct Usart
    {
        public readonly uint Base;

        public Usart(uint baseAddress) => Base = baseAddress;

        public static readonly Usart Usart1 = new Usart(0x40011000);
        public static readonly Usart Usart2 = new Usart(0x40004400);

        private Register32 Sr => new Register32(Base, 0x00);
        private Register32 Dr => new Register32(Base, 0x04);
        private Register32 Brr => new Register32(Base, 0x08);
        private Register32 Cr1 => new Register32(Base, 0x0C);

        private const uint SrTransmitEmpty = 1u << 7;
        private const uint SrTransmitComplete = 1u << 6;
        private const uint Cr1Enable = 1u << 13;
        private const uint Cr1TransmitterEnable = 1u << 3;
        private const uint Cr1ReceiverEnable = 1u << 2;

        // 8N1 at `baud` from a peripheral clock of `clockHz`, 16x oversampling: BRR
        // holds USARTDIV in 12.4 fixed point, i.e. clock / baud rounded.
        public void Enable(uint clockHz, uint baud)
        {
            Brr.Write((clockHz + baud / 2) / baud);
            Cr1.Write(Cr1Enable | Cr1TransmitterEnable | Cr1ReceiverEnable);
        }

        public void Write(byte value)
        {
            while (!Sr.AnySet(SrTransmitEmpty)) { }
            Dr.Write(value);
        }

        public void Flush()
        {
            while (!Sr.AnySet(SrTransmitComplete)) { }
        }
    }
}
