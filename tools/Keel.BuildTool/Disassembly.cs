// ILC's object file as objdump shows it, for the checks that read the code ILC really
// produced (AllocationCheck, DoublePrecisionCheck): the disassembly with relocations,
// the function each line belongs to, and ILC's symbols turned back into C# names.
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Keel.BuildTool;

public static partial class Disassembly
{
    // `-dr`: with relocations, for an object file; `-d` for a linked image.
    public static string Of(string objdump, string objectFile, string disassemble = "-dr")
    {
        var start = new ProcessStartInfo(objdump, [disassemble, "--no-show-raw-insn", objectFile])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{objdump} failed on {objectFile}");
        return output;
    }

    // The symbol a function header line ("0000 <symbol>:") starts, or null.
    public static string? FunctionStart(string line) => FunctionHeaderOf(line)?.Name;

    // The address and symbol of a function header line, or null.
    public static (uint Address, string Name)? FunctionHeaderOf(string line)
    {
        Match header = FunctionHeader().Match(line);
        return header.Success ? (Convert.ToUInt32(header.Groups["address"].Value, 16), header.Groups["name"].Value) : null;
    }

    // ILC names a method <assembly>_<namespace and type>__<method>, with '.' (and in
    // the assembly's name '-') turned into '_'. Turn it back into
    // Namespace.Type.Method (assembly) for the message.
    public static string Demangle(string symbol, IReadOnlyList<string> assemblyNames)
    {
        foreach (string assembly in assemblyNames.OrderByDescending(a => a.Length))
        {
            string prefix = assembly.Replace('.', '_').Replace('-', '_') + "_";
            if (!symbol.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            string rest = symbol[prefix.Length..];
            int split = rest.LastIndexOf("__", StringComparison.Ordinal);
            if (split <= 0)
                return $"{rest.Replace('_', '.')} (in {assembly})";
            return $"{rest[..split].Replace('_', '.')}.{rest[(split + 2)..]} (in {assembly})";
        }
        return symbol;
    }

    // ILC's symbol without its assembly's prefix (Keel_Kernel_Keel_Kernel_Ipc__Call:
    // Ipc__Call), for lists where the full name would only repeat itself.
    public static string ShortName(string symbol)
    {
        int method = symbol.LastIndexOf("__", StringComparison.Ordinal);
        if (method <= 0)
            return symbol;
        int type = symbol.LastIndexOf('_', method - 1);
        return type < 0 ? symbol : symbol[(type + 1)..];
    }

    [GeneratedRegex(@"^(?<address>[0-9a-f]+) <(?<name>.+)>:\s*$")]
    private static partial Regex FunctionHeader();
}
