// keel test [APP] [--emulator qemu|renode] [--filter PATTERN] [--report FILE]: an
// application's on-target tests, the test application in APP/tests/ (app.toml there: an
// application whose console speaks the suite protocol, SuiteReport); with APP omitted,
// that of the application the current folder is in, or inside Keel's tree the kernel
// suite (tests/target-suite, Keel.Emulation's TargetSuite). It is built for the
// emulator's board with the cases PATTERN selects, booted with its console shown
// (faults symbolised), and read into a table of cases and the suite's closing line.
// keel test --all: every test of Keel's tree (dotnet test over Firmware.sln: host
// tests, build tests, images and the on-target suite on the emulator), with one
// closing line for the whole run: what the README's and CI's `./keel test` runs.
using System.ComponentModel;
using Keel.Cli.Faults;
using Keel.Emulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed class TestCommand(CliContext context) : AsyncCommand<TestCommand.Settings>
{
    // Where an application keeps its test application.
    public const string TestsFolder = "tests";

    public sealed class Settings : AppSettings
    {
        [CommandOption("-e|--emulator <EMULATOR>")]
        [Description("qemu (netduinoplus2, the default) or renode (nucleo-f401re).")]
        public string Emulator { get; set; } = Emulators.Qemu;

        [CommandOption("-f|--filter <PATTERN>")]
        [Description("Only the cases whose ids match: patterns such as IPC* separated by |.")]
        public string? Filter { get; set; }

        [CommandOption("-r|--report <FILE>")]
        [Description("Also write the results as a JUnit XML report to FILE (for CI).")]
        public string? Report { get; set; }

        [CommandOption("--all")]
        [Description("Every test of Keel's tree (dotnet test Firmware.sln); only inside Keel's tree. Takes no other option.")]
        public bool All { get; set; }

        protected override ValidationResult CheckValues() =>
            All && (App is not null || Filter is not null || Report is not null || Emulator != Emulators.Qemu)
                ? ValidationResult.Error("test: --all runs every test; it takes neither an application nor --emulator, --filter or --report.")
                : OptionValues.Choice("test", "--emulator", Emulator, Emulators.Names);
    }

    // How long the suite may run on QEMU, wall-clock; on Renode, Emulators' default
    // emulated time (ample: the whole suite takes well under a second of it). Either
    // way the run ends as soon as the image stops.
    public static readonly TimeSpan QemuTimeLimit = TimeSpan.FromMinutes(5);

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    public static async Task<int> RunAsync(CliContext context, Settings settings)
    {
        Workspace workspace = context.Workspace;
        if (settings.All)
        {
            workspace.RequireTree("keel test --all");
            // The suite's debugger tests use gdb (and skip without it).
            await HostSetup.EnsureAsync(context, workspace, [.. HostSetup.Toolchain, HostSetup.Qemu], wanted: [HostSetup.Gdb]);
            return await RunAllAsync(context, workspace);
        }
        Application tests = TestApplication(workspace, settings.App);
        if (settings.Emulator == Emulators.Renode)
            new Emulators(context, workspace).FindRenode();
        await HostSetup.EnsureAsync(context, workspace, [.. HostSetup.Toolchain, .. settings.Emulator == Emulators.Qemu ? [HostSetup.Qemu] : Array.Empty<HostPackage>()]);
        return await RunSuiteAsync(context, workspace, tests, settings.Emulator, settings.Filter, settings.Report);
    }

    // APP's tests/ application; with APP omitted, that of the application around the
    // current folder when it has one, else inside Keel's tree the kernel suite.
    public static Application TestApplication(Workspace workspace, string? folder)
    {
        Application? app = folder is not null ? workspace.Application(folder) : workspace.ApplicationAround();
        if (app is not null)
        {
            string tests = Path.Combine(app.Folder, TestsFolder);
            if (File.Exists(Path.Combine(tests, Application.DescriptionFile)))
                return Application.At(tests);
            if (folder is not null || workspace.TreeRoot is null)
                throw CliError.Usage($"{workspace.Show(app.Folder)} has no tests: its test application would be {workspace.Show(tests)}/{Application.DescriptionFile} with its project.");
        }
        string root = workspace.RequireTree("keel test with no application");
        if (!File.Exists(Path.Combine(root, TargetSuite.Folder, Application.DescriptionFile)))
            throw new CliError($"this tree has no on-target suite ({TargetSuite.Folder}).", "git pull", ExitCodes.Usage);
        return Application.At(Path.Combine(root, TargetSuite.Folder));
    }

    public static async Task<int> RunSuiteAsync(CliContext context, Workspace workspace, Application suite, string emulator, string? filter, string? report = null)
    {
        if (report is not null)
            throw CliError.Usage("test: --report needs the test application runner (TestApplicationRunner), which this build of keel does not have yet.");
        var emulators = new Emulators(context, workspace);
        if (emulator == Emulators.Renode)
            emulators.FindRenode();
        string board = Emulators.Board(emulator);
        await context.Builder.BuildAsync($"{workspace.Show(suite.Folder)} for {board}", suite.Project,
            TargetSuite.BuildProperties(board, filter, renode: emulator == Emulators.Renode));
        string elf = suite.RequireImage(workspace, board);

        var symboliser = FaultSymboliser.For(elf, await suite.LayoutAsync(context, workspace, board), workspace);
        EmulatorOutcome outcome = await emulators.RunAsync(emulator, elf, symboliser, timeLimit: emulator == Emulators.Qemu ? QemuTimeLimit : null);
        SuiteReport results = SuiteReport.Parse(outcome.Console);

        var table = new Table().AddColumn("case").AddColumn("name").AddColumn("result").AddColumn("reason");
        foreach (SuiteCase c in results.Cases)
            table.AddRow(Markup.Escape(c.Id), Markup.Escape(c.Name), Result(c.Outcome), Markup.Escape(c.Reason ?? ""));
        context.Console.Write(table);
        context.Console.WriteWholeLine(results.ClosingLine ?? $"{results.Count(CaseOutcome.Passed)} passed, {results.Count(CaseOutcome.Failed)} failed, {results.Count(CaseOutcome.Skipped)} skipped");

        // Each hint runs less than the whole suite again: only the cases that went wrong.
        string Again(IEnumerable<SuiteCase> cases) => $"keel test {Subject(workspace, suite)}--emulator {emulator} --filter '{string.Join('|', cases.Select(c => c.Id))}'";
        if (results.Cases.FirstOrDefault(c => c.Outcome == CaseOutcome.Unfinished) is SuiteCase unfinished)
            throw new CliError($"case {unfinished.Id} never finished: the suite hung or crashed in it (its output is above).", Again([unfinished]), ExitCodes.Failed);
        if (!results.Finished || outcome.TimedOut)
        {
            string debug = $"keel run {workspace.Show(suite.Folder)} --gdb";
            throw new CliError("the suite did not finish: its closing line never came, or the image never stopped.", debug, ExitCodes.Failed);
        }
        SuiteCase[] failed = results.Cases.Where(c => c.Outcome == CaseOutcome.Failed).ToArray();
        if (failed.Length > 0)
            throw new CliError($"{failed.Length} on-target cases failed (listed above).", Again(failed), ExitCodes.Failed);
        if (!results.Consistent || outcome.ExitCode != 0)
            throw new CliError($"the suite's closing line or exit status ({outcome.ExitCode}) disagrees with its cases.", Again(results.Cases), ExitCodes.Failed);
        return ExitCodes.Success;
    }

    // The APP argument that runs these tests again: the application whose tests/ they
    // are; none for the kernel suite.
    private static string Subject(Workspace workspace, Application suite) =>
        Path.GetFileName(suite.Folder) == TestsFolder ? workspace.Show(Path.GetDirectoryName(suite.Folder)!) + " " : "";

    private static string Result(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "[green]passed[/]",
        CaseOutcome.Failed => "[red]failed[/]",
        CaseOutcome.Skipped => "skipped",
        _ => "[red]unfinished[/]",
    };

    private static async Task<int> RunAllAsync(CliContext context, Workspace workspace)
    {
        string solution = Path.Combine(workspace.RequireTree("keel test --all"), Workspace.Solution);
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
