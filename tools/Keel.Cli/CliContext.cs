// What a command works with: the terminal, the Keel tree, the way it runs host
// programs, the environment and the devices folder (/dev, where keel monitor looks for
// a board's serial port). Tests give each their own.
using Spectre.Console;

namespace Keel.Cli;

public sealed record CliContext(
    IAnsiConsole Console,
    string CurrentDirectory,
    IProcessRunner Runner,
    Func<string, string?> Environment,
    string? SearchPath = null,
    string DeviceRoot = "/dev")
{
    public Workspace Workspace => Workspace.Find(CurrentDirectory, SearchPath);

    public Builder Builder => new(Console, Runner);
}
