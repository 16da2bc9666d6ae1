// What one emulator run produced: the console transcript, and either an exit status
// (the image stopped itself: through semihosting on QEMU, at its stop hook on Renode) or
// a time-out. When the console is not the emulator's own output (Renode's comes through
// a socket), EmulatorOutput keeps what the emulator printed. The command line names
// the emulator as it was run (its full path), so it can be pasted.
namespace Keel.Emulation;

public sealed record EmulatorRun(string Console, int? ExitCode, bool TimedOut, TimeSpan Elapsed, string CommandLine)
{
    public string? EmulatorOutput { get; init; }

    // The emulator's own exit status, where it is not the image's (Renode's); null when
    // it was killed at its wall-clock limit.
    public int? EmulatorExitCode { get; init; }

    // Renode: the application's scripted inputs ended the run before the image stopped
    // (RenodeAdditions); neither an exit status nor a time-out.
    public bool EndedByInputs { get; init; }

    public bool ExitedWith(int status) => !TimedOut && ExitCode == status;

    // A readable account of the run for a failing test: how it ended and everything
    // the image printed up to that point.
    public string Describe()
    {
        string ending = TimedOut ? $"timed out after {Elapsed.TotalSeconds:0.0} s"
            : EndedByInputs ? "ended by its scripted inputs"
            : $"exited with status {ExitCode}";
        if (EmulatorExitCode is int emulatorStatus && emulatorStatus != 0)
            ending += $" (the emulator exited with status {emulatorStatus})";
        string emulator = EmulatorOutput is null ? "" : $"\nemulator output:\n{EmulatorOutput}";
        return $"{CommandLine}\n{ending}; console transcript:\n{Console}{emulator}";
    }
}
