// What one emulator run produced: the console transcript, and either an exit status
// (the image stopped itself: through semihosting on QEMU, at its stop hook on Renode) or
// a time-out: the image did not stop within its bound of emulated work (QEMU's
// instruction budget, Renode's emulated time), or, far rarer, the host's wall-clock
// safety net killed the emulator first (WallClockLimitReached: the machine was too
// slow or the emulator hung, which says nothing about the image). When the console is
// not the emulator's own output (Renode's comes through a socket), EmulatorOutput
// keeps what the emulator printed. The command line names the emulator as it was run
// (its full path), so it can be pasted.
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

    // The wall-clock safety net ended the run, not the emulated bound.
    public bool WallClockLimitReached { get; init; }

    // The emulated bound, as Describe names it ("4000000000 instructions"); null: none.
    public string? Bound { get; init; }

    public bool ExitedWith(int status) => !TimedOut && ExitCode == status;

    // A readable account of the run for a failing test: how it ended and everything
    // the image printed up to that point.
    public string Describe()
    {
        string ending = WallClockLimitReached
                ? $"timed out on the host's clock: the wall-clock safety net killed the emulator after {Elapsed.TotalSeconds:0.0} s, before the image had used up {Bound ?? "its bound"}: the host was too slow (or the emulator itself hung), not the image"
            : TimedOut ? $"timed out: the image did not stop within {Bound ?? "its bound"} ({Elapsed.TotalSeconds:0.0} s on the host)"
            : EndedByInputs ? "ended by its scripted inputs"
            : $"exited with status {ExitCode}";
        if (EmulatorExitCode is int emulatorStatus && emulatorStatus != 0)
            ending += $" (the emulator exited with status {emulatorStatus})";
        string emulator = EmulatorOutput is null ? "" : $"\nemulator output:\n{EmulatorOutput}";
        return $"{CommandLine}\n{ending}; console transcript:\n{Console}{emulator}";
    }
}
