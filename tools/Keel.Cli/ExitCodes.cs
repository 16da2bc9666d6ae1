// The keel command's exit statuses (docs/keel.md). Each kind of failure has its own,
// so a script can tell a mistake on the command line from a broken build, a failed
// test or a machine that lacks a tool.
namespace Keel.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    // Tests failed, or the image under `run` stopped with a failure status (a panic
    // is 101 under the emulator) or did not stop within its time limit.
    public const int Failed = 1;

    // The command line does not match the usage, or asks for what cannot be done
    // (an invalid or duplicate task name, an unknown application or board).
    public const int Usage = 2;

    public const int BuildFailed = 3;

    // A host tool the command needs is not installed; the message names the install command.
    public const int MissingTool = 4;

    // The board could not be reached: the probe could not program it (no board
    // attached, verification failed, or it did not finish within its time limit), or
    // `monitor` found no serial port or could not open or set it.
    public const int ProbeFailed = 5;
}
