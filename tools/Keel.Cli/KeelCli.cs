// The keel command: dispatches to a command, and turns a CliError into its one-line
// message, the command that fixes it, and its exit status (ExitCodes).
using Spectre.Console;

namespace Keel.Cli;

public static class KeelCli
{
    public static readonly string Help = $"""
        keel: build, run, test and flash Keel applications.

          {BuildCommand.Usage}
          {RunCommand.Usage}
          {TestCommand.Usage}
          {FlashCommand.Usage}
          {MonitorCommand.Usage}
          {NewTaskCommand.Usage}

        app is an application folder (app.toml and its project), firmware/policy-demo when omitted.
        Exit status: 0 success, 1 tests failed or the image failed, 2 usage, 3 build failed,
        4 a tool is missing, 5 the board could not be reached (programmed, or its port opened). See docs/keel.md.
        """;

    public static Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments, TextWriter error)
    {
        string command = arguments.Count > 0 ? arguments[0] : "--help";
        IReadOnlyList<string> rest = arguments.Skip(1).ToList();
        return Guard(error, () => command switch
        {
            "build" => BuildCommand.RunAsync(context, rest),
            "run" => RunCommand.RunAsync(context, rest),
            "test" => TestCommand.RunAsync(context, rest),
            "flash" => FlashCommand.RunAsync(context, rest),
            "monitor" => MonitorCommand.RunAsync(context, rest),
            "new" => NewTaskCommand.RunAsync(context, rest),
            "help" or "--help" or "-h" => Task.FromResult(ShowHelp(context.Console)),
            _ => throw CliError.Usage($"there is no command '{command}'."),
        });
    }

    // Runs a command; a CliError becomes its message, its fix and its exit status.
    public static async Task<int> Guard(TextWriter error, Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (CliError failure)
        {
            error.WriteLine($"keel: error: {failure.Message}");
            if (failure.Fix is not null)
                error.WriteLine($"keel: fix: {failure.Fix}");
            return failure.ExitCode;
        }
    }

    private static int ShowHelp(IAnsiConsole console)
    {
        console.WriteWholeLine(Help);
        return ExitCodes.Success;
    }
}
