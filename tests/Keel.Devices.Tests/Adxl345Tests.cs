using Keel.Devices.Tests.Models;
using Keel.Kernel;
using Xunit;

namespace Keel.Devices.Tests;

// The ADXL345 driver against the part's model: the start-up writes, readings at each
// range in full resolution (256 counts per g), the wait for a fresh sample, and the
// error paths: another part's id, no part, no sample ever, a bus that does not work.
public class Adxl345Tests
{
    [Fact]
    public void TheFirstReadStartsThePartAndReadsTheThreeAxes()
    {
        var bus = new I2cBus();
        Adxl345Model part = bus.Attach(0x53, new Adxl345Model { Gravity = (0.5f, -0.25f, 1f) });
        var accelerometer = new Adxl345<I2cBus>(bus);

        Assert.Equal(Error.Ok, accelerometer.Read(out Acceleration3D a));

        Assert.Equal(0.5f, a.X.Gravity, 1e-6);
        Assert.Equal(-0.25f, a.Y.Gravity, 1e-6);
        Assert.Equal(1f, a.Z.Gravity, 1e-6);
        Assert.Equal(9.80665f, a.Z.MetersPerSecondSquared);
        Assert.Equal(0x08, part[0x31]); // FULL_RES, ±2 g
        Assert.Equal(0x0A, part[0x2C]);
        Assert.Equal(0x08, part[0x2D]); // Measure
        Assert.Equal(["53 W 00", "53 R 1", "53 W 3108", "53 W 2c0a", "53 W 2d08", "53 W 30", "53 R 1", "53 W 30", "53 R 1", "53 W 32", "53 R 6"], bus.Log);
    }

    [Theory]
    [InlineData(AccelerationRange.TwoG, 1.5f, 1.99609375f)]
    [InlineData(AccelerationRange.FourG, 3.5f, 3.99609375f)]
    [InlineData(AccelerationRange.EightG, -7.75f, -8f)]
    [InlineData(AccelerationRange.SixteenG, 15.5f, -16f)]
    public void EachRangeReadsToItsLimit(AccelerationRange range, float inside, float beyondClipsTo)
    {
        var bus = new I2cBus();
        Adxl345Model part = bus.Attach(0x1D, new Adxl345Model { Gravity = (inside, beyondClipsTo * 2f, 0f) });
        var accelerometer = new Adxl345<I2cBus>(bus, address: 0x1D, range: range);

        Assert.Equal(Error.Ok, accelerometer.Read(out Acceleration3D a));

        // Exact in counts; the unit keeps m/s², so g comes back within a float's rounding.
        Assert.Equal(inside, a.X.Gravity, 1e-5);
        Assert.Equal(beyondClipsTo, a.Y.Gravity, 1e-5);
        Assert.Equal((byte)(0x08 | (byte)range), part[0x31]);
    }

    [Fact]
    public void EachReadWaitsForANewSample()
    {
        var bus = new I2cBus();
        Adxl345Model part = bus.Attach(0x53, new Adxl345Model { Gravity = (0f, 0f, 1f), SamplePolls = 5 });
        var accelerometer = new Adxl345<I2cBus>(bus);

        Assert.Equal(Error.Ok, accelerometer.Read(out _));
        part.Gravity = (0f, 0f, -1f);
        bus.Log.Clear();
        Assert.Equal(Error.Ok, accelerometer.Read(out Acceleration3D second));

        Assert.Equal(-1f, second.Z.Gravity, 1e-6);
        Assert.Equal(5, bus.Log.FindAll(entry => entry == "53 W 30").Count);
        Assert.DoesNotContain("53 W 00", bus.Log);
    }

    [Fact]
    public void AnotherPartIsWrongDeviceAndIsNotStarted()
    {
        var bus = new I2cBus();
        Adxl345Model part = bus.Attach(0x53, new Adxl345Model(deviceId: 0x33));

        Assert.Equal(Error.WrongDevice, new Adxl345<I2cBus>(bus).Read(out Acceleration3D a));

        Assert.Equal(0f, a.Z.Gravity);
        Assert.Equal(0x00, part[0x2D]);
    }

    [Fact]
    public void NoSampleEverIsTimeoutAfterThePollLimit()
    {
        var bus = new I2cBus();
        bus.Attach(0x53, new Adxl345Model { SamplePolls = int.MaxValue });

        Assert.Equal(Error.Timeout, new Adxl345<I2cBus>(bus).Read(out _));
        Assert.Equal(Adxl345<I2cBus>.PollLimit, bus.Log.FindAll(entry => entry == "53 W 30").Count);
    }

    [Fact]
    public void NoPartOrNoBusGivesTheBusError()
    {
        Assert.Equal(Error.Nack, new Adxl345<I2cBus>(new I2cBus()).Read(out _));
        Assert.Equal(Error.Timeout, new Adxl345<I2cBus>(new I2cBus { Failure = Error.Timeout }).Read(out _));
    }
}
