using System;
using Keel.Devices.Tests.Models;
using Keel.Kernel;
using Xunit;

namespace Keel.Devices.Tests;

// The BME280 driver against the part's model on I2C and on SPI: the compensated values
// checked against the datasheet's floating-point formulas (section 8.1, computed here in
// double) and Bosch's worked example, the forced-mode sequence on the wire, and the
// error paths: another chip's id, no part, a measurement that never ends, a bus that
// does not work, and that a failed start is tried again.
public class Bme280Tests
{
    // Bosch's example trimming values (BMP280 datasheet 3.12, the same T and P
    // compensation) and typical humidity ones.
    private static Bme280Model CalibratedModel(byte chipId = 0x60)
    {
        var model = new Bme280Model(chipId) { AdcTemperature = 519888, AdcPressure = 415148, AdcHumidity = 30_000 };
        model.SetCalibration(27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
            h1: 75, h2: 362, h3: 0, h4: 313, h5: 50, h6: 30);
        return model;
    }

    [Fact]
    public void OnI2cAReadIsBoschsWorkedExample()
    {
        var bus = new I2cBus();
        Bme280Model model = CalibratedModel();
        bus.Attach(0x76, new Bme280Model.OnI2c(model));
        var sensor = Bme280.OnI2c(bus, address: 0x76);

        Assert.Equal(Error.Ok, sensor.Read(out Bme280Reading reading));

        // 100653.27 Pa is the example's double result; the 64-bit integer code gives
        // 25767233 / 256 = 100653.254 Pa, 0.02 Pa from it.
        Assert.Equal(25.08f, reading.Temperature.Celsius);
        Assert.Equal(100653.27, reading.Pressure.Pascals, 0.05);
        Assert.Equal(1006.5327, reading.Pressure.Hectopascals, 0.0005);
        Expected expected = Expected.From(model);
        Assert.Equal(expected.Humidity, reading.Humidity.Percent, 0.01);
        Assert.Equal(1, model.Resets);
        Assert.Equal(1, model.Measurements);
        Assert.Equal(0x24, model[0xF4]); // osrs_t x1, osrs_p x1, back to sleep
        Assert.Equal(0x01, model[0xF2]);
    }

    [Theory]
    [InlineData(519888, 415148, 30000)]
    [InlineData(400000, 300000, 20000)]
    [InlineData(600000, 500000, 45000)]
    [InlineData(480000, 350000, 35000)]
    public void OverSpiTheValuesAreTheDatasheetsFormulas(int adcT, int adcP, int adcH)
    {
        var bus = new SpiBus();
        Bme280Model model = CalibratedModel();
        model.AdcTemperature = adcT;
        model.AdcPressure = adcP;
        model.AdcHumidity = adcH;
        bus.Part = new Bme280Model.OnSpi(model);
        var sensor = Bme280.OnSpi(bus);

        Assert.Equal(Error.Ok, sensor.Read(out Bme280Reading reading));

        Expected expected = Expected.From(model);
        Assert.Equal(expected.Celsius, reading.Temperature.Celsius, 0.01);
        Assert.Equal(expected.Pascals, reading.Pressure.Pascals, 0.1);
        Assert.Equal(expected.Humidity, reading.Humidity.Percent, 0.02);
    }

    [Fact]
    public void OverSpiTheFramesFollowTheDatasheet()
    {
        var bus = new SpiBus();
        Bme280Model model = CalibratedModel();
        model.ImUpdatePolls = 1;
        model.MeasurementPolls = 1;
        bus.Part = new Bme280Model.OnSpi(model);
        var sensor = Bme280.OnSpi(bus);

        Assert.Equal(Error.Ok, sensor.Read(out _));

        Assert.Equal(
        [
            "d0ff",                                 // read id
            "60b6",                                 // reset: 0xE0 with RW clear
            "f3ff", "f3ff",                         // status: im_update, then clear
            "88" + new string('f', 52),             // 26 bytes of calibration
            "e1ffffffffffffff",                     // 7 more
            "7201",                                 // ctrl_hum: x1
            "7425",                                 // ctrl_meas: x1, x1, forced
            "f3ff", "f3ff",                         // measuring, then done
            "f7ffffffffffffffff",                   // the 8 data bytes
        ], bus.Log);
    }

