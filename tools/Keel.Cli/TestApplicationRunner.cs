// Runs an on-target test application and reports one result per case: the routine
// behind `keel test` for a user's application (its tests/ folder, docs/testing.md) and
// for Keel's own kernel suite (tests/target-suite), which speak the same console
// protocol (SuiteReport).
//
//   1. build the test application for the emulator's board and, for Renode, the
//      suite's emulator property (TargetSuite.BuildProperties); the case filter is no
//      build input, so a run with another filter finds the build up to date;
//   2. with a filter, write it into a copy of the image (TestSelectionImage: read at
//      boot by userlib's TestSelection, for a user's cases and the kernel suite's);
//   3. boot it under QEMU or Renode (with the test application's own renode/
//      additions, RenodeAdditions) with its console shown, fault reports symbolised
//      beneath their lines (Emulators, FaultSymboliser);
//   4. read the console into cases, from the lines of the test task (the one task
//      granted the halt platform call) alone, show a table of them and the closing line;
//   5. write the JUnit report (Keel.Emulation's JUnitReport) when a path is given;
//   6. return ExitCodes.Success, or stop with a CliError whose fix re-runs only the
//      cases that went wrong.
//
// A run is green only when every case that started has a verdict, none failed, the
// closing line agrees with them and the image stopped with status 0 (TestRunRecord's
// Problem); a filter that selects no case is a mistake on the command line.
using System.Diagnostics;
using System.Text.RegularExpressions;
using Keel.BuildTool.SystemDescription;
using Keel.Cli.Faults;
using Keel.Emulation;
using Spectre.Console;

namespace Keel.Cli;

public static partial class TestApplicationRunner
{
    // An application's test application is this folder inside it: tests/app.toml and
    // its kernel image project.
    public const string TestsFolder = "tests";

    // Where the JUnit report goes unless the command says otherwise, under the application.
    public const string DefaultReport = "TestResults/keel-test.xml";

    // How long a test image may run on QEMU, wall-clock; on Renode, Emulators' default
    // emulated time. Either way the run ends as soon as the image stops.
    public static readonly TimeSpan QemuTimeLimit = TimeSpan.FromMinutes(5);

    public const string FilterSyntax =
        "case-id patterns separated by '|', each of letters, digits, '_', '*' (any run of characters) and '?' (any one character), letters matching in either case (e.g. 'Adds*|Divide?')";

    // The test application of `application` (<application>/tests), which must exist.
    public static Application TestApplicationOf(Workspace workspace, Application application)
    {
        string folder = Path.Combine(application.Folder, TestsFolder);
        if (!File.Exists(Path.Combine(folder, Application.DescriptionFile)))
            throw new CliError(
                $"{application.Folder} has no test application ({TestsFolder}/{Application.DescriptionFile} and its project; docs/testing.md says how to write one).",
                $"mkdir -p {Path.GetRelativePath(workspace.Root, folder)}/tasks", ExitCodes.Usage);
        return Application.At(folder);
    }

    // The report's default path for the application whose tests run.
    public static string DefaultReportPath(Application application) => Path.Combine(application.Folder, DefaultReport);

    // A filter the image cannot read stops the command before the build.
    public static void CheckFilter(string? filter)
    {
        if (filter is not null && !FilterFormat().IsMatch(filter))
            throw CliError.Usage($"--filter '{filter}': a filter is {FilterSyntax}.");
    }

    // Builds, boots and reports `tests` (an application whose image prints the suite
    // protocol). `rerun` is the command that runs it again without a filter (e.g.
    // "keel test firmware/app --emulator qemu"); a failure's fix adds --filter to it.
    // `reportPath`, when given, receives the JUnit report.
    public static async Task<int> RunAsync(CliContext context, Workspace workspace, Application tests, string emulator, string? filter,
        string? reportPath, string rerun)
    {
        CheckFilter(filter);
        var emulators = new Emulators(context, workspace);
        if (emulator == Emulators.Renode)
            emulators.FindRenode();
        string board = Emulators.Board(emulator);
        await context.Builder.BuildAsync($"{Path.GetRelativePath(workspace.Root, tests.Folder)} for {board}", tests.Project,
            TargetSuite.BuildProperties(board, renode: emulator == Emulators.Renode));
        string elf = tests.RequireImage(workspace, board);
        string booted = filter is null ? elf : Selected(elf, filter);

        SystemLayout layout = await tests.LayoutAsync(context, workspace, board);
        string reporter = Reporter(workspace, tests, layout);
        var symboliser = FaultSymboliser.For(elf, layout, workspace);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        EmulatorOutcome outcome = await emulators.RunAsync(emulator, booted, symboliser, timeLimit: emulator == Emulators.Qemu ? QemuTimeLimit : null,
            renodeAdditions: RenodeAdditions.Of(tests.Folder));
        clock.Stop();
        SuiteReport report = SuiteReport.Parse(outcome.Console, reporter);

        var table = new Table().AddColumn("case").AddColumn("name").AddColumn("result").AddColumn("reason");
        foreach (SuiteCase c in report.Cases)
            table.AddRow(Markup.Escape(c.Id), Markup.Escape(c.Name), Result(c.Outcome), Markup.Escape(c.Reason ?? ""));
        context.Console.Write(table);
        context.Console.WriteWholeLine(report.ClosingLine
            ?? $"{report.Count(CaseOutcome.Passed)} passed, {report.Count(CaseOutcome.Failed)} failed, {report.Count(CaseOutcome.Skipped)} skipped");

        var run = new TestRunRecord(tests.ImageName, report, outcome.Console, outcome.ExitCode, outcome.TimedOut, started, clock.Elapsed,
        [
            new("emulator", emulator),
            new("board", board),
            .. filter is null ? Array.Empty<KeyValuePair<string, string>>() : [new("filter", filter)],
        ]);
        if (reportPath is not null)
        {
            JUnitReport.Write(run, reportPath);
            context.Console.WriteWholeLine($"JUnit report: {Path.GetRelativePath(context.CurrentDirectory, Path.GetFullPath(reportPath))}");
        }
        return Verdict(workspace, tests, run, filter, rerun);
    }

