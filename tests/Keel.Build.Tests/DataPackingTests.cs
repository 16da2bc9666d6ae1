using Keel.BuildTool;

namespace Keel.Build.Tests;

// The packed initial data (DataPacking, unpacked at reset by hal/Arm/Startup.S): the
// format the assembly reads, pinned on a small example, and a round trip of any
// content and length, including the ones that end inside a group or a block.
public class DataPackingTests
{
    [Fact]
    public void ABlockIsItsGroupMaskThenEachNonZeroGroupsByteMaskAndNonZeroBytes()
    {
        var data = new byte[65];
        data[2] = 5;
        data[17] = 6;
        data[23] = 9;
        data[64] = 7;

        byte[] packed = DataPacking.Pack(data);

        // Block 0: groups 0 and 2; group 0 byte 2; group 2 bytes 1 and 7. Block 1 (one byte): group 0 byte 0.
        Assert.Equal(new byte[] { 0b101, 0b100, 5, 0b1000_0010, 6, 9, 0b1, 0b1, 7 }, packed);
        Assert.Equal(data, DataPacking.Unpack(packed, data.Length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(15444)]
    public void AnyDataUnpacksToItself(int length)
    {
        var random = new Random(length);
        var data = new byte[length];
        for (int i = 0; i < length; i++)
            data[i] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)0;
        for (int i = length / 2; i < length * 3 / 4; i++)
            data[i] = 0; // a long zero run, as the kernel's pools are

        byte[] packed = DataPacking.Pack(data);

        Assert.Equal(data, DataPacking.Unpack(packed, length));
        Assert.True(packed.Length <= length / 8 + length / 64 + 2 + data.Count(b => b != 0));
    }

    [Fact]
    public void PackedDataWithBytesLeftOverIsRefused()
    {
        byte[] packed = [.. DataPacking.Pack([1, 0, 2]), 0];

        Assert.Throws<InvalidDataException>(() => DataPacking.Unpack(packed, 3));
    }
}
