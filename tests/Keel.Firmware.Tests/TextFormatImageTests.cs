using System.Globalization;
using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// Text without a heap on the target (userlib/Text, docs/csharp.md): tests/images/text-format
// prints every format of the interpolated-string handlers through the console and
// through Utf8.TryWrite, and exercises the fixed-capacity collections
// (userlib/Collections); booted under QEMU, its console must be exactly what .NET
// prints for the same holes (computed here with .NET's invariant formatting where .NET
// has the same value), enum names included. And the caller of a WriteLine with four
// holes keeps no more than the handler in its frame.
[Collection(DotnetBuildCollection.Name)]
public class TextFormatImageTests
{
    private const string Folder = "tests/images/text-format";
    private const string ImageName = "text-format";

    private static readonly Lazy<EmulatorRun> Run = new(() =>
    {
        var (exitCode, output) = DotnetBuild.Run(Path.Combine(Repository.Root, Folder, "TextFormat.csproj"), "-p:KeelBoard=netduinoplus2");
        Assert.True(exitCode == 0, output);
        return new Qemu().RunAsync(Repository.Image(Folder, ImageName)).GetAwaiter().GetResult();
    });

    private static string Net(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void EveryFormatPrintsAsDotNetPrintsIt()
    {
        EmulatorRun run = Run.Value;

        int i = -42; ushort u16 = 0xBEEF; ulong u64 = 0x123456789ABCDEF0; long l = -1;
        sbyte sb = (sbyte)i; short s = (short)i; byte b = (byte)u16; uint u = (uint)i;
        float pi = 3.14159f, small = -0.04f, hundred = 100f, big = 1e10f;
        int n = 42, m = -7; string ab = "ab";
        Assert.True(run.ExitedWith(0), run.Describe());
        Assert.Equal(ByPrinter(
            Net($"temp {21.46f:F1} C, {12} samples, status Ok, mode Cool\n") +
            Net($"d {i} {sb} {s} {b} {u16} {u} {u64} {l}\n") +
            Net($"x {i:x} {sb:x} {s:X} {b:x} {u16:X} {u:X8} {u64:x} {l:X}\n") +
            Net($"pad {i:D5} {b:D3} {u16:x8} {long.MinValue} {ulong.MaxValue}\n") +
            Net($"f {pi:F0} {pi:F1} {pi:F2} {pi:F5} {small:F1} {hundred} {big:F1} {pi}\n") +
            Net($"o {true} {false} k name bytes WouldBlock 8 3 Low -5\n") +
            Net($"[{n,6}] [{n,-6}] [{m,4:D3}] [{ab,3}] [{ab,-3}] [{"Cool",6}] [{true,-6}]\n") +
            Net($"span {1234:X4} Idle fits True 14\n") +
            "overflow False 0\n" +
            "no line end Heat|a text longer than the console handler's buffer of sixty-four bytes 1234567890\n" +
            "list full at 8, capacity 8\n" +
            Net($"list 7 sum {2010 + 2020 + 2030 + 2040 + 2050 + 2060 + 2070} last Cool index 2\n") +
            "ring 4 refused True: 3 4 5 6\n" +
            "map full at 4\n" +
            "map 3 two 30.5 has0 False has3 True sentinels A5A5A5A5 5A5A5A5A\n"),
            run.Console);
    }

    // The lines as the console shows them: each begun by the kernel with the task's name.
    private static string ByPrinter(string lines) => string.Concat(lines.Split('\n').SkipLast(1).Select(line => $"printer: {line}\n"));

    // The handler (ConsoleInterpolatedStringHandler.Capacity bytes of text and a length)
    // is all a WriteLine leaves in its caller's frame: the holes are formatted in the
    // handler's out-of-line Append calls. Read from the prologue of the image's
    // Thermostat method (four holes): saved registers plus `sub sp`.
    [Fact]
    public void AWriteLineWithFourHolesCostsItsCallerTheHandlerAndSavedRegisters()
    {
        Assert.True(Run.Value.ExitedWith(0), Run.Value.Describe());
        string code = Binutils.Run("arm-none-eabi-objdump", Folder, ImageName, "-d", "--no-show-raw-insn",
            "--disassemble=Printer_Keel_Tests_TextFormat_Program__Thermostat");
        string[] prologue = code.Split('\n').SkipWhile(line => !line.Contains("Thermostat>:")).Skip(1).Take(3).ToArray();
        Match saved = Regex.Match(prologue[0], @"(?:push|stmdb)(?:\.w)?\s+(?:sp!,\s*)?\{([^}]*)\}");
        Match reserved = Regex.Match(prologue[1], @"sub(?:\.w|w)?\s+sp,\s*(?:sp,\s*)?#(\d+)");
        Assert.True(saved.Success && reserved.Success, string.Join("\n", prologue));
        int frame = 4 * saved.Groups[1].Value.Split(',').Length + int.Parse(reserved.Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.InRange(frame, 68, 112);
    }
}
