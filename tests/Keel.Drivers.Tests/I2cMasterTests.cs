using System;
using Keel.Drivers.I2c;
using Keel.Kernel;
using Xunit;
using static Keel.Hal.Stm32f4.I2cRegisters;

namespace Keel.Drivers.Tests;

// The I2C master's logic against a model of the v1 peripheral and its bus
// (I2cBusModel): writes, reads of 1, 2 and N bytes (each its own ACK/POS/STOP
// sequence), register reads with a repeated START, a NACK on the address and on a
// byte, a bus error, a dead peripheral (QEMU's) and bad arguments, and that the driver
// serves the next request after each failure.
public class I2cMasterTests
{
    private const byte SensorAddress = 0x48;

    private static (I2cMaster<FakeRegisters> Master, I2cBusModel Bus) Setup()
    {
        var bus = new I2cBusModel();
        var master = new I2cMaster<FakeRegisters>(bus.Registers, 42_000_000, 100_000);
        master.Initialise();
        return (master, bus);
    }

    [Fact]
    public void InitialiseConfiguresA100KilohertzMasterFromTheApbClock()
    {
        (_, I2cBusModel bus) = Setup();
        Assert.Equal(42u, bus.Registers[Cr2] & Cr2FrequencyMask);
        Assert.Equal(210u, bus.Registers[Ccr]);       // 42 MHz / (2 × 100 kHz)
        Assert.Equal(43u, bus.Registers[Trise]);      // 1000 ns × 42 MHz + 1
        Assert.Equal(Cr1Enable, bus.Registers[Cr1]);
        Assert.Equal(1, bus.SoftwareResets);
    }

    // A configuration other than the examples' (app.toml `speed = 400000`, on I2C3):
    // fast mode, from the same APB clock.
    [Fact]
    public void InitialiseConfiguresA400KilohertzFastModeMasterWhenTheConfigurationAsks()
    {
        var bus = new I2cBusModel();
        var master = new I2cMaster<FakeRegisters>(bus.Registers, 42_000_000, 400_000);
        master.Initialise();

        Assert.Equal(42u, bus.Registers[Cr2] & Cr2FrequencyMask);
        Assert.Equal(CcrFastMode | 35u, bus.Registers[Ccr]);   // 42 MHz / (3 × 400 kHz) = 35: SCL at 400 kHz
        Assert.Equal(13u, bus.Registers[Trise]);               // 300 ns × 42 MHz + 1
        Assert.Equal(Cr1Enable, bus.Registers[Cr1]);

        // And it transfers as in standard mode.
        I2cBusModel.Device device = bus.Add(SensorAddress);
        Assert.Equal(Error.Ok, master.Write(SensorAddress, [0x01]));
        Assert.Equal([0x01], Assert.Single(device.Written));
    }

    [Fact]
    public void AWriteSendsEveryByteAndEndsWithAStop()
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        I2cBusModel.Device device = bus.Add(SensorAddress);

        Assert.Equal(Error.Ok, master.Write(SensorAddress, [0x01, 0x60, 0xA0]));

