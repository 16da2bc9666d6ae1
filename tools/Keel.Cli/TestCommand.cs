// keel test [--emulator qemu|renode] [--filter PATTERN]: the on-target kernel suite
// (tests/target-suite, Keel.Emulation's TargetSuite): built for the emulator's board
// with the cases PATTERN selects, booted with its console shown (faults symbolised),
// read by SuiteReport into a table of cases and the suite's closing line.
// keel test --all: every test of the tree (dotnet test over Firmware.sln: host tests,
// build tests, images and the on-target suite on the emulator), with one closing line
// for the whole run: what the README's and CI's `./keel test` runs.
using Keel.Cli.Faults;
using Keel.Emulation;
using Spectre.Console;

namespace Keel.Cli;

public static class TestCommand
{
    public const string Usage = "keel test [--emulator qemu|renode] [--filter PATTERN] | keel test --all";

    // How long the suite may run on QEMU, wall-clock; on Renode, Emulators' default
    // emulated time (ample: the whole suite takes well under a second of it). Either
    // way the run ends as soon as the image stops.
    public static readonly TimeSpan QemuTimeLimit = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments)
    {
        var parsed = new Arguments(arguments, "test", ["--all"], ["--emulator", "--filter"], 0);
        if (parsed.Flag("--all"))
        {
            if (parsed.Option("--emulator") is not null || parsed.Option("--filter") is not null)
                throw CliError.Usage("test: --all runs every test; it takes neither --emulator nor --filter.");
            return await RunAllAsync(context, context.Workspace);
        }
        string emulator = parsed.Choice("test", "--emulator", Emulators.Names);
        Workspace workspace = context.Workspace;
        if (!File.Exists(Path.Combine(workspace.Root, TargetSuite.Folder, "app.toml")))
            throw new CliError($"this tree has no on-target suite ({TargetSuite.Folder}).", "git pull", ExitCodes.Usage);
        return await RunSuiteAsync(context, workspace, workspace.Application(TargetSuite.Folder, workspace.Root), emulator, parsed.Option("--filter"));
    }

    public static async Task<int> RunSuiteAsync(CliContext context, Workspace workspace, Application suite, string emulator, string? filter)
    {
        var emulators = new Emulators(context, workspace);
        if (emulator == Emulators.Renode)
            emulators.FindRenode();
        string board = Emulators.Board(emulator);
        await context.Builder.BuildAsync($"{Path.GetRelativePath(workspace.Root, suite.Folder)} for {board}", suite.Project,
            TargetSuite.BuildProperties(board, filter, renode: emulator == Emulators.Renode));
        string elf = suite.RequireImage(workspace, board);

        var symboliser = FaultSymboliser.For(elf, suite.Layout(workspace, board), workspace);
        EmulatorOutcome outcome = await emulators.RunAsync(emulator, elf, symboliser, timeLimit: emulator == Emulators.Qemu ? QemuTimeLimit : null);
        SuiteReport report = SuiteReport.Parse(outcome.Console);

        var table = new Table().AddColumn("case").AddColumn("name").AddColumn("result").AddColumn("reason");
        foreach (SuiteCase c in report.Cases)
            table.AddRow(Markup.Escape(c.Id), Markup.Escape(c.Name), Result(c.Outcome), Markup.Escape(c.Reason ?? ""));
        context.Console.Write(table);
        context.Console.WriteWholeLine(report.ClosingLine ?? $"{report.Count(CaseOutcome.Passed)} passed, {report.Count(CaseOutcome.Failed)} failed, {report.Count(CaseOutcome.Skipped)} skipped");

        // Each hint runs less than the whole suite again: only the cases that went wrong.
        string Again(IEnumerable<SuiteCase> cases) => $"keel test --emulator {emulator} --filter '{string.Join('|', cases.Select(c => c.Id))}'";
        if (report.Cases.FirstOrDefault(c => c.Outcome == CaseOutcome.Unfinished) is SuiteCase unfinished)
            throw new CliError($"case {unfinished.Id} never finished: the suite hung or crashed in it (its output is above).", Again([unfinished]), ExitCodes.Failed);
        if (!report.Finished || outcome.TimedOut)
        {
            string debug = $"keel run {Path.GetRelativePath(workspace.Root, suite.Folder)} --gdb";
            throw new CliError("the suite did not finish: its closing line never came, or the image never stopped.", debug, ExitCodes.Failed);
        }
        SuiteCase[] failed = report.Cases.Where(c => c.Outcome == CaseOutcome.Failed).ToArray();
        if (failed.Length > 0)
            throw new CliError($"{failed.Length} on-target cases failed (listed above).", Again(failed), ExitCodes.Failed);
        if (!report.Consistent || outcome.ExitCode != 0)
            throw new CliError($"the suite's closing line or exit status ({outcome.ExitCode}) disagrees with its cases.", Again(report.Cases), ExitCodes.Failed);
        return ExitCodes.Success;
    }

    private static string Result(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "[green]passed[/]",
        CaseOutcome.Failed => "[red]failed[/]",
        CaseOutcome.Skipped => "skipped",
        _ => "[red]unfinished[/]",
    };

    private static async Task<int> RunAllAsync(CliContext context, Workspace workspace)
    {
        string solution = Path.Combine(workspace.Root, Workspace.Solution);
        await context.Builder.BuildAsync("every project", solution);
        ProcessResult result = await context.Runner.RunAsync("dotnet", ["test", solution, "--no-build", "--nologo"], context.Console.WriteWholeLine);
        IReadOnlyList<TestCounts> counts = TestTotals.Parse(result.Output);
        var table = new Table().AddColumn("test assembly").AddColumn(new TableColumn("passed").RightAligned())
            .AddColumn(new TableColumn("failed").RightAligned()).AddColumn(new TableColumn("skipped").RightAligned());
        foreach (TestCounts c in counts)
            table.AddRow(Markup.Escape(c.Assembly), c.Passed.ToString(), c.Failed > 0 ? $"[red]{c.Failed}[/]" : "0", c.Skipped.ToString());
        context.Console.Write(table);
        context.Console.WriteWholeLine(TestTotals.ClosingLine(counts));
        if (result.Succeeded && counts.All(c => c.Failed == 0))
            return ExitCodes.Success;
        throw new CliError(counts.Count == 0 ? "dotnet test failed before running any test (its output is above)." : "some tests failed (they are listed above).",
            $"dotnet test {Workspace.Solution} --no-build", ExitCodes.Failed);
    }
}
