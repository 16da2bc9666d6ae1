// One on-target test run as a JUnit XML report, the format CI systems read (GitHub
// Actions' test reporters, GitLab, Jenkins, Azure Pipelines' JUnit option): a
// <testsuites> with one <testsuite> named after the test image, and one <testcase> per
// case the console protocol showed (SuiteReport), its transcript as <system-out>:
//
//   passed      <testcase/>
//   failed      <failure message="reason" type="FAIL">transcript</failure>
//   skipped     <skipped message="reason"/>
//   unfinished  <error message="..." type="Unfinished">transcript</error> (the image
//               hung or crashed in the case)
//
// A run that went wrong outside any case (no closing line, a closing line or exit
// status that disagrees with the cases, an emulator that timed out) adds one more
// testcase, "(run)", with an <error> and the whole console, so that CI never reads a
// broken run as green. Cases carry no time of their own: the console has no clock;
// the suite has the run's wall-clock time.
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Keel.Emulation;

// What a run gives the report: the image's name (the suite's), the console read into
// cases, the emulator's exit status (null when it never stopped) and time, and
// properties worth keeping beside the results (emulator, board, filter).
public sealed record TestRunRecord(
    string Suite,
    SuiteReport Report,
    string Console,
    int? ExitCode,
    bool TimedOut,
    DateTimeOffset Started,
    TimeSpan Duration,
    IReadOnlyList<KeyValuePair<string, string>> Properties)
{
    // Why the run as a whole is broken, outside any one case; null when it is not. An
    // unfinished case says it itself, so it is not repeated here.
    public string? Problem
    {
        get
        {
            if (Report.Count(CaseOutcome.Unfinished) > 0)
                return null;
            if (TimedOut)
                return "the image never stopped: it ran out of time after its last line";
            if (!Report.Finished)
                return "the run ended without the closing line (N passed, N failed)";
            if (!Report.Consistent)
                return $"the closing line '{Report.ClosingLine}' disagrees with the cases' own verdicts";
            bool passed = Report.Count(CaseOutcome.Failed) == 0;
            if (ExitCode is not int status || (status == 0) != passed)
                return $"the image stopped with status {ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"} after {(passed ? "no failed case" : "failed cases")}";
            return null;
        }
    }
}

public static class JUnitReport
{
    public const string RunCaseName = "(run)";

    public static XDocument Build(TestRunRecord run)
    {
        SuiteReport report = run.Report;
        string? problem = run.Problem;
        int failures = report.Count(CaseOutcome.Failed);
        int errors = report.Count(CaseOutcome.Unfinished) + (problem is null ? 0 : 1);
        int skipped = report.Count(CaseOutcome.Skipped);
        int tests = report.Cases.Count + (problem is null ? 0 : 1);
        string time = run.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

        var suite = new XElement("testsuite",
            new XAttribute("name", run.Suite),
            new XAttribute("tests", tests),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", skipped),
            new XAttribute("timestamp", run.Started.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("time", time));
        if (run.Properties.Count > 0)
            suite.Add(new XElement("properties", run.Properties.Select(p => new XElement("property", new XAttribute("name", p.Key), new XAttribute("value", Clean(p.Value))))));
        foreach (SuiteCase c in report.Cases)
            suite.Add(Case(run.Suite, c));
        if (problem is not null)
        {
            suite.Add(new XElement("testcase", new XAttribute("classname", run.Suite), new XAttribute("name", RunCaseName),
                new XElement("error", new XAttribute("message", problem), new XAttribute("type", "Run"), Clean(run.Console))));
        }
        suite.Add(new XElement("system-out", Clean(run.Console)));

        var suites = new XElement("testsuites",
            new XAttribute("name", run.Suite),
            new XAttribute("tests", tests),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", skipped),
            new XAttribute("time", time),
            suite);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    // Writes the report to `path`, making its folder; UTF-8 without a byte-order mark.
    public static void Write(TestRunRecord run, string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using XmlWriter writer = XmlWriter.Create(path, settings);
        Build(run).Save(writer);
    }

    private static XElement Case(string suite, SuiteCase c)
    {
        var element = new XElement("testcase", new XAttribute("classname", suite), new XAttribute("name", c.Id));
        switch (c.Outcome)
        {
            case CaseOutcome.Failed:
                element.Add(new XElement("failure", new XAttribute("message", Clean(c.Reason ?? "")), new XAttribute("type", "FAIL"), Clean(c.Transcript)));
                break;
            case CaseOutcome.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", Clean(c.Reason ?? ""))));
                break;
            case CaseOutcome.Unfinished:
                element.Add(new XElement("error", new XAttribute("message", $"case {c.Id} never finished: the image hung or crashed in it"),
                    new XAttribute("type", "Unfinished"), Clean(c.Transcript)));
                break;
        }
        element.Add(new XElement("system-out", Clean(c.Transcript)));
        return element;
    }

    // A console may carry bytes XML 1.0 cannot hold (a crashed image's garbage, terminal
    // escapes): each becomes U+FFFD, so the report is always well-formed.
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
                continue;
            }
            clean.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return clean.ToString();
    }
}
