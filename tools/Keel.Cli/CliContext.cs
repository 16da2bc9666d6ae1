// What a command works with: the terminal, the Keel tree, the way it runs host
// programs and the environment. Tests give each their own.
using Spectre.Console;

namespace Keel.Cli;

public sealed record CliContext(
    IAnsiConsole Console,
    string CurrentDirectory,
    IProcessRunner Runner,
    Func<string, string?> Environment,
    string? SearchPath = null)
{
    public Workspace Workspace => Workspace.Find(CurrentDirectory, SearchPath);

    public Builder Builder => new(Console, Runner);
}
