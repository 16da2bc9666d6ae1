// The STM32F4's I2C peripheral, the "v1" design of the F1/F2/F4/L1 families (RM0090
// section 27, RM0368 section 18): register offsets and bits, for drivers that are
// generic over Keel.Hal.IRegisterBlock (drivers/i2c). Only the chip's facts are here;
// how a master moves through them (the per-length ACK/POS/STOP sequences) is the
// driver's.
namespace Keel.Hal.Stm32f4
{
    public static class I2cRegisters
    {
        public const uint I2c1Base = 0x40005400;
        public const uint I2c2Base = 0x40005800;
        public const uint I2c3Base = 0x40005C00;

        // NVIC positions (RM0090 table 61, RM0368 table 38: the same on both).
        public const uint I2c1EventIrq = 31;
        public const uint I2c1ErrorIrq = 32;

        public const uint Cr1 = 0x00;
        public const uint Cr2 = 0x04;
        public const uint Oar1 = 0x08;
        public const uint Dr = 0x10;
        public const uint Sr1 = 0x14;
        public const uint Sr2 = 0x18;
        public const uint Ccr = 0x1C;
        public const uint Trise = 0x20;

        // CR1
        public const uint Cr1Enable = 1u << 0;          // PE
        public const uint Cr1Start = 1u << 8;           // START: set by software, cleared when sent
        public const uint Cr1Stop = 1u << 9;            // STOP: set by software, cleared when sent
        public const uint Cr1Acknowledge = 1u << 10;    // ACK: acknowledge received bytes
        public const uint Cr1AcknowledgeNext = 1u << 11; // POS: ACK applies to the next byte
        public const uint Cr1SoftwareReset = 1u << 15;  // SWRST

        // CR2
        public const uint Cr2FrequencyMask = 0x3F;      // FREQ: the APB clock in MHz (2..50)

        // SR1
        public const uint Sr1StartSent = 1u << 0;       // SB
        public const uint Sr1AddressSent = 1u << 1;     // ADDR (cleared by reading SR1 then SR2)
        public const uint Sr1ByteTransferFinished = 1u << 2; // BTF
        public const uint Sr1ReceiveNotEmpty = 1u << 6; // RxNE
        public const uint Sr1TransmitEmpty = 1u << 7;   // TxE
        public const uint Sr1BusError = 1u << 8;        // BERR: a misplaced start or stop (rc_w0)
        public const uint Sr1ArbitrationLost = 1u << 9; // ARLO (rc_w0)
        public const uint Sr1AcknowledgeFailure = 1u << 10; // AF: a NACK (rc_w0)
        public const uint Sr1Overrun = 1u << 11;        // OVR (rc_w0)
        public const uint Sr1Errors = Sr1BusError | Sr1ArbitrationLost | Sr1AcknowledgeFailure | Sr1Overrun;

        // SR2
        public const uint Sr2Master = 1u << 0;          // MSL
        public const uint Sr2Busy = 1u << 1;            // BUSY: the bus is between a start and a stop
        public const uint Sr2Transmitter = 1u << 2;     // TRA

        // CCR: standard mode (F/S = 0), SCL high and low each CCR periods of the APB clock.
        public const uint CcrMask = 0xFFF;
        public const uint CcrMinimumStandard = 4;
        // F/S: fast mode (up to 400 kHz); with DUTY clear, SCL is low 2 CCR and high 1.
        public const uint CcrFastMode = 1u << 15;
        public const uint CcrMinimumFast = 1;
    }
}
