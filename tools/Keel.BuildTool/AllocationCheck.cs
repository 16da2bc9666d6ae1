// Firmware has no heap. The core library binds every allocation helper that ILC calls
// (RhpNewFast for `new` of a class, RhpNew*Array* for arrays created at run time, RhBox
// for boxing) to a runtime symbol that no image defines, so allocating code leaves a
// relocation against one of them in ILC's object file. Left alone, that would surface as
// a bare "undefined reference" from the linker; this check runs first and names each
// allocating method and what kind of allocation it makes.
using System.Text.RegularExpressions;

namespace Keel.BuildTool;

public static partial class AllocationCheck
{
    public static int Run(string objectFile, string objdump, IReadOnlyList<string> assemblyNames)
    {
        IReadOnlyList<Allocation> found = Find(Disassembly.Of(objdump, objectFile), assemblyNames);
        foreach (Allocation allocation in found)
            Console.WriteLine($"firmware code may not allocate: {allocation.Method} makes {allocation.Kind} (calls {allocation.Helper}); use a static pool or a struct instead");
        return found.Count == 0 ? 0 : 1;
    }

    public sealed record Allocation(string Method, string Helper, string Kind);

    // Reads `objdump -dr` output: function headers ("0000 <symbol>:") and relocation
    // lines ("R_ARM_THM_CALL RhpNewFast$thunk"). ILC reaches external helpers through
    // `name$thunk` stubs; the stub itself is not the culprit, its callers are. Boxing
    // calls the same helper as `new`, with a `Boxed_<type>` method table loaded just
    // before: that is how the two are told apart.
    public static IReadOnlyList<Allocation> Find(string disassembly, IReadOnlyList<string> assemblyNames)
    {
        var result = new List<Allocation>();
        var seen = new HashSet<string>();
        string? function = null;
        bool boxedTypeLoaded = false;
        foreach (string line in disassembly.Split('\n'))
        {
            if (Disassembly.FunctionStart(line) is string start)
            {
                function = start;
                boxedTypeLoaded = false;
                continue;
            }
            Match relocation = Relocation().Match(line);
            if (!relocation.Success || function == null || function.EndsWith("$thunk", StringComparison.Ordinal))
                continue;
            string helper = relocation.Groups[1].Value;
            if (helper.Contains("Boxed_", StringComparison.Ordinal))
                boxedTypeLoaded = true;
            string? kind = KindOf(helper, boxedTypeLoaded);
            if (kind == null)
                continue;
            string method = Disassembly.Demangle(function, assemblyNames);
            if (seen.Add(method + "|" + helper))
                result.Add(new Allocation(method, helper, kind));
        }
        return result;
    }

    private static string? KindOf(string helper, bool boxedTypeLoaded)
    {
        if (helper == "RhBox" || (boxedTypeLoaded && helper.StartsWith("RhpNew", StringComparison.Ordinal)))
            return "a boxing conversion";
        if (helper.StartsWith("RhpNew", StringComparison.Ordinal) || helper.StartsWith("RhNew", StringComparison.Ordinal))
            return helper.Contains("Array", StringComparison.Ordinal) ? "an array created at run time" : helper.Contains("String", StringComparison.Ordinal) ? "a string built at run time" : "a `new` of a class";
        return null;
    }

    [GeneratedRegex(@"\sR_ARM_\w+\s+([A-Za-z_][\w$]*?)(?:\$thunk)?(?:[+-]0x[0-9a-f]+)?\s*$")]
    private static partial Regex Relocation();
}
