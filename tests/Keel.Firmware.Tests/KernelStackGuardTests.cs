using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The kernel's own stack has a guard (issue 8): tests/images/kernel-stack-guard gives
// the kernel a stack too small for it, and the overflow must stop the system with a
// report naming it, at an address inside the guard below the stack, instead of running
// on over the kernel's data.
public class KernelStackGuardTests
{
    private const string Folder = "tests/images/kernel-stack-guard";

    [Fact]
    public async Task AKernelStackOverflowEndsInTheGuardWithAPanicReport()
    {
        string image = Repository.Image(Folder, "kernel-stack-guard");
        EmulatorRun run = await new Qemu().RunAsync(image);

        Assert.True(run.ExitedWith(101), run.Describe());
        // The overflow is caught either as the hardware stacks an exception frame into the
        // guard (a stack overflow, pc unknown) or as kernel code pushes into it (a memory
        // access): which depends on how deep the kernel is when the stack runs out.
        Match report = Regex.Match(run.Console, @"kernel stack overflow: (stack overflow at pc 0x00000000|memory access at pc 0x[0-9a-f]{8}), address 0x([0-9a-f]{8})");
        Assert.True(report.Success, run.Describe());
        Assert.Contains("PANIC: the kernel's stack overflowed", run.Console);
        Assert.DoesNotContain("survived", run.Console);

        uint address = Convert.ToUInt32(report.Groups[2].Value, 16);
        uint guard = Symbol(image, "keel_main_stack_guard");
        Assert.InRange(address, guard, guard + 255);
    }

    private static uint Symbol(string image, string name)
    {
        var start = new System.Diagnostics.ProcessStartInfo("arm-none-eabi-nm", [image]) { RedirectStandardOutput = true };
        using var nm = System.Diagnostics.Process.Start(start)!;
        string symbols = nm.StandardOutput.ReadToEnd();
        nm.WaitForExit();
        Match symbol = Regex.Match(symbols, $@"^([0-9a-f]{{8}}) \w {name}$", RegexOptions.Multiline);
        Assert.True(symbol.Success, $"{name} not in {image}");
        return Convert.ToUInt32(symbol.Groups[1].Value, 16);
    }
}
