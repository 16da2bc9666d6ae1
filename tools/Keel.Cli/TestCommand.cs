// keel test [--emulator qemu|renode] [--filter PATTERN]: the on-target kernel suite.
// keel test --all: every test of the tree (dotnet test over Firmware.sln: host tests,
// build tests, images on the emulator), with one closing line for the whole run:
// what the README's and CI's `./keel test` runs.
using Spectre.Console;

namespace Keel.Cli;

public static class TestCommand
{
    public const string Usage = "keel test [--emulator qemu|renode] [--filter PATTERN] | keel test --all";

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments)
    {
        var parsed = new Arguments(arguments, "test", ["--all"], ["--emulator", "--filter"], 0);
        if (parsed.Flag("--all"))
        {
            if (parsed.Option("--emulator") is not null || parsed.Option("--filter") is not null)
                throw CliError.Usage("test: --all runs every test; it takes neither --emulator nor --filter.");
            return await RunAllAsync(context, context.Workspace);
        }
        throw new CliError("the on-target suite (tests/target-suite) is not in this tree yet.", "keel test --all", ExitCodes.Usage);
    }

    private static async Task<int> RunAllAsync(CliContext context, Workspace workspace)
    {
        string solution = Path.Combine(workspace.Root, Workspace.Solution);
        await context.Builder.BuildAsync("every project", solution);
        ProcessResult result = await context.Runner.RunAsync("dotnet", ["test", solution, "--no-build", "--nologo"], context.Console.WriteLine);
        IReadOnlyList<TestCounts> counts = TestTotals.Parse(result.Output);
        var table = new Table().AddColumn("test assembly").AddColumn(new TableColumn("passed").RightAligned())
            .AddColumn(new TableColumn("failed").RightAligned()).AddColumn(new TableColumn("skipped").RightAligned());
        foreach (TestCounts c in counts)
            table.AddRow(Markup.Escape(c.Assembly), c.Passed.ToString(), c.Failed > 0 ? $"[red]{c.Failed}[/]" : "0", c.Skipped.ToString());
        context.Console.Write(table);
        context.Console.WriteLine(TestTotals.ClosingLine(counts));
        if (result.Succeeded && counts.All(c => c.Failed == 0))
            return ExitCodes.Success;
        throw new CliError(counts.Count == 0 ? "dotnet test failed before running any test (its output is above)." : "some tests failed (they are listed above).",
            $"dotnet test {Workspace.Solution} --no-build", ExitCodes.Failed);
    }
}
