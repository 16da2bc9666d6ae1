// Runs a host program, passing each line it prints (stdout and stderr) to a callback as
// it arrives, with an optional wall-clock limit after which the program and its
// children are killed: a program that waits for something that never comes (a probe
// with no board, an image that does not stop) ends the command instead of hanging it.
using System.Diagnostics;
using System.Text;

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
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        var output = new StringBuilder();
        void Receive(string? line)
        {
            if (line is null)
                return;
            line = line.TrimEnd('\r');
            lock (output)
            {
                output.Append(line).Append('\n');
                onLine?.Invoke(line);
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (timeLimit is TimeSpan span)
            limit.CancelAfter(span);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellation.IsCancellationRequested;
            process.Kill(entireProcessTree: true);
        }
        // Waits for the output to be read to its end as well.
        await process.WaitForExitAsync(CancellationToken.None);
        lock (output)
            return new ProcessResult(timedOut ? null : process.ExitCode, timedOut, output.ToString());
    }
}
