// keel test [APP] [--emulator qemu|renode] [--filter PATTERN] [--report FILE]: an
// application's on-target tests, the test application in APP/tests/ (app.toml there: an
// application whose console speaks the suite protocol, SuiteReport); with APP omitted,
// that of the application the current folder is in, or inside Keel's tree the kernel
// suite (tests/target-suite, Keel.Emulation's TargetSuite). TestApplicationRunner
// builds it for the emulator's board with the cases PATTERN selects, boots it with its
// console shown (faults symbolised), shows a table of cases and the closing line, and
// writes the JUnit report.
// keel test --all: every test of Keel's tree (dotnet test over Firmware.sln: host
// tests, build tests, images and the on-target suite on the emulator), with one
// closing line for the whole run: what the README's and CI's `./keel test` runs.
using System.ComponentModel;
using Keel.Emulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed class TestCommand(CliContext context) : AsyncCommand<TestCommand.Settings>
{
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

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    public static async Task<int> RunAsync(CliContext context, Settings settings)
    {
        Workspace workspace = context.Workspace;
        if (settings.All)
        {
            string root = workspace.RequireTree("keel test --all");
            // The suite's debugger tests use gdb (and skip without it).
            await HostSetup.EnsureAsync(context, workspace, [.. HostSetup.Toolchain, HostSetup.Qemu], wanted: [HostSetup.Gdb]);
            return await RunAllAsync(context, root);
        }
        var (application, tests) = TestApplication(workspace, settings.App);
        TestApplicationRunner.CheckFilter(settings.Filter);
        if (settings.Emulator == Emulators.Renode)
            new Emulators(context, workspace).FindRenode();
        await HostSetup.EnsureAsync(context, workspace, [.. HostSetup.Toolchain, .. settings.Emulator == Emulators.Qemu ? [HostSetup.Qemu] : Array.Empty<HostPackage>()]);
        // A user's tests leave their JUnit report under the application unless told
        // otherwise (docs/testing.md); the kernel suite only when asked.
        string? report = settings.Report ?? (application is null ? null : TestApplicationRunner.DefaultReportPath(application));
        string rerun = $"keel test {(application is null ? "" : workspace.Show(application.Folder) + " ")}--emulator {settings.Emulator}";
        return await TestApplicationRunner.RunAsync(context, workspace, tests, settings.Emulator, settings.Filter, report, rerun);
    }

    // The application whose tests run (null for Keel's kernel suite) and its test
    // application: APP's tests/; with APP omitted, that of the application around the
    // current folder when it has one, else inside Keel's tree the kernel suite.
    public static (Application? Application, Application Tests) TestApplication(Workspace workspace, string? folder)
    {
        Application? app = folder is not null ? workspace.Application(folder) : workspace.ApplicationAround();
        if (app is not null && (folder is not null || workspace.TreeRoot is null
                || File.Exists(Path.Combine(app.Folder, TestApplicationRunner.TestsFolder, Application.DescriptionFile))))
            return (app, TestApplicationRunner.TestApplicationOf(workspace, app));
        string root = workspace.RequireTree("keel test with no application");
        if (!File.Exists(Path.Combine(root, TargetSuite.Folder, Application.DescriptionFile)))
            throw new CliError($"this tree has no on-target suite ({TargetSuite.Folder}).", "git pull", ExitCodes.Usage);
        return (null, Application.At(Path.Combine(root, TargetSuite.Folder)));
    }

    private static async Task<int> RunAllAsync(CliContext context, string treeRoot)
    {
        string solution = Path.Combine(treeRoot, Workspace.Solution);
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
