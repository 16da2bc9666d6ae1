using System;
using System.Linq;
using Keel.Devices.Tests.Models;
using Keel.Kernel;
using Xunit;

namespace Keel.Devices.Tests;

// The W25Qxx driver against the part's model: identification, erase then program then
// read across pages (each command within a page and a transfer), programming that only
// clears bits, and the error paths: another maker's id, no part (the bus reads 0),
// protected blocks, a part that stays busy, addresses outside the array.
public class W25qTests
{
    private static byte[] Pattern(int length, int seed) => Enumerable.Range(seed, length).Select(i => (byte)(i * 13 + 1)).ToArray();

    [Fact]
    public void TheJedecIdNamesTheCapacity()
    {
        var bus = new SpiBus { Part = new W25qModel(capacityCode: 0x17) };
        var flash = new W25q<SpiBus>(bus);

        Assert.Equal(Error.Ok, flash.ReadJedecId(out byte manufacturer, out byte type, out byte capacity));
        Assert.Equal((0xEF, 0x40, 0x17), (manufacturer, type, capacity));
        Assert.Equal(0, flash.Capacity);
        Assert.Equal(Error.Ok, flash.Initialise());
        Assert.Equal(8 * 1024 * 1024, flash.Capacity);
        Assert.Equal(["9fffffff", "9fffffff"], bus.Log);
    }

    [Fact]
    public void EraseProgramAndReadAcrossPages()
    {
        var bus = new SpiBus();
        var part = new W25qModel();
        bus.Part = part;
        part.Memory.AsSpan(0x1000, 4096).Fill(0x00); // programmed before
        var flash = new W25q<SpiBus>(bus);
        byte[] data = Pattern(300, 9);

        Assert.Equal(Error.Ok, flash.EraseSector(0x1000));
        Assert.All(part.Memory[0x1000..0x2000], b => Assert.Equal(0xFF, b));
        Assert.Equal(Error.Ok, flash.Program(0x10F0, data));

        Assert.Equal(data, part.Memory[0x10F0..(0x10F0 + 300)]);
        Assert.Equal(0xFF, part.Memory[0x10EF]);
        Assert.Equal(0xFF, part.Memory[0x10F0 + 300]);
        // 16 bytes to the page's end, then 28 a command: 16 + 9 × 28 + 32 = 300 → 12 commands.
        Assert.Equal(12, part.Programs);
        Assert.Equal(0, part.IgnoredWhileBusy);
        var read = new byte[300];
        Assert.Equal(Error.Ok, flash.Read(0x10F0, read));
        Assert.Equal(data, read);
    }

    [Fact]
    public void ProgrammingOnlyClearsBits()
    {
        var part = new W25qModel();
        var flash = new W25q<SpiBus>(new SpiBus { Part = part });

        Assert.Equal(Error.Ok, flash.Program(0, [0b1100_1100]));
        Assert.Equal(Error.Ok, flash.Program(0, [0b1010_1010]));

        Assert.Equal(0b1000_1000, part.Memory[0]);
    }

    [Fact]
    public void EachCommandWaitsUntilThePartIsNoLongerBusy()
    {
        var bus = new SpiBus();
        var part = new W25qModel { BusyPolls = 7 };
        bus.Part = part;

        Assert.Equal(Error.Ok, new W25q<SpiBus>(bus).EraseSector(0));

        // Identify, status (no protection), Write Enable, the erase, then seven status
        // reads that say BUSY and the eighth that does not.
        Assert.Equal(["9fffffff", "05ff", "06", "20000000", .. Enumerable.Repeat("05ff", 8)], bus.Log);
        Assert.Equal(1, part.Erases);
    }

    [Fact]
    public void APartThatStaysBusyIsTimeout()
    {
        var part = new W25qModel { BusyPolls = int.MaxValue };

        Assert.Equal(Error.Timeout, new W25q<SpiBus>(new SpiBus { Part = part }).EraseSector(0));
    }

    [Fact]
    public void WithABlockProtectedNothingIsSent()
    {
        var bus = new SpiBus();
        var part = new W25qModel { BlockProtect = 0b001 };
        bus.Part = part;
        var flash = new W25q<SpiBus>(bus);

        Assert.Equal(Error.WriteProtected, flash.Program(0x100, [1, 2, 3]));
        Assert.Equal(Error.WriteProtected, flash.EraseSector(0));

        Assert.Equal(["9fffffff", "05ff", "05ff"], bus.Log);
        Assert.Equal(0xFF, part.Memory[0x100]);
    }

    [Theory]
    [InlineData(0xC2, 0x17)] // Macronix
    [InlineData(0xEF, 0x10)] // too small for this driver
    [InlineData(0xEF, 0x19)] // 32 MB: 4-byte addresses
    public void AnotherPartIsWrongDevice(byte manufacturer, byte capacity)
    {
        var bus = new SpiBus { Part = new W25qModel(capacity, manufacturer) };

        Assert.Equal(Error.WrongDevice, new W25q<SpiBus>(bus).Read(0, new byte[4]));
        Assert.Single(bus.Log);
    }

    [Fact]
    public void NoPartIsWrongDevice()
    {
        // Under QEMU SPI2 is modelled with nothing on it: every byte reads 0.
        Assert.Equal(Error.WrongDevice, new W25q<SpiBus>(new SpiBus()).EraseSector(0));
    }

    [Fact]
    public void AddressesOutsideTheArrayAreInvalidArgument()
    {
        var bus = new SpiBus { Part = new W25qModel(capacityCode: 0x14) }; // 1 MB
        var flash = new W25q<SpiBus>(bus);

        Assert.Equal(Error.InvalidArgument, flash.Read(0x100000 - 2, new byte[3]));
        Assert.Equal(Error.InvalidArgument, flash.Program(-1, [1]));
        Assert.Equal(Error.InvalidArgument, flash.EraseSector(0x100000));
        Assert.Equal(Error.InvalidArgument, flash.EraseSector(0x800));
        Assert.Equal(["9fffffff"], bus.Log);
    }

    [Fact]
    public void ABusThatDoesNotWorkGivesItsError()
    {
        var bus = new SpiBus { Part = new W25qModel(), Failure = Error.Timeout };

        Assert.Equal(Error.Timeout, new W25q<SpiBus>(bus).Read(0, new byte[1]));
    }
}
