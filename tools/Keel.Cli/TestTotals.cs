// The closing lines `dotnet test` prints, one per test assembly:
//   Passed!  - Failed:     0, Passed:    95, Skipped:     0, Total:    95, Duration: 1 s - Keel.Build.Tests.dll (net10.0)
// read into one row per assembly, and summed into the suite's closing line
//   Total: N passed, N failed, N skipped
using System.Text.RegularExpressions;

namespace Keel.Cli;

public sealed record TestCounts(string Assembly, int Passed, int Failed, int Skipped);

public static partial class TestTotals
{
    [GeneratedRegex(@"^\s*(?:Passed|Failed)!\s+-\s+Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+),.*?-\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    public static IReadOnlyList<TestCounts> Parse(string output) =>
        SummaryLine().Matches(output)
            .Select(m => new TestCounts(m.Groups[4].Value, int.Parse(m.Groups[2].Value), int.Parse(m.Groups[1].Value), int.Parse(m.Groups[3].Value)))
            .ToList();

    public static string ClosingLine(IReadOnlyList<TestCounts> counts) =>
        $"Total: {counts.Sum(c => c.Passed)} passed, {counts.Sum(c => c.Failed)} failed, {counts.Sum(c => c.Skipped)} skipped";
}
