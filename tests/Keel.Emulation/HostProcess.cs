// Runs a host program headless, capturing everything it prints, until it ends by
// itself or its bound ends it. An emulator's bound is emulated work (`emulatedBound`,
// a task that answers true once the guest has used up its share, false if the program
// ended first): a run it ends is reported as timed out with what it printed up to
// then, the same however busy the host is. The wall-clock `limit` is only a safety net
// for a program that hangs or a host far too slow: a run killed there is timed out
// too, and says it was the host's clock that ended it (EmulatorRun.WallClockLimitReached).
// Either way a hung emulator fails a test and never hangs the suite. `onLine`, when given, also receives each line as it is printed
// (stdout's and stderr's lines each whole, without the line end), for a caller that
// shows the run live. `workingDirectory`, when given, is the program's current folder;
// `environment` sets variables for it beside the inherited ones.
using System.Diagnostics;
using System.Text;

namespace Keel.Emulation;

public static class HostProcess
{
    public static async Task<EmulatorRun> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan limit, CancellationToken cancellation = default,
        Action<string>? onLine = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null,
        Func<CancellationToken, Task<bool>>? emulatedBound = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        string commandLine = Quote(executable) + " " + string.Join(' ', arguments.Select(Quote));

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.Start();
        process.StandardInput.Close();
        Task pumpOut = Pump(process.StandardOutput, output, onLine);
        Task pumpErr = Pump(process.StandardError, output, onLine);

        using var wallClock = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        wallClock.CancelAfter(limit);
        using var exited = new CancellationTokenSource();
        Task<bool> boundReached = emulatedBound is null ? Task.FromResult(false) : ReachedAsync(emulatedBound, exited.Token);
        Task exit = process.WaitForExitAsync(wallClock.Token);
        bool boundEnded = false;
        bool cancelled = false;
        try
        {
            if (await Task.WhenAny(exit, boundReached) == boundReached && await boundReached)
            {
                boundEnded = true;
                process.Kill(entireProcessTree: true);
            }
            await exit;
        }
        catch (OperationCanceledException) when (!boundEnded)
        {
            cancelled = true;
            process.Kill(entireProcessTree: true);
        }
        catch (OperationCanceledException)
        {
            // Killed for its bound, and the wall clock ran out while it went.
        }
        await process.WaitForExitAsync(CancellationToken.None);
        exited.Cancel();
        await boundReached;
        await Task.WhenAll(pumpOut, pumpErr);
        stopwatch.Stop();

        string text;
        lock (output)
            text = output.ToString().Replace("\r\n", "\n");
        bool timedOut = boundEnded || cancelled;
        return new EmulatorRun(text, timedOut ? null : process.ExitCode, timedOut, stopwatch.Elapsed, commandLine)
        {
            WallClockLimitReached = cancelled && !cancellation.IsCancellationRequested,
        };
    }

    // The bound's answer; false when the program ended before it was reached.
    private static async Task<bool> ReachedAsync(Func<CancellationToken, Task<bool>> bound, CancellationToken exited)
    {
        try
        {
            return await bound(exited);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // An argument as a shell would need it, so a printed command line can be pasted.
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,@+".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";

    // Appends what `reader` gives to `sink` until it ends, and passes each line (without
    // its line end) to `onLine` as it completes.
    internal static async Task Pump(StreamReader reader, StringBuilder sink, Action<string>? onLine)
    {
        char[] buffer = new char[1024];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, 0, buffer.Length)) > 0)
        {
            lock (sink)
            {
                sink.Append(buffer, 0, read);
                for (int i = 0; onLine is not null && i < read; i++)
                {
                    if (buffer[i] != '\n')
                        line.Append(buffer[i]);
                    else
                    {
                        onLine(line.ToString().TrimEnd('\r'));
                        line.Clear();
                    }
                }
            }
        }
        if (line.Length > 0)
        {
            lock (sink)
                onLine!(line.ToString().TrimEnd('\r'));
        }
    }
}
