using Keel.Devices.Tests.Models;
using Keel.Kernel;
using Xunit;

namespace Keel.Devices.Tests;

// TMP102 and TMP103 against their models: the datasheets' temperature examples, both
// TMP102 formats, shutdown (the reading freezes), the configuration left as it was but
// the bit changed, and the bus's errors passed on unchanged.
public class Tmp10xTests
{
    [Theory]
    // SBOS397 table 5 (12-bit) and table 6's extended range.
    [InlineData(127.9375f)]
    [InlineData(25f)]
    [InlineData(0.0625f)]
    [InlineData(0f)]
    [InlineData(-0.0625f)]
    [InlineData(-25f)]
    [InlineData(-55f)]
    public void Tmp102ReadsTheTwelveBitFormat(float celsius)
    {
        var bus = new I2cBus();
        bus.Attach(0x48, new Tmp102Model { Celsius = celsius });
        var thermometer = new Tmp102<I2cBus>(bus);

        Assert.Equal(Error.Ok, thermometer.Read(out Temperature temperature));

        Assert.Equal(celsius, temperature.Celsius);
        Assert.Equal(["48 W 00", "48 R 2"], bus.Log);
    }

    [Fact]
    public void Tmp102InExtendedModeReadsAbove128Degrees()
    {
        var bus = new I2cBus();
        Tmp102Model part = bus.Attach(0x49, new Tmp102Model { Celsius = 150f });
        var thermometer = new Tmp102<I2cBus>(bus, address: 0x49);

        Assert.Equal(Error.Ok, thermometer.Read(out Temperature clipped));
        Assert.Equal(127.9375f, clipped.Celsius);

        Assert.Equal(Error.Ok, thermometer.SetExtendedMode(true));
        Assert.Equal(Tmp102Model.ConfigurationReset | 0x0010, part.Configuration);
        Assert.Equal(Error.Ok, thermometer.Read(out Temperature temperature));
        Assert.Equal(150f, temperature.Celsius);
        Assert.Equal(302f, temperature.Fahrenheit);
        Assert.Equal(423.15f, temperature.Kelvin);
    }

    [Fact]
    public void Tmp102InShutdownKeepsTheLastConversionAndChangesNoOtherBit()
    {
        var bus = new I2cBus();
        Tmp102Model part = bus.Attach(0x48, new Tmp102Model { Celsius = 21.5f });
        var thermometer = new Tmp102<I2cBus>(bus);

        Assert.Equal(Error.Ok, thermometer.SetShutdown(true));
        Assert.Equal(Tmp102Model.ConfigurationReset | 0x0100, part.Configuration);
        part.Celsius = 30f;
        Assert.Equal(Error.Ok, thermometer.Read(out Temperature frozen));
        Assert.Equal(21.5f, frozen.Celsius);

        Assert.Equal(Error.Ok, thermometer.SetShutdown(false));
        Assert.Equal(Tmp102Model.ConfigurationReset, part.Configuration);
        part.Celsius = 30f;
        Assert.Equal(Error.Ok, thermometer.Read(out Temperature converted));
        Assert.Equal(30f, converted.Celsius);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-40)]
    [InlineData(127)]
    [InlineData(-128)]
    public void Tmp103ReadsWholeDegrees(int celsius)
    {
        var bus = new I2cBus();
        bus.Attach(0x70, new Tmp103Model { Celsius = (sbyte)celsius });
        var thermometer = new Tmp103<I2cBus>(bus);

        Assert.Equal(Error.Ok, thermometer.Read(out Temperature temperature));

        Assert.Equal(celsius, temperature.Celsius);
        Assert.Equal(["70 W 00", "70 R 1"], bus.Log);
    }

    [Fact]
    public void Tmp103InShutdownKeepsTheLastConversion()
    {
        var bus = new I2cBus();
        Tmp103Model part = bus.Attach(0x71, new Tmp103Model { Celsius = 20 });
        var thermometer = new Tmp103<I2cBus>(bus, address: 0x71);

        Assert.Equal(Error.Ok, thermometer.SetShutdown(true));
        Assert.Equal(0x00, part.Configuration);
        part.Celsius = 35;
        Assert.Equal(Error.Ok, thermometer.Read(out Temperature frozen));
        Assert.Equal(20f, frozen.Celsius);

        Assert.Equal(Error.Ok, thermometer.SetShutdown(false));
        Assert.Equal(Tmp103Model.ConfigurationReset, part.Configuration);
        part.Celsius = 35;
        Assert.Equal(Error.Ok, thermometer.Read(out Temperature converted));
        Assert.Equal(35f, converted.Celsius);
    }

    [Fact]
    public void NoPartAtTheAddressIsNackAndNoReading()
    {
        var bus = new I2cBus();
        bus.Attach(0x70, new Tmp103Model { Celsius = 20 });

        Assert.Equal(Error.Nack, new Tmp102<I2cBus>(bus).Read(out Temperature t102));
        Assert.Equal(Error.Nack, new Tmp103<I2cBus>(bus, address: 0x72).Read(out Temperature t103));
        Assert.Equal(Error.Nack, new Tmp103<I2cBus>(bus, address: 0x72).SetShutdown(true));

        Assert.Equal(0f, t102.Celsius);
        Assert.Equal(0f, t103.Celsius);
    }

    [Fact]
    public void ABusThatDoesNotWorkGivesItsErrorAndNothingIsWritten()
    {
        // Under QEMU, whose STM32 has no I2C, every transfer of the I2C master ends in Timeout.
        var bus = new I2cBus { Failure = Error.Timeout };
        Tmp102Model part = bus.Attach(0x48, new Tmp102Model { Celsius = 20 });

        Assert.Equal(Error.Timeout, new Tmp102<I2cBus>(bus).Read(out _));
        Assert.Equal(Error.Timeout, new Tmp102<I2cBus>(bus).SetShutdown(true));
        Assert.Equal(Tmp102Model.ConfigurationReset, part.Configuration);
        Assert.Equal(Error.Timeout, new Tmp103<I2cBus>(bus).Read(out _));
        Assert.Empty(bus.Log);
    }
}
