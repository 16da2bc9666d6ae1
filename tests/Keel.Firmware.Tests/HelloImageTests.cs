using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The hello image on QEMU's netduinoplus2: the whole toolchain, end to end.
public class HelloImageTests
{
    [Fact]
    public async Task HelloImagePrintsItsBannerAndExitsWithStatusZero()
    {
        EmulatorRun run = await new Qemu().RunAsync(Repository.Image("firmware/hello", "hello"));

        Assert.True(run.ExitedWith(0), run.Describe());
        // QEMU's netduinoplus2 is an STM32F405: Cortex-M4 r0p0, CPUID 0x410fc240, and
        // its MPU reports 8 regions (MPU_TYPE.DREGION).
        Assert.Equal(
            "Keel hello\n" +
            "board: netduinoplus2\n" +
            "cpu: Cortex-M4 r0p0 (CPUID 0x410fc240)\n" +
            "mpu: 8 regions\n",
            run.Console);
    }
}
