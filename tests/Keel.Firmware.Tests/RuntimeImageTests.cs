using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The core library's runtime on the target: division and multiplication helpers and the panic path.
public class RuntimeImageTests
{
    private const string Folder = "tests/images/runtime-checks";
    private const string FailingCheck = "// the failing check";

    [Fact]
    public async Task DivisionAndMultiplicationFollowCSharpSemanticsAndAnIndexOutOfRangePanicsWithItsReasonAndLine()
    {
        string elf = Repository.Image(Folder, "runtime-checks");
        EmulatorRun run = await new Qemu().RunAsync(elf);

        // 1000003 / 7 = 142857; -1000003 % 7 = -4 (sign of the dividend);
        // 0xFFFFFFF8u / 3 = 1431655762; 123456789012345 / 10^6 = 123456789 rem 12345;
        // -123456789012345 / 987654321 = -124999 (truncated toward zero);
        // 123456789 × 1000003 = 123457159370367; -123456789 × 98765 = -12193209765585;
        // (2^32 + 1)² = 2^64 + 2^33 + 1, which wraps to 2^33 + 1 (high word 2, low word 1).
        Assert.True(run.ExitedWith(101), run.Describe());
        Match panic = Regex.Match(run.Console,
            "^div32: 142857 -4 1431655762\n" +
            "div64: 123456789 12345 -124999\n" +
            "mul64: 123457159 370367 -12193209 2 1\n" +
            "indexing past the end\n" +
            "\n" +
            "PANIC: index out of range, caller 0x(?<caller>[0-9a-f]{8})\n$");
        Assert.True(panic.Success, run.Describe());

        // The caller is the return address of the check's call, in Sum: the line before
        // it (the call's own) is the one with the index that failed, among Sum's three.
        uint caller = Convert.ToUInt32(panic.Groups["caller"].Value, 16);
        string source = Path.Combine(Repository.Root, Folder, "Program.cs");
        int line = Array.FindIndex(File.ReadAllLines(source), text => text.Contains(FailingCheck, StringComparison.Ordinal)) + 1;
        string where = Binutils.Execute("arm-none-eabi-addr2line", "-f", "-e", elf, $"0x{(caller & ~1u) - 1:x}");
        Assert.Equal($"runtime_checks_Keel_Tests_Images_RuntimeChecks__Sum\n{source}:{line}\n", where);
    }
}
