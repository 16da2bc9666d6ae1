using Keel.BuildTool;
using Keel.BuildTool.SystemDescription;

namespace Keel.Cli.Tests;

// The build's stack analysis on the demo as built: every stack it gives covers its
// worst case, and the kernel stack the issue found accepted although one fault of a task
// without a handler overflowed it (`[kernel] stack = 512`) is refused at its field.
public class StackDepthImageTests
{
    private static readonly string RawImage = Path.Combine(CliHarness.DemoFolder, "obj", "keel", "netduinoplus2", "policy-demo.raw-data.elf");

    private static StackDepth.Code DemoCode() =>
        StackDepth.Code.Of(ElfImage.Read(File.ReadAllBytes(RawImage)), Disassembly.Of("arm-none-eabi-objdump", RawImage, "-d"));

    [Fact]
    public void TheDemosStacksCoverTheirWorstCasesWithNoWarning()
    {
        AppDescription app = AppDescriptionParser.Parse(Path.Combine(CliHarness.DemoFolder, "app.toml"), (_, _) => { })!;

        (IReadOnlyList<string> lines, IReadOnlyList<string> report) = StackDepth.Check(DemoCode(), app);

        Assert.Empty(lines);
        Assert.Equal(1 + app.Tasks.Count, report.Count);
        // The kernel's deepest entry is a system call's general path.
        Assert.StartsWith("kernel ", report[0], StringComparison.Ordinal);
        Assert.Contains(" SVC_Handler > ", report[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AKernelStackOf512IsRefusedAtItsFieldWithTheSizeThatFits()
    {
        string toml = Path.Combine(Directory.CreateTempSubdirectory("keel-stack-").FullName, "app.toml");
        File.WriteAllText(toml, File.ReadAllText(Path.Combine(CliHarness.DemoFolder, "app.toml")).Replace("ram = 16384\nstack = 2048", "ram = 16384\nstack = 512"));
        AppDescription app = AppDescriptionParser.Parse(toml, (_, _) => { })!;

        (IReadOnlyList<string> lines, _) = StackDepth.Check(DemoCode(), app);

        string error = Assert.Single(lines);
        Assert.Matches(@"app\.toml\(22,1\): error KEEL0112: kernel: field 'stack': needs up to (\d+) bytes of stack \(with an exception frame; deepest: SVC_Handler > .*\) but is given 512: set stack = \d+ or more$", error);
    }
}
