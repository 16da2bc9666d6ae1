using Keel.BuildTool;
using Keel.Cli;

namespace Keel.Cli.Tests;

// `keel build`'s table: each section counted against the windows of the kernel or task
// that holds it, initial data against both its flash and its RAM, and each stack beside
// the worst case the build computed for it.
public class SizeTableTests
{
    [Fact]
    public void ThePolicyDemosRowsAddUpItsTasksSections()
    {
        var layout = CliHarness.Layout(Workspace.DefaultApplication);
        var sections = SizeReport.ReadSections(File.ReadAllBytes(CliHarness.DemoImage));
        var worstStacks = StackDepth.ReadReport(Path.ChangeExtension(CliHarness.DemoImage, ".stack.txt"));
        IReadOnlyList<SizeRow> rows = SizeTable.Compute(layout, sections, worstStacks);

        Assert.Equal(["kernel", "supervisor", "policy", "service", "alice", "bob", "journal", "rogue"], rows.Select(r => r.Name));
        SizeRow rogue = rows.Single(r => r.Name == "rogue");
        long Size(string name) => sections.Single(s => s.Name == name).Size;
        Assert.Equal(Size(".task_rogue_text") + Size(".task_rogue_data"), rogue.FlashUsed);
        Assert.Equal(Size(".task_rogue_stack") + Size(".task_rogue_data") + Size(".task_rogue_bss"), rogue.RamUsed);
        Assert.Equal(16384, rogue.FlashBudget);
        Assert.Equal(4096, rogue.RamBudget);
        Assert.Equal(2048, rogue.Stack);
        Assert.All(rows, row => Assert.True(row.FlashUsed <= row.FlashBudget && row.RamUsed <= row.RamBudget, row.ToString()));
        // The build's stack analysis: a worst case for every row, within its stack.
        Assert.All(rows, row => Assert.True(row.WorstStack is > 0 && row.WorstStack <= row.Stack, row.ToString()));
        // Every allocated section of the image belongs to one row.
        Assert.Equal(sections.Where(s => s.InFlash).Sum(s => (long)s.Size), rows.Sum(r => r.FlashUsed));
    }
}

// The authority each task holds beyond its capabilities, in its row of the table:
// the benchmark's client may halt and read the fastpath count, and is trusted with RCC
// and with the TIM2 it shares with the interrupt rows' tasks.
public class AuthorityColumnsTests
{
    [Fact]
    public void TheBenchmarksClientRowShowsItsPlatformCallsAndTrustedPeripherals()
    {
        var layout = CliHarness.Layout("bench/ipc");
        var output = new StringWriter();

        SizeTable.Render(CliHarness.Context(output).Console, "ipc-bench.elf", layout, SizeTable.Compute(layout, [], new Dictionary<string, long>()));

        string[] lines = output.ToString().Split('\n');
        Assert.Contains(lines, line => line.TrimEnd() == "  client            0 (0%)    16384     0 (0%)     8192    2048                 16384/8192   halt, fastpath-count   rcc, tim2");
        Assert.Contains(lines, line => line.TrimEnd() == "  server            0 (0%)     8192     0 (0%)     4096    1024                  8192/4096");
    }
}
