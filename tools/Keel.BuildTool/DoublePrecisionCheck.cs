// The Cortex-M4F's FPU (FPv4-SP) is single precision, yet ILC's ARM32 code generator
// compiles C# double to VFP double-precision instructions (vcvt.f64.u32, vadd.f64, ...):
// undefined instructions on that chip, so a fault at run time. The firmware analyzer
// refuses `double` at its source line (KEEL1012); this check is its backstop on the
// code ILC really produced, for targets without a double-precision FPU
// (KeelDoublePrecisionFpu, sdk/targets/Keel.Native.targets). It names each function with
// such an instruction and the first one it executes.
using System.Text.RegularExpressions;

namespace Keel.BuildTool;

public static partial class DoublePrecisionCheck
{
    public static int Run(string objectFile, string objdump, IReadOnlyList<string> assemblyNames)
    {
        IReadOnlyList<Use> found = Find(Disassembly.Of(objdump, objectFile), assemblyNames);
        foreach (Use use in found)
            Console.WriteLine($"firmware code may not use double precision: {use.Method} executes `{use.Instruction}`, an instruction this target's single-precision FPU does not have (it would fault at run time); use float");
        return found.Count == 0 ? 0 : 1;
    }

    public sealed record Use(string Method, string Instruction);

    public static IReadOnlyList<Use> Find(string disassembly, IReadOnlyList<string> assemblyNames)
    {
        var result = new List<Use>();
        string? function = null;
        bool reported = false;
        foreach (string line in disassembly.Split('\n'))
        {
            if (Disassembly.FunctionStart(line) is string start)
            {
                function = start;
                reported = false;
                continue;
            }
            Match instruction = DoublePrecisionInstruction().Match(line);
            if (!instruction.Success || function == null || reported)
                continue;
            result.Add(new Use(Disassembly.Demangle(function, assemblyNames), Regex.Replace(instruction.Groups[1].Value.Trim(), @"\s+", " ")));
            reported = true;
        }
        return result;
    }

    // An instruction line (" 1a4:\tvcvt.f64.u32\td16, s0"): a VFP mnemonic with an
    // .f64 data type, alone or in a conversion. Loads, stores and moves of D registers
    // (vldr, vpush {d8-d15}) carry no data type: single-precision FPUs have them.
    [GeneratedRegex(@"^\s*[0-9a-f]+:\s+(v[a-z]+(?:\.[a-z0-9]+)*\.f64(?:\.[a-z0-9]+)*\s.*?)\s*$")]
    private static partial Regex DoublePrecisionInstruction();
}
