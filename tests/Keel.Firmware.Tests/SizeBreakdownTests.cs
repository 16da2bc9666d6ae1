using Keel.BuildTool;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The size report's kernel breakdown (tools/Keel.BuildTool/SizeBreakdown.cs), on the
// benchmark image: every byte of the kernel's code and initial data is charged to one
// row, the kernel's own classes have rows of their own, and the report the build wrote
// beside the image shows it all.
[Collection(DotnetBuildCollection.Name)]
public class SizeBreakdownTests
{
    private const string Folder = "bench/ipc", Image = "ipc-bench";

    [Fact]
    public void TheKernelsCodeAndDataRowsAddUpToTheirSections()
    {
        ElfImage elf = ElfImage.Read(File.ReadAllBytes(Repository.Image(Folder, Image)));
        ElfImage.Section text = elf.Sections.Single(s => s.Name == ".text");
        ElfImage.Section data = elf.Sections.Single(s => s.Name == DataPacking.DataSection);

        IReadOnlyList<SizeBreakdown.Row> code = SizeBreakdown.Code(elf, text);
        IReadOnlyList<SizeBreakdown.Row> initialData = SizeBreakdown.Data(elf, data);

        Assert.Equal(text.Size, code.Sum(r => r.Bytes));
        Assert.Equal(data.Size, initialData.Sum(r => r.Bytes));
        Assert.Contains(code, r => r.Component == "kernel: Ipc" && r.Bytes > 0);
        Assert.Contains(code, r => r.Component == "port (hal/Port)" && r.Bytes > 0);
        Assert.Contains(code, r => r.Component == "hal" && r.Bytes > 0);
        Assert.Contains(code, r => r.Component == "runtime (core library)" && r.Bytes > 0);
        Assert.DoesNotContain(code, r => r.Component == "kernel: Invariants");
        Assert.Contains(initialData, r => r.Component.StartsWith("string literals") && r.Bytes > 0);
    }

    [Fact]
    public void TheBuildsSizeReportShowsTheKernelsFlashByComponent()
    {
        string report = File.ReadAllText(Path.ChangeExtension(Repository.Image(Folder, Image), ".size.txt"));
        ElfImage elf = ElfImage.Read(File.ReadAllBytes(Repository.Image(Folder, Image)));
        long kernelFlash = elf.Sections.Where(s => s.Allocated && s.Loaded && !s.Name.StartsWith(".task_")).Sum(s => (long)s.Size);

        Assert.Contains($"  kernel flash: {kernelFlash} bytes (", report);
        Assert.Contains("  kernel code (.text) by component:", report);
        Assert.Matches(@"\n      Ipc +\d+\n", report);
        Assert.Matches(@"stored in \d+ bytes of flash \(packed\)", report);
    }
}
