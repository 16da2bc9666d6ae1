// `Keel.BuildTool system` as MSBuild runs it: a separate process whose refusals are
// lines in MSBuild's canonical error form and a non-zero exit status.
using System.Diagnostics;

namespace Keel.Build.Tests;

public class CommandTests
{
    [Fact]
    public void Refusal_prints_canonical_errors_and_exits_1()
    {
        string toml = TestApps.WriteApp("""
            name = "t"
            board = "nope"
            [kernel]
            flash = 65536
            ram = 16384
            stack = 2048
            """);
        string output = Path.Combine(Path.GetDirectoryName(toml)!, "out");

        var (status, errors) = RunTool("system", toml, output);

        Assert.Equal(1, status);
        Assert.Equal(
            new[]
            {
                $"{toml}: error KEEL0100: top level: field 'board': no board 'nope' (expected a folder under board/ with board.props)",
                $"{toml}: error KEEL0100: top level: no tasks (add at least one [tasks.<name>] section)",
            },
            errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(output));
    }

    private static (int Status, string Errors) RunTool(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Keel.BuildTool.dll"));
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }
}