    [Fact]
    public void TheSecondReadMeasuresWithoutStartingAgain()
    {
        var bus = new I2cBus();
        Bme280Model model = CalibratedModel();
        bus.Attach(0x77, new Bme280Model.OnI2c(model));
        var sensor = Bme280.OnI2c(bus, address: 0x77);

        Assert.Equal(Error.Ok, sensor.Read(out _));
        bus.Log.Clear();
        model.AdcTemperature = 500000;
        Assert.Equal(Error.Ok, sensor.Read(out Bme280Reading second));

        Assert.Equal(1, model.Resets);
        Assert.Equal(2, model.Measurements);
        Assert.DoesNotContain("77 W d0", bus.Log);
        Assert.Equal(Expected.From(model).Celsius, second.Temperature.Celsius, 0.01);
    }

    [Fact]
    public void ASkippedQuantityReadsAsZero()
    {
        var bus = new I2cBus();
        Bme280Model model = CalibratedModel();
        bus.Attach(0x76, new Bme280Model.OnI2c(model));
        var sensor = new Bme280<I2cRegisters<I2cBus>>(new I2cRegisters<I2cBus>(bus, 0x76), humidity: Oversampling.Skipped, pressure: Oversampling.X16);

        Assert.Equal(Error.Ok, sensor.Read(out Bme280Reading reading));

        Assert.Equal(0f, reading.Humidity.Percent);
        Assert.Equal(25.08f, reading.Temperature.Celsius);
        Assert.Equal(100653.27, reading.Pressure.Pascals, 0.05);
        Assert.Equal(0x00, model[0xF2]);
        Assert.Equal(0x34, model[0xF4]);
    }

    [Fact]
    public void AnotherChipIsWrongDeviceAndIsNeitherResetNorMeasured()
    {
        // A BMP280 (id 0x58) answers at the same addresses.
        var bus = new I2cBus();
        Bme280Model model = CalibratedModel(chipId: 0x58);
        bus.Attach(0x76, new Bme280Model.OnI2c(model));
        var sensor = Bme280.OnI2c(bus);

        Assert.Equal(Error.WrongDevice, sensor.Read(out Bme280Reading reading));

        Assert.Equal(0f, reading.Temperature.Celsius);
        Assert.Equal(0, model.Resets);
        Assert.Equal(0, model.Measurements);
        Assert.Equal(["76 W d0", "76 R 1"], bus.Log);
    }

    [Fact]
    public void OnSpiWithNoPartTheIdIsWrong()
    {
        // An SPI bus with nothing on it reads 0 (MISO low), which is not 0x60.
        var sensor = Bme280.OnSpi(new SpiBus());

        Assert.Equal(Error.WrongDevice, sensor.Read(out _));
    }

    [Fact]
    public void AMeasurementThatNeverEndsIsTimeoutAfterThePollLimit()
    {
        var bus = new I2cBus();
        Bme280Model model = CalibratedModel();
        model.MeasurementPolls = int.MaxValue;
        bus.Attach(0x76, new Bme280Model.OnI2c(model));
        var sensor = Bme280.OnI2c(bus);

        Assert.Equal(Error.Timeout, sensor.Read(out _));

        Assert.Equal(Bme280<I2cRegisters<I2cBus>>.PollLimit + model.ImUpdatePolls + 1, bus.Log.FindAll(entry => entry == "76 W f3").Count);
    }

