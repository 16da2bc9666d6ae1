using System.Text.RegularExpressions;

namespace Keel.Docs.Tests;

// docs/diagnostics.md lists every KEEL code once; the code reports exactly those. A code
// the code reports that the list lacks, or one a document names that nothing reports
// (a renumbered or removed diagnostic), fails here. "The code" is every source, target
// and project file but the host test projects and the test fixtures under tests/images,
// which only expect codes. A range in a document (`KEEL0101–KEEL0104`, `KEEL2001–2006`)
// names each code in it.
public partial class DiagnosticCodesTests
{
    private static readonly string[] SourcePatterns = ["*.cs", "*.S", "*.props", "*.targets", "*.csproj", "*.toml"];

    [Fact]
    public void TheListHasEveryCodeTheCodeReports()
    {
        SortedSet<int> listed = ListedCodes();
        int[] unlisted = ReportedCodes().Keys.Where(code => !listed.Contains(code)).ToArray();
        Assert.True(unlisted.Length == 0, "codes the code reports that docs/diagnostics.md does not list:\n" +
            string.Join("\n", unlisted.Select(code => $"KEEL{code:D4} ({ReportedCodes()[code]})")));
    }

    [Fact]
    public void EveryCodeADocumentNamesIsReported()
    {
        Dictionary<int, string> reported = ReportedCodes();
        var unknown = new List<string>();
        foreach ((string file, int line, string text) in Tree.DocumentLines())
        {
            foreach (int code in CodesIn(text).Where(code => !reported.ContainsKey(code)))
                unknown.Add($"{file}:{line}: KEEL{code:D4}");
        }
        Assert.True(unknown.Count == 0, "codes documents name that nothing reports:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void TheListNamesEachCodeOnce()
    {
        string[] repeated = ListRows().GroupBy(code => code).Where(group => group.Count() > 1).Select(group => $"KEEL{group.Key:D4}").ToArray();
        Assert.True(repeated.Length == 0, "codes listed more than once in docs/diagnostics.md: " + string.Join(", ", repeated));
    }

    private static SortedSet<int> ListedCodes() => new(ListRows());

    private static IEnumerable<int> ListRows() =>
        File.ReadLines(Path.Combine(Tree.Root, "docs/diagnostics.md"))
            .Select(line => ListRow().Match(line))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups["code"].Value));

    // Each code the code reports, with one file that reports it.
    private static Dictionary<int, string> ReportedCodes()
    {
        var reported = new Dictionary<int, string>();
        foreach (string file in SourcePatterns.SelectMany(Tree.Files).Where(file => !IsTestOnly(file)))
        {
            foreach (Match match in Code().Matches(File.ReadAllText(Path.Combine(Tree.Root, file))))
                reported.TryAdd(int.Parse(match.Groups["code"].Value), file);
        }
        return reported;
    }

    private static bool IsTestOnly(string file) =>
        Regex.IsMatch(file, @"^tests/(Keel\.[^/]+\.Tests|images)/");

    private static IEnumerable<int> CodesIn(string text)
    {
        foreach (Match range in CodeRange().Matches(text))
        {
            int first = int.Parse(range.Groups["first"].Value);
            string lastDigits = range.Groups["last"].Value;
            int last = int.Parse(range.Groups["first"].Value[..(4 - lastDigits.Length)] + lastDigits);
            for (int code = first; code <= last; code++)
                yield return code;
        }
        foreach (Match single in Code().Matches(CodeRange().Replace(text, "")))
            yield return int.Parse(single.Groups["code"].Value);
    }

    [GeneratedRegex(@"KEEL(?<code>\d{4})")]
    private static partial Regex Code();

    [GeneratedRegex(@"KEEL(?<first>\d{4})[–-](?:KEEL)?(?<last>\d{4}|\d{2})")]
    private static partial Regex CodeRange();

    [GeneratedRegex(@"^\| `?KEEL(?<code>\d{4})`? \|")]
    private static partial Regex ListRow();
}