    // The test task, whose console lines alone are the protocol (SuiteReport): the one
    // task that may end the run, and so give its status.
    private static string Reporter(Workspace workspace, Application tests, SystemLayout layout)
    {
        string[] halting = layout.Tasks.Select(task => task.Task).Where(task => task.PlatformCalls.Contains(PlatformCallNames.Halt)).Select(task => task.Name).ToArray();
        if (halting.Length != 1)
            throw new CliError(
                $"{Path.GetRelativePath(workspace.Root, tests.Description)} grants the {PlatformCallNames.Halt} platform call to {(halting.Length == 0 ? "no task" : string.Join(" and ", halting))}: its test task, the one that reports the cases and ends the run, must be the only one.",
                $"platform-calls = [\"{PlatformCallNames.Halt}\"] in the test task's section alone (docs/testing.md)", ExitCodes.Usage);
        return halting[0];
    }

    // The image with `filter` written into its selection block.
    private static string Selected(string elf, string filter)
    {
        try
        {
            return TestSelectionImage.Write(elf, filter);
        }
        catch (ArgumentException tooLong)
        {
            throw CliError.Usage($"--filter: {tooLong.Message}.");
        }
        catch (InvalidDataException noBlock)
        {
            throw new CliError($"{noBlock.Message}.", "rebuild the test application with this Keel (dotnet build --no-incremental)", ExitCodes.Failed);
        }
    }

    private static int Verdict(Workspace workspace, Application tests, TestRunRecord run, string? filter, string rerun)
    {
        SuiteReport report = run.Report;
        // Each hint runs less than the whole run again: only the cases that went wrong.
        string Again(IEnumerable<SuiteCase> cases) => $"{rerun} --filter '{string.Join('|', cases.Select(c => c.Id))}'";
        if (report.Cases.FirstOrDefault(c => c.Outcome == CaseOutcome.Unfinished) is SuiteCase unfinished)
            throw new CliError($"case {unfinished.Id} never finished: the suite hung or crashed in it (its output is above).", Again([unfinished]), ExitCodes.Failed);
        SuiteCase[] failed = report.Cases.Where(c => c.Outcome == CaseOutcome.Failed).ToArray();
        if (failed.Length > 0)
            throw new CliError($"{failed.Length} on-target cases failed (listed above).", Again(failed), ExitCodes.Failed);
        if (run.Problem is string problem)
            throw new CliError($"the test run is broken: {problem}.", $"keel run {Path.GetRelativePath(workspace.Root, tests.Folder)} --gdb", ExitCodes.Failed);
        if (report.Cases.Count == 0)
            throw filter is null
                ? new CliError($"{tests.Folder} ran no test case: does its test task call TestCases.RunAll() and have [TestCase] methods?", "see docs/testing.md", ExitCodes.Failed)
                : CliError.Usage($"--filter '{filter}' selects none of the cases of {Path.GetRelativePath(workspace.Root, tests.Folder)}.");
        return ExitCodes.Success;
    }

    private static string Result(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "[green]passed[/]",
        CaseOutcome.Failed => "[red]failed[/]",
        CaseOutcome.Skipped => "skipped",
        _ => "[red]unfinished[/]",
    };

    // The syntax userlib's TestSelection matches.
    [GeneratedRegex(@"^[A-Za-z0-9_*?]+(\|[A-Za-z0-9_*?]+)*$")]
    private static partial Regex FilterFormat();
}
