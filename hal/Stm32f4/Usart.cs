// USART in asynchronous mode (RM0368 section 19), transmit side, for the console.
// The console (hal/Console.cs) hands it one byte when it can take one (TXE: the data
// register is empty) and asks for an interrupt when it cannot (TXEIE), so nothing
// waits for the line; the waiting Write and Flush are for the system's end (a panic or
// a halt), when the rest of the text must go out before the board stops.
namespace Keel.Hal.Stm32f4
{
    public readonly struct Usart
    {
        public readonly uint Base;

        public Usart(uint baseAddress) => Base = baseAddress;

        public static readonly Usart Usart1 = new Usart(0x40011000);
        public static readonly Usart Usart2 = new Usart(0x40004400);

        // Positions in the NVIC (RM0368 table 38, RM0090 table 61: the same on both).
        public const uint Usart2Irq = 38;

        private Register32 Sr => new Register32(Base, 0x00);
        private Register32 Dr => new Register32(Base, 0x04);
        private Register32 Brr => new Register32(Base, 0x08);
        private Register32 Cr1 => new Register32(Base, 0x0C);

        private const uint SrTransmitEmpty = 1u << 7;
        private const uint SrTransmitComplete = 1u << 6;
        private const uint Cr1Enable = 1u << 13;
        private const uint Cr1TransmitEmptyInterrupt = 1u << 7;
        private const uint Cr1TransmitterEnable = 1u << 3;
        private const uint Cr1ReceiverEnable = 1u << 2;

        // 8N1 at `baud` from a peripheral clock of `clockHz`, 16x oversampling: BRR
        // holds USARTDIV in 12.4 fixed point, i.e. clock / baud rounded.
        public void Enable(uint clockHz, uint baud)
        {
            Brr.Write((clockHz + baud / 2) / baud);
            Cr1.Write(Cr1Enable | Cr1TransmitterEnable | Cr1ReceiverEnable);
        }

        // The data register is empty: Send does not overwrite a byte still waiting.
        public bool CanSend => Sr.AnySet(SrTransmitEmpty);

        public void Send(byte value) => Dr.Write(value);

        // The USART's interrupt while the data register is empty (TXEIE).
        public void InterruptWhenCanSend(bool enable)
        {
            if (enable)
                Cr1.SetBits(Cr1TransmitEmptyInterrupt);
            else
                Cr1.ClearBits(Cr1TransmitEmptyInterrupt);
        }

        public void Write(byte value)
        {
            while (!CanSend) { }
            Send(value);
        }

        public void Flush()
        {
            while (!Sr.AnySet(SrTransmitComplete)) { }
        }
    }
}
