using System.Text.RegularExpressions;
using Keel.BuildTool;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The C# conformance suite (docs/csharp.md): tests/images/csharp-conformance runs one
// [TestCase] per construct that firmware serves, in one task, under QEMU, each checking
// its result on the console; tests/images/csharp-refused holds one line per construct
// it refuses, each marked with the KEEL diagnostic the build must report there. The
// table in docs/csharp.md is checked against both, so the page cannot drift from what
// is tested.
[Collection(DotnetBuildCollection.Name)]
public partial class CSharpConformanceTests
{
    private const string Folder = "tests/images/csharp-conformance";
    private const string ImageName = "csharp-conformance";
    private static readonly string Project = Path.Combine(Repository.Root, Folder, "CSharpConformance.csproj");
    private static readonly string CasesFolder = Path.Combine(Repository.Root, Folder, "tasks", "cases");
    private static readonly string RefusedProgram = Path.Combine(Repository.Root, "tests", "images", "csharp-refused", "Program.cs");
    private static readonly string RefusedProject = Path.Combine(Repository.Root, "tests", "images", "csharp-refused", "CSharpRefused.csproj");
    private static readonly string CSharpPage = Path.Combine(Repository.Root, "docs", "csharp.md");

    // Statics.FlashTable's bytes, which must lie in flash only.
    private static readonly byte[] FlashTable = [0x4B, 0x45, 0x45, 0x4C, 0xF1, 0xA5, 0x7A, 0xB1, 0xE0, 0x5E, 0xC7, 0x10, 0x9A, 0x3C, 0xD2, 0x81];

