namespace Keel.Emulation;

// Locates the repository (the folder holding Firmware.sln) and the images built in it.
public static class Repository
{
    public static string Root { get; } = FindRoot();

    // <project folder>/bin/<board>/<image>.elf, as build/Keel.Image.targets lays it out;
    // the project folder is relative to the repository root (e.g. "firmware/hello").
    public static string Image(string projectFolder, string image, string board = "netduinoplus2") =>
        Path.Combine(Root, projectFolder, "bin", board, image + ".elf");

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Firmware.sln")))
                return dir;
        }
        throw new InvalidOperationException("Firmware.sln not found above " + AppContext.BaseDirectory);
    }
}
