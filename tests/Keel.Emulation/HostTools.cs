namespace Keel.Emulation;

// Finds host executables on PATH (or at an explicit path).
public static class HostTools
{
    public static string? Find(string name)
    {
        if (name.Contains('/'))
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    public static string Require(string name, string installCommand) =>
        Find(name) ?? throw new MissingToolException(name, installCommand);
}
