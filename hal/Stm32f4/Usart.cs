// USART in asynchronous mode (RM0368 section 19, RM0090 section 30): the register
// layout (UsartRegisters, which the USART driver task, drivers/usart, uses through an
// IRegisterBlock), and the transmit side the kernel's console drives (Usart).
// The console (hal/Console.cs) hands it one byte when it can take one (TXE: the data
// register is empty) and asks for an interrupt when it cannot (TXEIE), so nothing
// waits for the line; the waiting Write and Flush are for the system's end (a panic or
// a halt), when the rest of the text must go out before the board stops.
namespace Keel.Hal.Stm32f4
{
    // Offsets and bits of a USART's registers, the same on USART1, 2 and 6 of both chips.
    public static class UsartRegisters
    {
        public const uint Sr = 0x00;
        public const uint Dr = 0x04;
        public const uint Brr = 0x08;
        public const uint Cr1 = 0x0C;

        // SR: flags the hardware sets. RXNE and ORE clear by reading SR then DR.
        public const uint SrOverrun = 1u << 3;
        public const uint SrReceiveNotEmpty = 1u << 5;
        public const uint SrTransmitComplete = 1u << 6;
        public const uint SrTransmitEmpty = 1u << 7;

        // CR1
        public const uint Cr1ReceiverEnable = 1u << 2;
        public const uint Cr1TransmitterEnable = 1u << 3;
        public const uint Cr1ReceiveInterrupt = 1u << 5;     // RXNEIE: RXNE or ORE interrupts
        public const uint Cr1TransmitEmptyInterrupt = 1u << 7;
        public const uint Cr1Enable = 1u << 13;

        // BRR for 8N1 at `baud` from a peripheral clock of `clockHz`, 16x oversampling:
        // USARTDIV in 12.4 fixed point, i.e. clock / baud rounded.
        public static uint BaudDivisor(uint clockHz, uint baud) => (clockHz + baud / 2) / baud;
    }

    public readonly struct Usart
    {
        public readonly uint Base;

        public Usart(uint baseAddress) => Base = baseAddress;

        public static readonly Usart Usart1 = new Usart(0x40011000);
        public static readonly Usart Usart2 = new Usart(0x40004400);

        // Positions in the NVIC (RM0368 table 38, RM0090 table 61: the same on both).
        public const uint Usart2Irq = 38;

        public const uint Usart1Irq = 37;

        private Register32 Sr => new Register32(Base, UsartRegisters.Sr);
        private Register32 Dr => new Register32(Base, UsartRegisters.Dr);
        private Register32 Brr => new Register32(Base, UsartRegisters.Brr);
        private Register32 Cr1 => new Register32(Base, UsartRegisters.Cr1);

        private const uint SrTransmitEmpty = UsartRegisters.SrTransmitEmpty;
        private const uint SrTransmitComplete = UsartRegisters.SrTransmitComplete;
        private const uint Cr1TransmitEmptyInterrupt = UsartRegisters.Cr1TransmitEmptyInterrupt;

        // 8N1 at `baud` from a peripheral clock of `clockHz`.
        public void Enable(uint clockHz, uint baud)
        {
            Brr.Write(UsartRegisters.BaudDivisor(clockHz, baud));
            Cr1.Write(UsartRegisters.Cr1Enable | UsartRegisters.Cr1TransmitterEnable | UsartRegisters.Cr1ReceiverEnable);
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
