// The kernel image's flash by component, for the size report: which part of the
// kernel, the port, the hal, the image's own boot code and the runtime each cost, and
// what its initial data is made of, raw and as stored (DataPacking).
//
// Design: read from the ELF's symbol table. Each byte of a section is charged to the
// symbol at or before it (so padding and literal pools go to the code they follow, and
// the rows add up to the section exactly); a symbol names its component by ILC's
// mangling, `<assembly>_<namespace>_<class>__<method>` with dots made underscores:
// Keel.Kernel's classes one row each (the kernel is what issue sizes are about), the
// other libraries one row each, the image's own assembly (boot tables, board) one, and
// every name without the mangling (the assembly sources: start-up, exception entry,
// runtime helpers) one. Several names at one address (an export and its method) are
// one symbol, named by its mangled name.
namespace Keel.BuildTool;

public static class SizeBreakdown
{
    public sealed record Row(string Component, long Bytes);

    private const string KernelPrefix = "Keel_Kernel_Keel_Kernel_";

    private static readonly (string Prefix, string Component)[] Libraries =
    [
        ("Keel_Port_", "port (hal/Port)"),
        ("Keel_Hal_", "hal"),
        ("Keel_CoreLib_", "runtime (core library)"),
        ("Keel_Drivers_", "drivers"),
    ];

    // The kernel's code by component, largest first: kernel classes as "kernel: <class>".
    public static IReadOnlyList<Row> Code(ElfImage elf, ElfImage.Section section) =>
        Charge(elf, section, CodeComponent);

    // The raw initial data (.data) by kind.
    public static IReadOnlyList<Row> Data(ElfImage elf, ElfImage.Section section) =>
        Charge(elf, section, DataKind);

    public static string CodeComponent(string symbol)
    {
        if (symbol.StartsWith(KernelPrefix, StringComparison.Ordinal))
        {
            string rest = symbol[KernelPrefix.Length..];
            int end = rest.IndexOf("__", StringComparison.Ordinal);
            return $"kernel: {(end < 0 ? rest : rest[..end])}";
        }
        foreach (var (prefix, component) in Libraries)
        {
            if (symbol.StartsWith(prefix, StringComparison.Ordinal))
                return component;
        }
        if (symbol.StartsWith("Keel_Kernel_", StringComparison.Ordinal))
            return "kernel: other";
        return IsMangled(symbol) ? "image's own code (boot tables, board)" : "assembly (start-up, exception entry, runtime helpers)";
    }

    public static string DataKind(string symbol) => symbol switch
    {
        _ when symbol.StartsWith("__Str_", StringComparison.Ordinal) => "string literals (UTF-16)",
        _ when symbol.StartsWith("__FrozenObj_", StringComparison.Ordinal) => "preinitialised objects (kernel pools, boot tables)",
        _ when symbol.StartsWith("_ZTV", StringComparison.Ordinal) => "method tables",
        _ when symbol.Contains("STATICS", StringComparison.Ordinal) => "static fields",
        _ => "runtime tables (module header, GC descriptors...)",
    };

    // ILC's names of managed methods: an assembly prefix, then Class__Method.
    private static bool IsMangled(string symbol) =>
        !symbol.StartsWith('_') && symbol.Contains("__", StringComparison.Ordinal);

    private static IReadOnlyList<Row> Charge(ElfImage elf, ElfImage.Section section, Func<string, string> component)
    {
        ulong end = (ulong)section.Address + section.Size;
        var starts = elf.SymbolEntries()
            .Where(s => s.Value >= section.Address && s.Value < end && s.Name.Length > 0 && s.Name[0] != '$' && !s.Name.StartsWith("_fram", StringComparison.Ordinal))
            .GroupBy(s => s.Value & ~1u)
            .Select(g => (Address: g.Key, Name: g.OrderByDescending(s => IsMangled(s.Name)).ThenBy(s => s.Name, StringComparer.Ordinal).First().Name))
            .OrderBy(s => s.Address)
            .ToList();
        var bytes = new Dictionary<string, long>();
        void Add(string name, long size) => bytes[name] = bytes.GetValueOrDefault(name) + size;
        if (starts.Count == 0 || starts[0].Address > section.Address)
            Add("unnamed", (starts.Count == 0 ? (long)end : starts[0].Address) - section.Address);
        for (int i = 0; i < starts.Count; i++)
        {
            ulong next = i + 1 < starts.Count ? starts[i + 1].Address : end;
            Add(component(starts[i].Name), (long)(next - starts[i].Address));
        }
        return bytes.Select(kv => new Row(kv.Key, kv.Value)).OrderByDescending(r => r.Bytes).ThenBy(r => r.Component, StringComparer.Ordinal).ToList();
    }

    // The report's lines: the kernel's flash (every allocated section in flash whose name
    // is not a task's), its code by component with the kernel's classes grouped under
    // their total, and its initial data raw (by kind) and stored.
    public static IEnumerable<string> Format(ElfImage elf)
    {
        var kernelFlash = elf.Sections.Where(s => s.Allocated && s.Size > 0 && s.Loaded && !s.Name.StartsWith(".task_", StringComparison.Ordinal)).ToList();
        var data = elf.Sections.FirstOrDefault(s => s.Name == DataPacking.DataSection);
        var stored = elf.Sections.FirstOrDefault(s => s.Name == DataPacking.PackedSection);
        long dataStored = stored?.Size ?? (data is { Loaded: true } ? data.Size : 0);
        yield return $"  kernel flash: {kernelFlash.Sum(s => (long)s.Size)} bytes ({string.Join(", ", kernelFlash.Select(s => $"{s.Name} {s.Size}"))})";
        if (elf.Sections.FirstOrDefault(s => s.Name == ".text") is { } text)
        {
            var rows = Code(elf, text);
            yield return $"  kernel code (.text) by component:";
            long kernel = rows.Where(r => r.Component.StartsWith("kernel: ", StringComparison.Ordinal)).Sum(r => r.Bytes);
            yield return $"    {"kernel (kernel/)",-56} {kernel,7}";
            foreach (Row row in rows.Where(r => r.Component.StartsWith("kernel: ", StringComparison.Ordinal)))
                yield return $"      {row.Component["kernel: ".Length..],-54} {row.Bytes,7}";
            foreach (Row row in rows.Where(r => !r.Component.StartsWith("kernel: ", StringComparison.Ordinal)))
                yield return $"    {row.Component,-56} {row.Bytes,7}";
        }
        if (data is not null)
        {
            yield return $"  kernel initial data (.data): {data.Size} bytes in RAM, stored in {dataStored} bytes of flash{(stored is null ? "" : " (packed)")}; raw by kind:";
            foreach (Row row in Data(elf, data))
                yield return $"    {row.Component,-56} {row.Bytes,7}";
        }
    }
}
