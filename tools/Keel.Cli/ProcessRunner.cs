// Runs a host program through Keel.Emulation's HostProcess, passing each line it
// prints (stdout and stderr) to a callback as it arrives, with an optional wall-clock
// limit after which the program and its children are killed: a program that waits for
// something that never comes (a probe with no board, an image that does not stop)
// ends the command instead of hanging it. Tests stand in for it with canned results.
using Keel.Emulation;

namespace Keel.Cli;

public sealed record ProcessResult(int? ExitCode, bool TimedOut, string Output)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;
}

public interface IProcessRunner
{
    Task<ProcessResult> RunAsync(string executable, IReadOnlyList<string> arguments, Action<string>? onLine = null,
        TimeSpan? timeLimit = null, CancellationToken cancellation = default);
}

public sealed class ProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(string executable, IReadOnlyList<string> arguments, Action<string>? onLine = null,
        TimeSpan? timeLimit = null, CancellationToken cancellation = default)
    {
        EmulatorRun run = await HostProcess.RunAsync(executable, arguments, timeLimit ?? Timeout.InfiniteTimeSpan, cancellation, onLine);
        return new ProcessResult(run.ExitCode, run.TimedOut, run.Console);
    }
}
