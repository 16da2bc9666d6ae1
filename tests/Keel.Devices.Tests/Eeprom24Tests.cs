using System;
using System.Linq;
using Keel.Devices.Tests.Models;
using Keel.Kernel;
using Xunit;

namespace Keel.Devices.Tests;

// The 24xx EEPROM driver against the part's model: writes split at page boundaries
// (which the model wraps, as the part does), the write cycle polled, reads longer than
// one request, block bits of one-byte-address parts, and the error paths: write
// protection, a write cycle that never ends, no part, an access past the end.
public class Eeprom24Tests
{
    private static byte[] Pattern(int length, int seed) => Enumerable.Range(seed, length).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void TheModelWrapsAWriteAtThePagesEnd()
    {
        // What the driver must avoid: a 24C32's page is 32 bytes, so 4 bytes at 30
        // land at 30, 31, 0 and 1.
        var bus = new I2cBus();
        var model = new Eeprom24Model(4096, 32, 2);
        bus.Attach(0x50, model.Block(0));

        Assert.Equal(Error.Ok, bus.Write(0x50, [0x00, 30, 1, 2, 3, 4]));

        Assert.Equal([3, 4], model.Memory[0..2]);
        Assert.Equal([1, 2], model.Memory[30..32]);
    }

    [Fact]
    public void AWriteAcrossPagesIsSplitAtEachAndReadsBack()
    {
        var bus = new I2cBus();
        var model = new Eeprom24Model(4096, 32, 2);
        bus.Attach(0x50, model.Block(0));
        var memory = new Eeprom24<I2cBus>(bus, EepromGeometry.At24c32);
        byte[] data = Pattern(100, 1);

        Assert.Equal(Error.Ok, memory.Write(30, data));

        Assert.Equal(data, model.Memory[30..130]);
        Assert.Equal(0xFF, model.Memory[29]);
        Assert.Equal(0xFF, model.Memory[130]);
        // Pieces of 2, 32, 32, 32 and 2 bytes, each its own write cycle.
        Assert.Equal(5, model.WriteCycles);
        Assert.Equal([4, 34, 34, 34, 4], bus.Log.Where(e => e.StartsWith("50 W ", StringComparison.Ordinal) && e.Length > 5 + 4).Select(e => (e.Length - 5) / 2).ToArray());

        var read = new byte[100];
        Assert.Equal(Error.Ok, memory.Read(30, read));
        Assert.Equal(data, read);
    }

    [Fact]
    public void ABigPageIsWrittenInPiecesOneRequestCarries()
    {
        var bus = new I2cBus();
        var model = new Eeprom24Model(32768, 64, 2);
        bus.Attach(0x50, model.Block(0));
        var memory = new Eeprom24<I2cBus>(bus, EepromGeometry.At24c256);
        byte[] data = Pattern(64, 3);

        Assert.Equal(Error.Ok, memory.Write(0x4000, data));

        Assert.Equal(data, model.Memory[0x4000..0x4040]);
        Assert.Equal(2, model.WriteCycles); // 46 bytes, then 18
    }

    [Fact]
    public void OneByteAddressPartsPutTheBlockInTheDeviceAddress()
    {
        var bus = new I2cBus();
        var model = new Eeprom24Model(2048, 16, 1);
        for (int block = 0; block < 8; block++)
            bus.Attach((byte)(0x50 + block), model.Block(block));
        var memory = new Eeprom24<I2cBus>(bus, EepromGeometry.At24c16);
        byte[] data = Pattern(40, 5);

        Assert.Equal(Error.Ok, memory.Write(0x1F0, data));

        Assert.Equal(data, model.Memory[0x1F0..0x218]);
        Assert.Contains(bus.Log, e => e.StartsWith("51 W f0", StringComparison.Ordinal));
        Assert.Contains(bus.Log, e => e.StartsWith("52 W 00", StringComparison.Ordinal));
        var read = new byte[40];
        Assert.Equal(Error.Ok, memory.Read(0x1F0, read));
        Assert.Equal(data, read);
    }

    [Fact]
    public void EachWriteCycleIsPolledUntilThePartAnswers()
    {
        var bus = new I2cBus();
        var model = new Eeprom24Model(256, 8, 1) { WriteCyclePolls = 4 };
        bus.Attach(0x50, model.Block(0));

        Assert.Equal(Error.Ok, new Eeprom24<I2cBus>(bus, EepromGeometry.At24c02).Write(0, [1, 2, 3]));

        Assert.Equal(5, bus.Log.Count(e => e == "50 W ")); // four refused, one answered
    }

    [Fact]
    public void AWriteCycleThatNeverEndsIsTimeout()
    {
        var bus = new I2cBus();
        var model = new Eeprom24Model(256, 8, 1) { WriteCyclePolls = int.MaxValue };
        bus.Attach(0x50, model.Block(0));

        Assert.Equal(Error.Timeout, new Eeprom24<I2cBus>(bus, EepromGeometry.At24c02).Write(0, [1]));
        Assert.Equal(Eeprom24<I2cBus>.PollLimit, bus.Log.Count(e => e == "50 W "));
    }

    [Fact]
    public void WithWriteProtectionOnAWriteIsWriteProtectedAndChangesNothing()
    {
        var bus = new I2cBus();
        var model = new Eeprom24Model(4096, 32, 2) { WriteProtect = true };
        bus.Attach(0x50, model.Block(0));

        Assert.Equal(Error.WriteProtected, new Eeprom24<I2cBus>(bus, EepromGeometry.At24c32).Write(0x10, [1, 2, 3]));

        Assert.All(model.Memory, b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void AnAccessPastTheEndIsInvalidArgumentAndNeverReachesTheBus()
    {
        var bus = new I2cBus();
        bus.Attach(0x50, new Eeprom24Model(4096, 32, 2).Block(0));
        var memory = new Eeprom24<I2cBus>(bus, EepromGeometry.At24c32);

        Assert.Equal(Error.InvalidArgument, memory.Read(4090, new byte[7]));
        Assert.Equal(Error.InvalidArgument, memory.Write(4095, [1, 2]));
        Assert.Equal(Error.InvalidArgument, memory.Read(-1, new byte[1]));
        Assert.Empty(bus.Log);
        Assert.Equal(Error.Ok, memory.Read(4090, new byte[6]));
    }

    [Fact]
    public void NoPartIsNack()
    {
        var memory = new Eeprom24<I2cBus>(new I2cBus(), EepromGeometry.At24c32, address: 0x57);

        Assert.Equal(Error.Nack, memory.Write(0, [1]));
        Assert.Equal(Error.Nack, memory.Read(0, new byte[1]));
    }
}
