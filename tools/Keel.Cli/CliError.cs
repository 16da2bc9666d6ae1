// A failure the keel command reports as one sentence, the command that fixes it, and
// its exit status (ExitCodes).
namespace Keel.Cli;

public sealed class CliError(string message, string? fix, int exitCode) : Exception(message)
{
    public string? Fix { get; } = fix;

    public int ExitCode { get; } = exitCode;

    public static CliError Usage(string message) => new(message, "keel --help", ExitCodes.Usage);
}
