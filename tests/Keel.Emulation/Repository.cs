namespace Keel.Emulation;

// Locates the repository (the folder holding Firmware.sln) and the images built in it.
public static class Repository
{
    public const string Solution = "Firmware.sln";

    public static string Root { get; } = FindRoot();

    // <project folder>/bin/<board>/<image>.elf, as sdk/targets/Keel.Image.targets lays it out;
    // the project folder is relative to the repository root (e.g. "firmware/hello").
    public static string Image(string projectFolder, string image, string board = "netduinoplus2") =>
        Path.Combine(Root, projectFolder, "bin", board, image + ".elf");

    // Above the running program (tests, a tool built in the tree), else above the
    // current directory (a tool installed elsewhere, run from inside the tree).
    private static string FindRoot() =>
        FindAbove(AppContext.BaseDirectory) ?? FindAbove(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException($"{Solution} not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");

    // The nearest folder at or above `start` that holds Firmware.sln.
    public static string? FindAbove(string start)
    {
        for (string? dir = Path.GetFullPath(start); dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, Solution)))
                return dir;
        }
        return null;
    }
}
