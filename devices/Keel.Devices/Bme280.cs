// Bosch BME280: temperature, pressure and humidity, on I2C or SPI (datasheet
// BST-BME280-DS002). One driver for both buses: it reads and writes registers through
// IRegisters (I2cRegisters, SpiRegisters), and Bme280.OnI2c / Bme280.OnSpi build it.
//
//     var sensor = Bme280.OnI2c(i2c, address: 0x76);
//     Error status = sensor.Read(out Bme280Reading reading);
//     // reading.Temperature.Celsius, reading.Pressure.Hectopascals, reading.Humidity.Percent
//
// Design:
// - Forced mode: each Read starts one measurement (ctrl_meas mode 01) and waits for it,
//   so the part sleeps (0.1 µA) between readings and a reading is never older than the
//   call. The wait polls status.measuring at most PollLimit times, then is Timeout.
// - The first Read (or Initialise) checks the chip id (0x60, else WrongDevice), resets
//   the part, waits for it to copy its calibration from NVM (status.im_update) and
//   reads that calibration, which the compensation needs: 0x88-0xA1 and 0xE1-0xE7.
//   A failure leaves the driver uninitialised, so the next Read starts again.
// - Compensation is the datasheet's integer code (section 4.2.3: 32-bit for
//   temperature and humidity, 64-bit for pressure), exact and with no double, converted
//   to units at the end. A quantity whose oversampling is Skipped reads as 0x80000
//   (0x8000 for humidity) and Read returns it as zero.
using System;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices
{
    public static class Bme280
    {
        // SDO to GND; 0x77 with SDO to VDDIO.
        public const byte DefaultAddress = 0x76;

        public static Bme280<I2cRegisters<TBus>> OnI2c<TBus>(TBus bus, byte address = DefaultAddress) where TBus : II2c =>
            new Bme280<I2cRegisters<TBus>>(new I2cRegisters<TBus>(bus, address));

        public static Bme280<SpiRegisters<TBus>> OnSpi<TBus>(TBus bus) where TBus : ISpi =>
            new Bme280<SpiRegisters<TBus>>(new SpiRegisters<TBus>(bus));
    }

    // osrs_t, osrs_p, osrs_h: how many samples the part averages per measurement.
    public enum Oversampling : byte
    {
        Skipped = 0,
        X1 = 1,
        X2 = 2,
        X4 = 3,
        X8 = 4,
        X16 = 5,
    }

    public readonly struct Bme280Reading
    {
        public Bme280Reading(Temperature temperature, Pressure pressure, RelativeHumidity humidity)
        {
            Temperature = temperature;
            Pressure = pressure;
            Humidity = humidity;
        }

        public Temperature Temperature { get; }

        public Pressure Pressure { get; }

        public RelativeHumidity Humidity { get; }
    }

    public struct Bme280<TRegisters> where TRegisters : IRegisters
    {
        public const byte ChipIdRegister = 0xD0;
        public const byte ChipId = 0x60;
        public const byte ResetRegister = 0xE0;
        public const byte ResetWord = 0xB6;
        public const byte CtrlHumRegister = 0xF2;
        public const byte StatusRegister = 0xF3;
        public const byte CtrlMeasRegister = 0xF4;
        public const byte DataRegister = 0xF7;        // press_msb: 8 bytes to hum_lsb
        public const byte CalibrationTpRegister = 0x88; // dig_T1 to dig_H1: 26 bytes
        public const byte CalibrationHRegister = 0xE1;  // dig_H2 to dig_H6: 7 bytes

        public const byte StatusMeasuring = 0x08;
        public const byte StatusImUpdate = 0x01;
        public const byte ModeForced = 0x01;

        // Polls of the status register before a wait is Timeout: each is a register read
        // through the I2C task (well over 100 µs), and a measurement at 16x on all three
        // lasts at most 113 ms (datasheet 9.1).
        public const int PollLimit = 2_000;

        private const int SkippedTemperatureOrPressure = 0x80000;
        private const int SkippedHumidity = 0x8000;

        private readonly TRegisters _registers;
        private readonly byte _ctrlMeas;
        private readonly byte _ctrlHum;
        private bool _initialised;
        private Calibration _calibration;

        public Bme280(TRegisters registers, Oversampling temperature = Oversampling.X1, Oversampling pressure = Oversampling.X1, Oversampling humidity = Oversampling.X1)
        {
            _registers = registers;
            _ctrlMeas = (byte)(((int)temperature << 5) | ((int)pressure << 2) | ModeForced);
            _ctrlHum = (byte)humidity;
            _initialised = false;
            _calibration = default;
        }

        // Checks the part, resets it and reads its calibration; Read does it when needed.
        public Error Initialise()
        {
            _initialised = false;
            Span<byte> id = stackalloc byte[1];
            Error status = _registers.Read(ChipIdRegister, id);
            if (status != Error.Ok)
                return status;
            if (id[0] != ChipId)
                return Error.WrongDevice;
            Span<byte> reset = stackalloc byte[1];
            reset[0] = ResetWord;
            status = _registers.Write(ResetRegister, reset);
            if (status == Error.Ok)
                status = WaitWhile(StatusImUpdate);
            if (status != Error.Ok)
                return status;
            Span<byte> tp = stackalloc byte[26];
            status = _registers.Read(CalibrationTpRegister, tp);
            if (status != Error.Ok)
                return status;
            Span<byte> h = stackalloc byte[7];
            status = _registers.Read(CalibrationHRegister, h);
            if (status != Error.Ok)
                return status;
            _calibration = Calibration.From(tp, h);
            _initialised = true;
            return Error.Ok;
        }

        // One forced measurement of the three quantities.
        public Error Read(out Bme280Reading reading)
        {
            reading = default;
            Error status = _initialised ? Error.Ok : Initialise();
            if (status != Error.Ok)
                return status;
            Span<byte> control = stackalloc byte[1];
            // ctrl_hum takes effect at the next write of ctrl_meas (datasheet 5.4.3).
            control[0] = _ctrlHum;
            status = _registers.Write(CtrlHumRegister, control);
            if (status != Error.Ok)
                return status;
            control[0] = _ctrlMeas;
            status = _registers.Write(CtrlMeasRegister, control);
            if (status == Error.Ok)
                status = WaitWhile(StatusMeasuring);
            if (status != Error.Ok)
                return status;
            Span<byte> data = stackalloc byte[8];
            status = _registers.Read(DataRegister, data);
            if (status != Error.Ok)
                return status;
            int adcP = (data[0] << 12) | (data[1] << 4) | (data[2] >> 4);
            int adcT = (data[3] << 12) | (data[4] << 4) | (data[5] >> 4);
            int adcH = (data[6] << 8) | data[7];

            int fine = adcT == SkippedTemperatureOrPressure ? 0 : _calibration.FineTemperature(adcT);
            float celsius = adcT == SkippedTemperatureOrPressure ? 0f : ((fine * 5 + 128) >> 8) / 100f;
            float pascals = adcP == SkippedTemperatureOrPressure || adcT == SkippedTemperatureOrPressure ? 0f : _calibration.PressureQ24_8(adcP, fine) / 256f;
            float percent = adcH == SkippedHumidity || adcT == SkippedTemperatureOrPressure ? 0f : _calibration.HumidityQ22_10(adcH, fine) / 1024f;
            reading = new Bme280Reading(Temperature.FromCelsius(celsius), Pressure.FromPascals(pascals), RelativeHumidity.FromPercent(percent));
            return Error.Ok;
        }

        private Error WaitWhile(byte statusBit) => Registers.WaitFor(in _registers, StatusRegister, statusBit, 0, PollLimit);

        // The trimming parameters (datasheet table 16) and the compensation that uses them.
        private struct Calibration
        {
            private ushort _t1;
            private short _t2, _t3;
            private ushort _p1;
            private short _p2, _p3, _p4, _p5, _p6, _p7, _p8, _p9;
            private byte _h1, _h3;
            private short _h2, _h4, _h5;
            private sbyte _h6;

            public static Calibration From(ReadOnlySpan<byte> tp, ReadOnlySpan<byte> h)
            {
                Calibration c = default;
                c._t1 = (ushort)Little(tp, 0);
                c._t2 = (short)Little(tp, 2);
                c._t3 = (short)Little(tp, 4);
                c._p1 = (ushort)Little(tp, 6);
                c._p2 = (short)Little(tp, 8);
                c._p3 = (short)Little(tp, 10);
                c._p4 = (short)Little(tp, 12);
                c._p5 = (short)Little(tp, 14);
                c._p6 = (short)Little(tp, 16);
                c._p7 = (short)Little(tp, 18);
                c._p8 = (short)Little(tp, 20);
                c._p9 = (short)Little(tp, 22);
                c._h1 = tp[25];
                c._h2 = (short)Little(h, 0);
                c._h3 = h[2];
                // dig_H4 and dig_H5 are signed 12-bit values sharing 0xE5.
                c._h4 = (short)(((sbyte)h[3] << 4) | (h[4] & 0x0F));
                c._h5 = (short)(((sbyte)h[5] << 4) | (h[4] >> 4));
                c._h6 = (sbyte)h[6];
                return c;
            }

            private static int Little(ReadOnlySpan<byte> bytes, int offset) => bytes[offset] | (bytes[offset + 1] << 8);

            // t_fine, of which the temperature in 0.01 °C is (t_fine * 5 + 128) >> 8.
            public int FineTemperature(int adcT)
            {
                int var1 = (((adcT >> 3) - (_t1 << 1)) * _t2) >> 11;
                int delta = (adcT >> 4) - _t1;
                int var2 = (((delta * delta) >> 12) * _t3) >> 14;
                return var1 + var2;
            }

            // Pascals as an unsigned Q24.8.
            public uint PressureQ24_8(int adcP, int fine)
            {
                long var1 = (long)fine - 128000;
                long var2 = var1 * var1 * _p6;
                var2 += (var1 * _p5) << 17;
                var2 += (long)_p4 << 35;
                var1 = ((var1 * var1 * _p3) >> 8) + ((var1 * _p2) << 12);
                var1 = (((1L << 47) + var1) * _p1) >> 33;
                if (var1 == 0)
                    return 0; // dig_P1 of 0: the division below would fault
                long p = 1048576 - adcP;
                p = (((p << 31) - var2) * 3125) / var1;
                var1 = (_p9 * (p >> 13) * (p >> 13)) >> 25;
                var2 = (_p8 * p) >> 19;
                p = ((p + var1 + var2) >> 8) + ((long)_p7 << 4);
                return (uint)p;
            }

            // Relative humidity in percent as an unsigned Q22.10.
            public uint HumidityQ22_10(int adcH, int fine)
            {
                int x = fine - 76800;
                x = ((((adcH << 14) - (_h4 << 20) - (_h5 * x)) + 16384) >> 15)
                    * (((((((x * _h6) >> 10) * (((x * _h3) >> 11) + 32768)) >> 10) + 2097152) * _h2 + 8192) >> 14);
                x -= ((((x >> 15) * (x >> 15)) >> 7) * _h1) >> 4;
                x = x < 0 ? 0 : x;
                x = x > 419430400 ? 419430400 : x;
                return (uint)(x >> 12);
            }
        }
    }
}
