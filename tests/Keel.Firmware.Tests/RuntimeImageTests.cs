using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The core library's runtime on the target: division and multiplication helpers and the panic path.
public class RuntimeImageTests
{
    [Fact]
    public async Task DivisionAndMultiplicationFollowCSharpSemanticsAndAnIndexOutOfRangePanicsWithItsReason()
    {
        EmulatorRun run = await new Qemu().RunAsync(Repository.Image("tests/images/runtime-checks", "runtime-checks"));

        // 1000003 / 7 = 142857; -1000003 % 7 = -4 (sign of the dividend);
        // 0xFFFFFFF8u / 3 = 1431655762; 123456789012345 / 10^6 = 123456789 rem 12345;
        // -123456789012345 / 987654321 = -124999 (truncated toward zero);
    // 123456789 × 1000003 = 123457159370367; -123456789 × 98765 = -12193209765585;
    // (2^32 + 1)² = 2^64 + 2^33 + 1, which wraps to 2^33 + 1 (high word 2, low word 1).
        Assert.True(run.ExitedWith(101), run.Describe());
        Assert.Equal(
            "div32: 142857 -4 1431655762\n" +
            "div64: 123456789 12345 -124999\n" +
            "mul64: 123457159 370367 -12193209 2 1\n" +
            "indexing past the end\n" +
            "\n" +
            "PANIC: index out of range\n",
            run.Console);
    }
}
