namespace Keel.Emulation;

// Finds host executables on PATH (or at an explicit path). `searchPath`, when given,
// replaces the process's PATH (the keel command's tests point it at fake tools).
public static class HostTools
{
    public static string? Find(string name, string? searchPath = null)
    {
        if (name.Contains('/'))
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        foreach (string dir in (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    public static string Require(string name, string installCommand, string? searchPath = null) =>
        Find(name, searchPath) ?? throw new MissingToolException(name, installCommand);
}
