using System.Text.RegularExpressions;

namespace Keel.Firmware.Tests;

// The port's FPU design (hal/Port/Arm/Exceptions.S) rests on one fact about the
// kernel's code: no FPU instruction runs in the kernel but keel_resume's switch of
// the registers, so between two kernel entries the FPU registers stay the running
// task's, and nothing of the FPU is ever stored through a task's stack pointer. ILC
// could start using FPU registers for some kernel code (a struct copy, a float) after
// a compiler update or a change in the kernel: this test finds that in the image.
// In the build collection: other tests rebuild some of these images (a suite filter, a
// fuzz setting), and the disassembly must not read one half written.
[Collection(DotnetBuildCollection.Name)]
public class KernelFpuUseTests
{
    // Every application image of the tree: the kernel's code is the same, but what ILC
    // inlines into it depends on each image's tables.
    [Theory]
    [InlineData("firmware/policy-demo", "policy-demo")]
    [InlineData("tests/target-suite", "target-suite")]
    [InlineData("tests/fuzz", "fuzz")]
    [InlineData("bench/ipc", "ipc-bench")]
    public void OnlyKeelResumeUsesTheFpuInTheKernel(string projectFolder, string image)
    {
        string disassembly = Binutils.Run("arm-none-eabi-objdump", projectFolder, image, "-d", "-j", ".text");

        Assert.Equal(new[] { "keel_resume" }, FunctionsUsingTheFpu(disassembly));
    }

    // Every function (objdump's "<name>:" headers) with a VFP instruction: the
    // Thumb-2 mnemonics that start with 'v' are exactly the FPU's and SIMD's.
    private static IReadOnlyList<string> FunctionsUsingTheFpu(string disassembly)
    {
        var functions = new SortedSet<string>(StringComparer.Ordinal);
        string? function = null;
        foreach (string line in disassembly.Split('\n'))
        {
            Match header = Regex.Match(line, @"^[0-9a-f]+ <(?<name>[^>]+)>:$");
            if (header.Success)
                function = header.Groups["name"].Value;
            else if (function != null && Regex.IsMatch(line, @"^\s*[0-9a-f]+:\t[0-9a-f ]+\tv[a-z]"))
                functions.Add(function);
        }
        return functions.ToList();
    }
}
