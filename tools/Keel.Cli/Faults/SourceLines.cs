// The C# file and line of a code address, from the image's DWARF line tables (ILC
// writes them with -g, the link keeps them). binutils' addr2line reads them: it comes
// with the toolchain every build needs, so the fault notes need nothing more.
using System.Diagnostics;

namespace Keel.Cli.Faults;

public interface ISourceLines
{
    // "path:line" for the code at `address`, or null when the image says nothing of it.
    string? Find(uint address);
}

public sealed class Addr2Line(string tool, string elfPath, string root) : ISourceLines
{
    public const string Executable = "arm-none-eabi-addr2line";

    private readonly Dictionary<uint, string?> _found = new();

    public string? Find(uint address)
    {
        if (!_found.TryGetValue(address, out string? line))
            _found[address] = line = Lookup(address);
        return line;
    }

    private string? Lookup(uint address)
    {
        var start = new ProcessStartInfo(tool, ["-e", elfPath, $"0x{address:x}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start);
        if (process is null)
            return null;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? Readable(output, root) : null;
    }

    // addr2line prints `??:0` or `??:?` for an address without a line, and ILC records
    // absolute paths, shown relative to the tree they are in.
    public static string? Readable(string output, string root)
    {
        int colon = output.LastIndexOf(':');
        if (colon <= 0 || output.StartsWith("??", StringComparison.Ordinal) || !int.TryParse(output[(colon + 1)..].Split(' ')[0], out int line) || line == 0)
            return null;
        string path = output[..colon];
        string relative = Path.GetRelativePath(root, path);
        bool inside = !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        return $"{(inside ? relative : path)}:{line}";
    }
}
