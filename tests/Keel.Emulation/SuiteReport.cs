// Reads the console of the on-target test suite (tests/target-suite) into one result
// per case. The suite's test task (the reporter: the driver of tests/target-suite, a
// user's test task, in both the one task granted the halt platform call) prints, for
// each case it runs,
//
//   Starting test IPC0003 Call without a reply right fails before sending
//   ... anything the case printed ...
//   PASS IPC0003            or   FAIL IPC0003: reason     or   SKIP IPC0003: reason
//
// and after the last case one closing line, `N passed, N failed` (`, N skipped` added
// when there are skipped cases), each line begun by the kernel with the reporter's name
// (`driver: PASS IPC0003`). Only the reporter's lines are read as the protocol
// (ConsoleTranscript): another task printing `PASS IPC0003` or a closing line has
// written a line of its own, which goes into the case's transcript and nothing else
// (issue 29). A case that started but has no verdict line (the
// image hung or crashed in it) is Unfinished, with its transcript up to the end.
// An id is letters, digits and '_', starting with a letter: the kernel suite's are
// IPC0003 and the like, a user's test cases (userlib/Testing.cs, docs/testing.md)
// their method names.
using System.Text.RegularExpressions;

namespace Keel.Emulation;

public enum CaseOutcome
{
    Passed,
    Failed,
    Skipped,
    Unfinished,
}

public sealed record SuiteCase(string Id, string Name, CaseOutcome Outcome, string? Reason, string Transcript);

public sealed partial record SuiteReport(IReadOnlyList<SuiteCase> Cases, string? ClosingLine, int ClosingPassed, int ClosingFailed, int ClosingSkipped)
{
    public bool Finished => ClosingLine is not null;

    public SuiteCase? Find(string id) => Cases.FirstOrDefault(c => c.Id == id);

    public int Count(CaseOutcome outcome) => Cases.Count(c => c.Outcome == outcome);

    // The closing line agrees with the cases' own verdicts.
    public bool Consistent =>
        Finished && ClosingPassed == Count(CaseOutcome.Passed) && ClosingFailed == Count(CaseOutcome.Failed)
        && ClosingSkipped == Count(CaseOutcome.Skipped) && Count(CaseOutcome.Unfinished) == 0;

    // `reporter`: the name of the task whose lines are the protocol.
    public static SuiteReport Parse(string console, string reporter)
    {
        var cases = new List<SuiteCase>();
        string? closing = null;
        int passed = 0, failed = 0, skipped = 0;
        string? id = null, name = null;
        var transcript = new List<string>();
        foreach (string line in console.Replace("\r\n", "\n").Split('\n'))
        {
            TranscriptLine author = ConsoleTranscript.Read(line);
            if (author.Task != reporter)
            {
                if (id is not null)
                    transcript.Add(line);
                continue;
            }
            string text = author.Text;
            Match start = StartLine().Match(text);
            if (start.Success)
            {
                if (id is not null)
                    cases.Add(new SuiteCase(id, name!, CaseOutcome.Unfinished, null, string.Join('\n', transcript)));
                id = start.Groups["id"].Value;
                name = start.Groups["name"].Value;
                transcript = [line];
                continue;
            }
            Match verdict = VerdictLine().Match(text);
            if (verdict.Success && id is not null && verdict.Groups["id"].Value == id)
            {
                transcript.Add(line);
                CaseOutcome outcome = verdict.Groups["verdict"].Value switch
                {
                    "PASS" => CaseOutcome.Passed,
                    "FAIL" => CaseOutcome.Failed,
                    _ => CaseOutcome.Skipped,
                };
                string? reason = verdict.Groups["reason"].Success ? verdict.Groups["reason"].Value : null;
                cases.Add(new SuiteCase(id, name!, outcome, reason, string.Join('\n', transcript)));
                id = null;
                continue;
            }
            Match end = ClosingLineFormat().Match(text);
            if (end.Success && id is null)
            {
                closing = text;
                passed = int.Parse(end.Groups["passed"].Value);
                failed = int.Parse(end.Groups["failed"].Value);
                skipped = end.Groups["skipped"].Success ? int.Parse(end.Groups["skipped"].Value) : 0;
                continue;
            }
            if (id is not null)
                transcript.Add(line);
        }
        if (id is not null)
            cases.Add(new SuiteCase(id, name!, CaseOutcome.Unfinished, null, string.Join('\n', transcript).TrimEnd('\n')));
        return new SuiteReport(cases, closing, passed, failed, skipped);
    }

    [GeneratedRegex(@"^Starting test (?<id>[A-Za-z][A-Za-z0-9_]*) (?<name>.+)$")]
    private static partial Regex StartLine();

    [GeneratedRegex(@"^(?<verdict>PASS|FAIL|SKIP) (?<id>[A-Za-z][A-Za-z0-9_]*)(?:: (?<reason>.*))?$")]
    private static partial Regex VerdictLine();

    [GeneratedRegex(@"^(?<passed>[0-9]+) passed, (?<failed>[0-9]+) failed(?:, (?<skipped>[0-9]+) skipped)?$")]
    private static partial Regex ClosingLineFormat();
}
