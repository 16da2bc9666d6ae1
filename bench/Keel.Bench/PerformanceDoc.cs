// docs/performance.md's current figures, tied to the committed results so the page
// cannot drift from them. Two forms, both read from bench/results (the CSV the
// benchmark writes and the size report it copies beside it):
//
// - a generated table, between `<!-- bench:results begin -->` and
//   `<!-- bench:results end -->`, which the benchmark command rewrites on every run;
// - a figure quoted anywhere else, in prose or a hand-made table, preceded by a marker
//   naming what it is: `<!--bench:null_syscall.mean-->74.8` (an operation's mean, min,
//   max, n or fastpath) or `<!--size:kernel-flash-->35,422`.
//
// Figures of earlier commits (the pages' before/after tables) are history and carry no
// marker. Keel.Bench.Tests checks the table and every marker against bench/results.
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Keel.Bench;

public sealed record BenchResults(IReadOnlyList<BenchLine> Lines, long KernelFlash)
{
    public const string Board = "netduinoplus2";
    public static string CsvPath(string root) => Path.Combine(root, "bench", "results", $"ipc-{Board}.csv");
    public static string SizeReportPath(string root) => Path.Combine(root, "bench", "results", $"ipc-{Board}.size.txt");

    private static readonly Regex KernelFlashLine = new(@"^  kernel flash: (\d+) bytes", RegexOptions.Multiline);

    public static BenchResults Read(string root)
    {
        string[] csv = File.ReadAllLines(CsvPath(root));
        if (csv.Length == 0 || csv[0] != BenchLine.CsvHeader)
            throw new InvalidDataException($"{CsvPath(root)}: expected the header '{BenchLine.CsvHeader}'");
        IReadOnlyList<BenchLine> lines = csv.Skip(1).Select(BenchLine.FromCsv).ToList();
        Match flash = KernelFlashLine.Match(File.ReadAllText(SizeReportPath(root)));
        if (!flash.Success)
            throw new InvalidDataException($"{SizeReportPath(root)}: no '  kernel flash: N bytes' line");
        return new BenchResults(lines, long.Parse(flash.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    // What a marker names: `bench:<operation>.<field>` or `size:kernel-flash`.
    public double? Figure(string kind, string name)
    {
        if (kind == "size")
            return name == "kernel-flash" ? KernelFlash : null;
        int dot = name.LastIndexOf('.');
        if (dot < 0)
            return null;
        string operation = name[..dot];
        BenchLine? line = Lines.SingleOrDefault(l => l.Operation == operation);
        if (line is null)
            return null;
        return name[(dot + 1)..] switch
        {
            "mean" => line.Mean,
            "min" => line.Min,
            "max" => line.Max,
            "n" => line.Count,
            "fastpath" => line.FastpathHits,
            _ => null,
        };
    }
}

public static class PerformanceDoc
{
    public const string Begin = "<!-- bench:results begin -->", End = "<!-- bench:results end -->";
    public static string PathIn(string root) => Path.Combine(root, "docs", "performance.md");

    private static readonly Regex Marker = new(@"<!--(?<kind>bench|size):(?<name>[\w.-]+)-->(?<figure>\d[\d,]*(?:\.\d+)?)");

    // The generated table: every operation of the CSV, in its order, and the kernel's
    // flash from the size report.
    public static string Table(BenchResults results)
    {
        var table = new StringBuilder();
        table.Append("| operation | mean | min | max | fastpath hits |\n");
        table.Append("| --- | ---: | ---: | ---: | ---: |\n");
        foreach (BenchLine line in results.Lines)
            table.Append($"| `{line.Operation}` | {Number(line.Mean)} | {Number(line.Min)} | {Number(line.Max)} | {Number(line.FastpathHits)} |\n");
        table.Append("\n");
        table.Append($"Kernel flash (vectors, code, task image table, initial data as stored; `bench/results/{Path.GetFileName(BenchResults.SizeReportPath(""))}`): {Number(results.KernelFlash)} bytes.\n");
        return table.ToString();
    }

    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) >= 1000 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value == Math.Floor(value) ? value.ToString("0", CultureInfo.InvariantCulture)
        : value.ToString("#,0.0", CultureInfo.InvariantCulture);

    // The page with its generated table replaced by the one `results` gives.
    public static string Regenerate(string page, BenchResults results)
    {
        int begin = page.IndexOf(Begin, StringComparison.Ordinal), end = page.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
            throw new InvalidDataException($"docs/performance.md: no '{Begin}' ... '{End}' block");
        return page[..(begin + Begin.Length)] + "\n" + Table(results) + page[end..];
    }

    // Every way the page disagrees with the results: the generated table, each marked
    // figure (line number, marker, figure, what the results say).
    public static IReadOnlyList<string> Disagreements(string page, BenchResults results)
    {
        var found = new List<string>();
        if (Regenerate(page, results) != page)
            found.Add($"the table between '{Begin}' and '{End}' is not the one bench/results gives (run the benchmark, or `dotnet run --project bench/Keel.Bench -- --doc-only`)");
        foreach (Match m in Marker.Matches(page))
        {
            int lineNumber = page.AsSpan(0, m.Index).Count('\n') + 1;
            string kind = m.Groups["kind"].Value, name = m.Groups["name"].Value;
            double? expected = results.Figure(kind, name);
            double quoted = double.Parse(m.Groups["figure"].Value.Replace(",", ""), CultureInfo.InvariantCulture);
            if (expected is null)
                found.Add($"docs/performance.md:{lineNumber}: {kind}:{name} names nothing in bench/results");
            else if (quoted != expected.Value)
                found.Add($"docs/performance.md:{lineNumber}: {kind}:{name} quotes {m.Groups["figure"].Value}, bench/results says {Number(expected.Value)}");
        }
        return found;
    }

    public static int MarkerCount(string page) => Marker.Matches(page).Count;
}
