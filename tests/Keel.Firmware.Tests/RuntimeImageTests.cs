using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The core library's runtime on the target: division helpers and the panic path.
public class RuntimeImageTests
{
    [Fact]
    public async Task DivisionFollowsCSharpSemanticsAndAnIndexOutOfRangePanicsWithItsReason()
    {
        EmulatorRun run = await new Qemu().RunAsync(Repository.Image("tests/images/runtime-checks", "runtime-checks"));

        // 1000003 / 7 = 142857; -1000003 % 7 = -4 (sign of the dividend);
        // 0xFFFFFFF8u / 3 = 1431655762; 123456789012345 / 10^6 = 123456789 rem 12345;
        // -123456789012345 / 987654321 = -124999 (truncated toward zero).
        Assert.True(run.ExitedWith(101), run.Describe());
        Assert.Equal(
            "div32: 142857 -4 1431655762\n" +
            "div64: 123456789 12345 -124999\n" +
            "indexing past the end\n" +
            "\n" +
            "PANIC: index out of range\n",
            run.Console);
    }
}