    private static void Build()
    {
        var (exitCode, output) = DotnetBuild.Run(Project, "-p:KeelBoard=netduinoplus2");
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task EveryConstructOfTheSuiteRunsOnTheTargetAndPasses()
    {
        Build();
        EmulatorRun run = await new Qemu().RunAsync(Repository.Image(Folder, ImageName));
        SuiteReport report = SuiteReport.Parse(run.Console, "cases");

        Assert.True(run.ExitedWith(0), run.Describe());
        Assert.True(report.Consistent, run.Describe());
        Assert.Equal(SuiteCaseIds(), report.Cases.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(report.Cases, c => Assert.True(c.Outcome == CaseOutcome.Passed, c.Transcript));
        Assert.True(report.Cases.Count >= 80, $"{report.Cases.Count} cases");
    }

    // `ReadOnlySpan<T> X => new T[] { constants }` is data in the image's flash: its
    // bytes are in a section that is loaded, never written and not copied to RAM.
    [Fact]
    public void ASpanOverConstantsLiesInFlashNotRam()
    {
        Build();
        ElfImage elf = ElfImage.Read(File.ReadAllBytes(Repository.Image(Folder, ImageName)));

        var holders = elf.Sections.Where(s => s.Allocated && s.Loaded && Contains(elf.Contents(s), FlashTable)).ToList();

        ElfImage.Section holder = Assert.Single(holders);
        Assert.False(holder.Writable, $"{holder.Name} is writable");
        Assert.Equal(holder.Address, elf.LoadAddress(holder));
        Assert.InRange(holder.Address, 0x0800_0000u, 0x080F_FFFFu);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    // Each refused construct fails the build with its KEEL diagnostic at its line, and
    // no line without a marker gets one.
    [Fact]
    public void EachRefusedConstructFailsTheBuildAtItsLine()
    {
        (int exitCode, string output) = DotnetBuild.Run(RefusedProject);

        Assert.NotEqual(0, exitCode);
        var reported = KeelDiagnosticAtLine().Matches(output)
            .Where(m => m.Groups["file"].Value.EndsWith(Path.Combine("csharp-refused", "Program.cs"), StringComparison.Ordinal))
            .Select(m => (Line: int.Parse(m.Groups["line"].Value), Code: m.Groups["code"].Value))
            .Distinct()
            .Order();
        Assert.Equal(RefusedMarkers().Order(), reported);
        Assert.DoesNotContain("ILC ->", output);
    }

    // docs/csharp.md's table: every case of the suite is a row that runs, every refused
    // construct a row with its code, and no row names a case or code that does not exist.
    [Fact]
    public void TheTableInTheDocsMatchesTheSuite()
    {
        IReadOnlyList<TableRow> rows = ReadTable();

        string[] documentedCases = rows.Where(r => r.Status == "runs").SelectMany(r => r.CheckedBy).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(SuiteCaseIds(), documentedCases);

        string[] documentedCodes = rows.Where(r => r.Status.StartsWith("refused", StringComparison.Ordinal))
            .Select(r => RefusedStatus().Match(r.Status).Groups["code"].Value).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(RefusedMarkers().Select(m => m.Code).Distinct().Order(StringComparer.Ordinal), documentedCodes);

        Assert.All(rows, r => Assert.True(r.Status is "runs" or "not yet" || RefusedStatus().IsMatch(r.Status), $"row '{r.Construct}': status '{r.Status}'"));
        Assert.All(rows.Where(r => r.Status != "runs"), r => Assert.True(r.Instead.Length > 0, $"row '{r.Construct}' says what to write instead"));
        Assert.Contains(rows, r => r.Status == "not yet");

        // The counts the page states are the table's.
        Match counts = StatedCounts().Match(File.ReadAllText(CSharpPage));
        Assert.True(counts.Success, "docs/csharp.md states the table's counts");
        Assert.Equal(
            (rows.Count(r => r.Status == "runs"), rows.Count(r => r.Status != "runs" && r.Status != "not yet"), rows.Count(r => r.Status == "not yet")),
            (int.Parse(counts.Groups["runs"].Value), int.Parse(counts.Groups["refused"].Value), int.Parse(counts.Groups["notYet"].Value)));
    }

    [GeneratedRegex(@"\*\*(?<runs>\d+) constructs run, (?<refused>\d+) are refused at their line with a KEEL code,\s+(?<notYet>\d+) are not yet served\.\*\*")]
    private static partial Regex StatedCounts();

    private sealed record TableRow(string Construct, string Status, string[] CheckedBy, string Instead);

    // The rows of the table that follows the heading "## Every construct, and what it does".
    private static IReadOnlyList<TableRow> ReadTable()
    {
        string[] lines = File.ReadAllLines(CSharpPage);
        int heading = Array.FindIndex(lines, l => l == "## Every construct, and what it does");
        Assert.True(heading >= 0, "docs/csharp.md has the conformance table");
        int header = Array.FindIndex(lines, heading, l => l.StartsWith("| Group |", StringComparison.Ordinal));
        var rows = new List<TableRow>();
        for (int i = header + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            string[] cells = lines[i].Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length == 5, $"docs/csharp.md line {i + 1}: five cells");
            string[] checkedBy = BacktickedName().Matches(cells[3]).Select(m => m.Groups["name"].Value).ToArray();
            rows.Add(new TableRow(cells[1], cells[2], checkedBy, cells[4]));
        }
        return rows;
    }

    private static string[] SuiteCaseIds() =>
        Directory.GetFiles(CasesFolder, "*.cs")
            .SelectMany(file => TestCaseMethod().Matches(File.ReadAllText(file)).Select(m => m.Groups["id"].Value))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static IEnumerable<(int Line, string Code)> RefusedMarkers() =>
        File.ReadAllLines(RefusedProgram)
            .Select((text, index) => (Line: index + 1, Marker: Marker().Match(text)))
            .Where(l => l.Marker.Success)
            .Select(l => (l.Line, l.Marker.Groups["code"].Value));

    [GeneratedRegex(@"\[TestCase\(""[^""]*""\)\]\s*public static (?:unsafe )?void (?<id>\w+)\(")]
    private static partial Regex TestCaseMethod();

    [GeneratedRegex(@"// (?<code>KEEL\d{4})$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"(?<file>[^\s:]+\.cs)\((?<line>\d+),\d+\): error (?<code>KEEL\d{4})")]
    private static partial Regex KeelDiagnosticAtLine();

    [GeneratedRegex(@"^refused \((?<code>KEEL\d{4})\)$")]
    private static partial Regex RefusedStatus();

    [GeneratedRegex(@"`(?<name>[A-Za-z][A-Za-z0-9_]*)`")]
    private static partial Regex BacktickedName();
}
