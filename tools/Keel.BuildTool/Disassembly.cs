// ILC's object file as objdump shows it, for the checks that read the code ILC really
// produced (AllocationCheck, DoublePrecisionCheck): the disassembly with relocations,
// the function each line belongs to, and ILC's symbols turned back into C# names.
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Keel.BuildTool;

public static partial class Disassembly
{
    public static string Of(string objdump, string objectFile)
    {
        var start = new ProcessStartInfo(objdump, ["-dr", "--no-show-raw-insn", objectFile])
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
    public static string? FunctionStart(string line)
    {
        Match header = FunctionHeader().Match(line);
        return header.Success ? header.Groups[1].Value : null;
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

    [GeneratedRegex(@"^[0-9a-f]+ <(.+)>:\s*$")]
    private static partial Regex FunctionHeader();
}