    [Fact]
    public void ACalibrationCopyThatNeverEndsIsTimeout()
    {
        var bus = new I2cBus();
        Bme280Model model = CalibratedModel();
        model.ImUpdatePolls = int.MaxValue;
        bus.Attach(0x76, new Bme280Model.OnI2c(model));

        Assert.Equal(Error.Timeout, Bme280.OnI2c(bus).Read(out _));
        Assert.Equal(0, model.Measurements);
    }

    [Fact]
    public void NoPartIsNackAndAPartThatAnswersLaterIsStartedThen()
    {
        var bus = new I2cBus();
        var sensor = Bme280.OnI2c(bus);

        Assert.Equal(Error.Nack, sensor.Read(out _));
        Assert.Equal(Error.Nack, sensor.Initialise());

        Bme280Model model = CalibratedModel();
        bus.Attach(0x76, new Bme280Model.OnI2c(model));
        Assert.Equal(Error.Ok, sensor.Read(out Bme280Reading reading));
        Assert.Equal(25.08f, reading.Temperature.Celsius);
    }

    [Fact]
    public void ABusThatDoesNotWorkGivesItsError()
    {
        var bus = new SpiBus { Failure = Error.Timeout, Part = new Bme280Model.OnSpi(CalibratedModel()) };

        Assert.Equal(Error.Timeout, Bme280.OnSpi(bus).Read(out _));
    }

    // The datasheet's floating-point compensation (BST-BME280-DS002 section 8.1), in
    // double, from the model's trimming registers as the datasheet lays them out.
    private readonly record struct Expected(double Celsius, double Pascals, double Humidity)
    {
        public static Expected From(Bme280Model m)
        {
            int U16(byte r) => m[r] | (m[(byte)(r + 1)] << 8);
            int S16(byte r) => (short)U16(r);
            double t1 = U16(0x88), t2 = S16(0x8A), t3 = S16(0x8C);
            double p1 = U16(0x8E), p2 = S16(0x90), p3 = S16(0x92), p4 = S16(0x94), p5 = S16(0x96), p6 = S16(0x98), p7 = S16(0x9A), p8 = S16(0x9C), p9 = S16(0x9E);
            double h1 = m[0xA1], h2 = S16(0xE1), h3 = m[0xE3];
            double h4 = ((sbyte)m[0xE4] << 4) | (m[0xE5] & 0xF), h5 = ((sbyte)m[0xE6] << 4) | (m[0xE5] >> 4), h6 = (sbyte)m[0xE7];
            double adcT = m.AdcTemperature, adcP = m.AdcPressure, adcH = m.AdcHumidity;

            double var1 = (adcT / 16384.0 - t1 / 1024.0) * t2;
            double var2 = (adcT / 131072.0 - t1 / 8192.0) * (adcT / 131072.0 - t1 / 8192.0) * t3;
            double fine = Math.Truncate(var1 + var2);
            double celsius = (var1 + var2) / 5120.0;

            var1 = fine / 2.0 - 64000.0;
            var2 = var1 * var1 * p6 / 32768.0;
            var2 += var1 * p5 * 2.0;
            var2 = var2 / 4.0 + p4 * 65536.0;
            var1 = (p3 * var1 * var1 / 524288.0 + p2 * var1) / 524288.0;
            var1 = (1.0 + var1 / 32768.0) * p1;
            double p = 1048576.0 - adcP;
            p = (p - var2 / 4096.0) * 6250.0 / var1;
            var1 = p9 * p * p / 2147483648.0;
            var2 = p * p8 / 32768.0;
            p += (var1 + var2 + p7) / 16.0;

            double h = fine - 76800.0;
            h = (adcH - (h4 * 64.0 + h5 / 16384.0 * h)) * (h2 / 65536.0 * (1.0 + h6 / 67108864.0 * h * (1.0 + h3 / 67108864.0 * h)));
            h *= 1.0 - h1 * h / 524288.0;
            h = Math.Clamp(h, 0.0, 100.0);
            return new Expected(celsius, p, h);
        }
    }
}