        Assert.Equal([0x01, 0x60, 0xA0], Assert.Single(device.Written));
        Assert.Equal(1, bus.StopsSent);
        Assert.Empty(bus.Violations);
    }

    [Fact]
    public void AnEmptyWriteProbesTheAddress()
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        I2cBusModel.Device device = bus.Add(SensorAddress);

        Assert.Equal(Error.Ok, master.Write(SensorAddress, ReadOnlySpan<byte>.Empty));
        Assert.Equal(Error.Nack, master.Write(0x49, ReadOnlySpan<byte>.Empty));

        Assert.Empty(Assert.Single(device.Written));
        Assert.Equal(2, bus.StopsSent);
        Assert.Empty(bus.Violations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(I2cLimits.MaxRead)]
    public void AReadTakesExactlyItsBytesAndRefusesTheLast(int length)
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        byte[] data = new byte[length + 4];
        for (int i = 0; i < data.Length; i++)
            data[i] = (byte)(0x10 + i);
        I2cBusModel.Device device = bus.Add(SensorAddress, data);

        byte[] buffer = new byte[length];
        Assert.Equal(Error.Ok, master.Read(SensorAddress, buffer));

        Assert.Equal(data.AsSpan(0, length).ToArray(), buffer);
        Assert.Equal(length, device.BytesSent);      // not one byte more
        Assert.False(device.LastAcknowledged);       // the last byte NACKed, so the device lets go of SDA
        Assert.Equal(1, bus.StopsSent);
        Assert.Empty(bus.Violations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void ARegisterReadWritesTheRegisterThenReadsAfterARepeatedStart(int length)
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        I2cBusModel.Device device = bus.Add(SensorAddress, 0x19, 0x80, 0x01, 0x02, 0x03, 0x04);

        byte[] buffer = new byte[length];
        Assert.Equal(Error.Ok, master.WriteRead(SensorAddress, [0x00], buffer));

        Assert.Equal([0x00], Assert.Single(device.Written));
        Assert.Equal(new byte[] { 0x19, 0x80, 0x01, 0x02, 0x03 }.AsSpan(0, length).ToArray(), buffer);
        Assert.Equal(2, bus.StartsSent);             // START, then a repeated START, no STOP between
        Assert.Equal(1, bus.StopsSent);
        Assert.False(device.LastAcknowledged);
        Assert.Empty(bus.Violations);
    }

    [Fact]
    public void NoDeviceAtTheAddressIsNackAndTheBusIsReleased()
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        I2cBusModel.Device device = bus.Add(SensorAddress, 0x42);

        Assert.Equal(Error.Nack, master.Read(0x50, new byte[2]));
        Assert.Equal(1, bus.StopsSent);
        Assert.Equal(0u, bus.Registers.Read(Sr1) & Sr1AcknowledgeFailure);

        // The driver serves the next request as usual.
        byte[] buffer = new byte[1];
        Assert.Equal(Error.Ok, master.Read(SensorAddress, buffer));
        Assert.Equal(0x42, buffer[0]);
        Assert.Empty(bus.Violations);
    }

    [Fact]
    public void ARefusedByteIsNackAndTheBusIsReleased()
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        I2cBusModel.Device device = bus.Add(SensorAddress);
        device.NackWriteAt = 1;

        Assert.Equal(Error.Nack, master.Write(SensorAddress, [0x01, 0x02, 0x03]));
        Assert.Equal([0x01], device.Written[0]);
        Assert.Equal(1, bus.StopsSent);

        device.NackWriteAt = null;
        Assert.Equal(Error.Ok, master.Write(SensorAddress, [0x04]));
        Assert.Equal([0x04], device.Written[1]);
        Assert.Empty(bus.Violations);
    }

    [Fact]
    public void ABusErrorResetsThePeripheralAndTheNextTransferWorks()
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        I2cBusModel.Device device = bus.Add(SensorAddress, 0x33);
        bus.BusErrorAtStart = true;

        Assert.Equal(Error.BusError, master.Read(SensorAddress, new byte[1]));
        Assert.Equal(2, bus.SoftwareResets);         // Setup's, then the recovery's
        Assert.Equal(210u, bus.Registers[Ccr]);      // configured again after the reset
        Assert.Equal(Cr1Enable, bus.Registers[Cr1]);

        byte[] buffer = new byte[1];
        Assert.Equal(Error.Ok, master.Read(SensorAddress, buffer));
        Assert.Equal(0x33, buffer[0]);
        Assert.Empty(bus.Violations);
    }

    [Fact]
    public void APeripheralThatNeverAnswersEndsInTimeoutAndTheDriverGoesOn()
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        I2cBusModel.Device device = bus.Add(SensorAddress, 0x21);
        bus.Dead = true;

        Assert.Equal(Error.Timeout, master.Read(SensorAddress, new byte[1]));
        Assert.Equal(Error.Timeout, master.Write(SensorAddress, [0x01]));
        Assert.Equal(3, bus.SoftwareResets);

        bus.Dead = false;
        byte[] buffer = new byte[1];
        Assert.Equal(Error.Ok, master.WriteRead(SensorAddress, [0x00], buffer));
        Assert.Equal(0x21, buffer[0]);
    }

    [Fact]
    public void ABusHeldBusyByAnotherMasterEndsInTimeout()
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        bus.Add(SensorAddress);
        bus.Registers.OnRead = (offset, value) => offset == Sr2 ? Sr2Busy : value;

        Assert.Equal(Error.Timeout, master.Write(SensorAddress, [0x01]));
    }

    [Fact]
    public void BadArgumentsAreRefusedWithoutTouchingTheBus()
    {
        (I2cMaster<FakeRegisters> master, I2cBusModel bus) = Setup();
        bus.Add(SensorAddress, 0x01);
        int writes = bus.Registers.Writes.Count;

        Assert.Equal(Error.InvalidArgument, master.Write(0x80, [0x01]));
        Assert.Equal(Error.InvalidArgument, master.Read(0xFF, new byte[1]));
        Assert.Equal(Error.InvalidArgument, master.Read(SensorAddress, Span<byte>.Empty));
        Assert.Equal(Error.InvalidArgument, master.WriteRead(SensorAddress, ReadOnlySpan<byte>.Empty, new byte[1]));
        Assert.Equal(Error.InvalidArgument, master.WriteRead(SensorAddress, [0x00], Span<byte>.Empty));
        Assert.Equal(Error.TooLong, master.Write(SensorAddress, new byte[I2cLimits.MaxWrite + 1]));
        Assert.Equal(Error.TooLong, master.Read(SensorAddress, new byte[I2cLimits.MaxRead + 1]));
        Assert.Equal(Error.TooLong, master.WriteRead(SensorAddress, new byte[I2cLimits.MaxRegisterWrite + 1], new byte[1]));
        Assert.Equal(writes, bus.Registers.Writes.Count);

        byte[] buffer = new byte[1];
        Assert.Equal(Error.Ok, master.Read(SensorAddress, buffer));
        Assert.Equal(0x01, buffer[0]);
    }
}
