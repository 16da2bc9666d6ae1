// Runs `dotnet build` with a progress line (the build's latest message) and, when it
// fails, shows the build's error lines and stops the command with ExitCodes.BuildFailed.
using Spectre.Console;

namespace Keel.Cli;

public sealed class Builder(IAnsiConsole console, IProcessRunner runner)
{
    public async Task BuildAsync(string what, string target, params string[] properties)
    {
        string[] arguments = ["build", target, "-nologo", "-v:m", .. properties];
        ProcessResult result = await console.Status().StartAsync($"Building {Markup.Escape(what)}", async status =>
            await runner.RunAsync("dotnet", arguments, line =>
            {
                // "  Keel.Hal -> /path/Keel.Hal.dll": one more project done.
                int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
                if (arrow > 0)
                    status.Status($"Building {Markup.Escape(what)}: built {Markup.Escape(line[..arrow].Trim())}");
            }));
        if (result.Succeeded)
        {
            console.MarkupLine($"[green]Built[/] {Markup.Escape(what)}");
            return;
        }
        foreach (string line in result.Output.Split('\n').Where(IsError).Distinct())
            console.WriteWholeLine(line);
        throw new CliError($"the build of {what} failed (the errors are above).", "dotnet " + string.Join(' ', arguments), ExitCodes.BuildFailed);
    }

    private static bool IsError(string line) => line.Contains(": error ", StringComparison.Ordinal) || line.StartsWith("error", StringComparison.Ordinal);
}
