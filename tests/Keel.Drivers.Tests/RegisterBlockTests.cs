using Keel.Hal;
using Xunit;

namespace Keel.Drivers.Tests;

// The fake register block every driver test builds on: a register reads back what was
// written to it unless a test scripts it otherwise.
public class RegisterBlockTests
{
    [Fact]
    public void AFakeRegisterReadsBackWhatWasWritten()
    {
        var block = new FakeRegisters();
        block.Write(0x10, 0xABCD);
        Assert.Equal(0xABCDu, block.Read(0x10));
        Assert.Equal(0u, block.Read(0x14));
        Assert.Equal([(0x10u, 0xABCDu)], block.Writes);
    }
}
