// The PMSAv7 region encoder against register values worked out by hand from the
// ARMv7-M ARM (B3.5.8 MPU_RBAR, B3.5.9 MPU_RASR), one field at a time:
//   RBAR = base | VALID (bit 4, 0x10) | REGION (bits 3:0)
//   RASR = XN<<28 | AP<<24 | TEX<<19 | S<<18 | C<<17 | B<<16 | SRD<<8 | (log2(size)-1)<<1 | ENABLE
using Keel.Hal.Arm;

namespace Keel.Build.Tests;

public class MpuRegionTests
{
    [Fact]
    public void Flash_256KiB_read_only_executable()
    {
        var error = MpuRegion.TryEncode(0, 0x0800_0000, 256 * 1024, MpuAccess.ReadOnly, MpuMemoryType.Flash, false, 0, out var region);

        Assert.Equal(MpuEncodeError.None, error);
        // 0x08000000 | VALID 0x10 | region 0
        Assert.Equal(0x0800_0010u, region.Rbar);
        // AP=110 → 0x06000000; Flash: C=1 → 0x00020000; SIZE=log2(2^18)-1=17 → 17<<1=0x22; ENABLE=1
        // 0x06000000 + 0x00020000 + 0x22 + 1 = 0x06020023
        Assert.Equal(0x0602_0023u, region.Rasr);
    }

    [Fact]
    public void Sram_4KiB_full_access_execute_never()
    {
        var error = MpuRegion.TryEncode(1, 0x2000_4000, 4096, MpuAccess.FullAccess, MpuMemoryType.Sram, true, 0, out var region);

        Assert.Equal(MpuEncodeError.None, error);
        // 0x20004000 | VALID 0x10 | region 1
        Assert.Equal(0x2000_4011u, region.Rbar);
        // XN → 0x10000000; AP=011 → 0x03000000; Sram: TEX=001 → 0x80000, S 0x40000, C 0x20000, B 0x10000 → 0x000F0000;
        // SIZE=log2(2^12)-1=11 → 11<<1=0x16; ENABLE=1 → 0x130F0017
        Assert.Equal(0x130F_0017u, region.Rasr);
    }

    [Fact]
    public void Device_1KiB_full_access_execute_never()
    {
        var error = MpuRegion.TryEncode(2, 0x4000_4400, 1024, MpuAccess.FullAccess, MpuMemoryType.Device, true, 0, out var region);

        Assert.Equal(MpuEncodeError.None, error);
        // 0x40004400 | VALID 0x10 | region 2
        Assert.Equal(0x4000_4412u, region.Rbar);
        // XN 0x10000000; AP=011 0x03000000; Device: S 0x40000 + B 0x10000 = 0x00050000;
        // SIZE=log2(2^10)-1=9 → 9<<1=0x12; ENABLE=1 → 0x13050013
        Assert.Equal(0x1305_0013u, region.Rasr);
    }

    [Fact]
    public void Subregions_0_and_7_disabled_on_2KiB()
    {
        var error = MpuRegion.TryEncode(3, 0x2000_0800, 2048, MpuAccess.FullAccess, MpuMemoryType.Sram, true, 0b1000_0001, out var region);

        Assert.Equal(MpuEncodeError.None, error);
        // 0x20000800 | VALID 0x10 | region 3
        Assert.Equal(0x2000_0813u, region.Rbar);
        // XN 0x10000000; AP 0x03000000; Sram 0x000F0000; SRD=0x81 → 0x81<<8=0x8100;
        // SIZE=log2(2^11)-1=10 → 10<<1=0x14; ENABLE=1 → 0x130F8115
        Assert.Equal(0x130F_8115u, region.Rasr);
    }

    [Fact]
    public void Disabled_region_is_valid_with_zero_attributes()
    {
        var region = MpuRegion.Disabled(5);

        // VALID 0x10 | region 5; RASR 0 (ENABLE clear)
        Assert.Equal(0x15u, region.Rbar);
        Assert.Equal(0u, region.Rasr);
    }

    [Theory]
    [InlineData(0u, 0x2000_0000u, 3000u, (byte)0, MpuEncodeError.SizeNotPowerOfTwo)]
    [InlineData(0u, 0x2000_0000u, 0u, (byte)0, MpuEncodeError.SizeNotPowerOfTwo)]
    [InlineData(0u, 0x2000_0000u, 16u, (byte)0, MpuEncodeError.SizeTooSmall)]
    [InlineData(0u, 0x2000_0100u, 1024u, (byte)0, MpuEncodeError.BaseNotAligned)]
    [InlineData(0u, 0x2000_0000u, 128u, (byte)1, MpuEncodeError.SubregionsOnSmallRegion)]
    [InlineData(8u, 0x2000_0000u, 1024u, (byte)0, MpuEncodeError.BadRegionNumber)]
    public void Refuses_what_the_MPU_cannot_express(uint regionNumber, uint baseAddress, uint size, byte subregionDisable, MpuEncodeError expected)
    {
        var error = MpuRegion.TryEncode(regionNumber, baseAddress, size, MpuAccess.FullAccess, MpuMemoryType.Sram, true, subregionDisable, out var region);

        Assert.Equal(expected, error);
        Assert.Equal(default, region);
    }
}
