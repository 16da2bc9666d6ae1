// Analog Devices ADXL345: a three-axis accelerometer on I2C (datasheet Rev. G).
// Byte-wide registers behind a pointer that moves on after each byte: DEVID (0x00,
// reads 0xE5), BW_RATE (0x2C), POWER_CTL (0x2D, Measure is bit 3), INT_SOURCE (0x30,
// DATA_READY is bit 7), DATA_FORMAT (0x31: FULL_RES bit 3, range bits 1:0), and the
// three axes as 16-bit two's complement, least significant byte first, at 0x32-0x37.
// The part starts in standby; Read starts it (Initialise) when needed.
//
//     var accelerometer = new Adxl345<I2cClient>(i2c);        // 0x53 (ALT ADDRESS low)
//     Error status = accelerometer.Read(out Acceleration3D a); // a.Z.Gravity, a.X.MetersPerSecondSquared
//
// Full resolution is on at every range: 256 counts per g (3.9 mg), the range only
// widening how many counts there are (10 bits at ±2 g to 13 at ±16 g).
using System;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices
{
    // DATA_FORMAT's range bits.
    public enum AccelerationRange : byte
    {
        TwoG = 0,
        FourG = 1,
        EightG = 2,
        SixteenG = 3,
    }

    public struct Adxl345<TBus> where TBus : II2c
    {
        // ALT ADDRESS to ground; 0x1D with it high.
        public const byte DefaultAddress = 0x53;

        public const byte DeviceIdRegister = 0x00;
        public const byte DeviceId = 0xE5;
        public const byte BandwidthRateRegister = 0x2C;
        public const byte PowerControlRegister = 0x2D;
        public const byte InterruptSourceRegister = 0x30;
        public const byte DataFormatRegister = 0x31;
        public const byte DataRegister = 0x32;

        public const byte Measure = 0x08;
        public const byte FullResolution = 0x08;
        public const byte DataReady = 0x80;
        // 100 Hz output, the reset value.
        public const byte Rate100Hz = 0x0A;

        // Polls of INT_SOURCE before a wait for a sample is Timeout: a sample comes every
        // 10 ms at 100 Hz, and each poll is a register read through the I2C task.
        public const int PollLimit = 2_000;

        private const float GravityPerCount = 1f / 256f;

        private readonly I2cRegisters<TBus> _registers;
        private readonly AccelerationRange _range;
        private bool _initialised;

        public Adxl345(TBus bus, byte address = DefaultAddress, AccelerationRange range = AccelerationRange.TwoG)
        {
            _registers = new I2cRegisters<TBus>(bus, address);
            _range = range;
            _initialised = false;
        }

        // Checks the part, sets its range and rate, and starts measuring.
        public Error Initialise()
        {
            _initialised = false;
            Span<byte> id = stackalloc byte[1];
            Error status = _registers.Read(DeviceIdRegister, id);
            if (status != Error.Ok)
                return status;
            if (id[0] != DeviceId)
                return Error.WrongDevice;
            status = _registers.Write(DataFormatRegister, (byte)(FullResolution | (byte)_range));
            if (status == Error.Ok)
                status = _registers.Write(BandwidthRateRegister, Rate100Hz);
            if (status == Error.Ok)
                status = _registers.Write(PowerControlRegister, Measure);
            _initialised = status == Error.Ok;
            return status;
        }

        // The next sample: waits for DATA_READY, then reads the three axes in one
        // transfer, which the part keeps consistent (it does not update them mid-read).
        public Error Read(out Acceleration3D acceleration)
        {
            acceleration = default;
            Error status = _initialised ? Error.Ok : Initialise();
            if (status != Error.Ok)
                return status;
            status = WaitForSample();
            if (status != Error.Ok)
                return status;
            Span<byte> data = stackalloc byte[6];
            status = _registers.Read(DataRegister, data);
            if (status != Error.Ok)
                return status;
            acceleration = new Acceleration3D(Axis(data, 0), Axis(data, 2), Axis(data, 4));
            return Error.Ok;
        }

        private Error WaitForSample() => Registers.WaitFor(in _registers, InterruptSourceRegister, DataReady, DataReady, PollLimit);

        private static Acceleration Axis(ReadOnlySpan<byte> data, int offset) =>
            Acceleration.FromGravity((short)(data[offset] | (data[offset + 1] << 8)) * GravityPerCount);
    }
}
