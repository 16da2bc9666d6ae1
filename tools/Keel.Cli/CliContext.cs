// What a command works with: the terminal, the folder it was started in (and the Keel
// tree around it, if any), the way it runs host programs, the environment, the devices
// folder (/dev, where keel monitor looks for a board's serial port) and whether it runs
// as root (set-up installs through sudo otherwise). Tests give each their own.
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
    public bool IsRoot { get; init; } = System.Environment.IsPrivilegedProcess;

    public Workspace Workspace => Workspace.Find(CurrentDirectory, SearchPath);

    public Builder Builder => new(Console, Runner);
}
