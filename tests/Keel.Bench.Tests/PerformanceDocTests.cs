using Keel.Bench;
using Keel.Emulation;

namespace Keel.Bench.Tests;

// docs/performance.md quotes the committed results (bench/results), never figures
// written down by hand: its generated table is the one the CSV and the size report
// give, and every figure marked as a current one is what they say (PerformanceDoc).
public class PerformanceDocTests
{
    [Fact]
    public void EveryCurrentFigureOfThePageIsTheCommittedResults()
    {
        string page = File.ReadAllText(PerformanceDoc.PathIn(Repository.Root));
        BenchResults results = BenchResults.Read(Repository.Root);

        Assert.Equal(BenchLine.Operations, results.Lines.Select(line => line.Operation));
        IReadOnlyList<string> disagreements = PerformanceDoc.Disagreements(page, results);
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(PerformanceDoc.MarkerCount(page) >= 20, "the page's current figures carry their markers");
    }

    [Fact]
    public void AFigureThatDiffersFromTheResultsIsFound()
    {
        BenchResults results = new([new BenchLine("null_syscall", "instructions", 1000, 74.8, 59, 15832, 6)], 35422);
        string page = PerformanceDoc.Regenerate($"a\n{PerformanceDoc.Begin}\n{PerformanceDoc.End}\n", results)
            + "null call <!--bench:null_syscall.min-->59, flash <!--size:kernel-flash-->35,422\n";

        Assert.Empty(PerformanceDoc.Disagreements(page, results));
        Assert.Single(PerformanceDoc.Disagreements(page.Replace("-->59,", "-->58,"), results));
        Assert.Single(PerformanceDoc.Disagreements(page.Replace("-->35,422", "-->34,814"), results));
        Assert.Single(PerformanceDoc.Disagreements(page.Replace("| 74.8 |", "| 74.9 |"), results));
        Assert.Single(PerformanceDoc.Disagreements(page + "<!--bench:no_such_row.mean-->1\n", results));
    }
}
