// Fault reports made readable. The console shows a task fault as the supervisor
// prints it (`rogue faulted: memory access at address 0x20007000, pc 0x080285ce`) or
// as the kernel does for a task without a fault handler (`keel: task x faulted (...)
// at pc 0x..., address 0x...`), and a kernel panic as `kernel fault: ... at pc 0x...,
// address 0x...` followed by a register dump with `lr 0x...` (hal/Port/KernelPort.cs,
// FaultInfo.cs). For each such line the symboliser gives, beneath it, what each code
// address is (the task whose flash window holds it, the C# method and the offset into
// it) and what the faulting data address is (whose window, and the symbol there).
using System.Text;
using System.Text.RegularExpressions;
using Keel.BuildTool.SystemDescription;

namespace Keel.Cli.Faults;

public sealed record MemoryOwner(string Name, long FlashBase, long FlashSize, long RamBase, long RamSize);

public sealed partial class FaultSymboliser(ElfSymbols symbols, IReadOnlyList<MemoryOwner> owners)
{
    public const string Indent = "    ";

    [GeneratedRegex(@"\b(pc|lr|address) (0x[0-9a-fA-F]{1,8})\b")]
    private static partial Regex AddressField();

    public static FaultSymboliser For(string elfPath, SystemLayout layout) =>
        new(ElfSymbols.Load(elfPath), Owners(layout));

    public static IReadOnlyList<MemoryOwner> Owners(SystemLayout layout) =>
    [
        new MemoryOwner("kernel", layout.KernelFlash.Base, layout.KernelFlash.Size, layout.KernelRam.Base, layout.KernelRam.Size),
        .. layout.Tasks.Select(task => new MemoryOwner($"task {task.Task.Name}", task.Flash.Base, task.Flash.Size, task.Ram.Base, task.Ram.Size)),
    ];

    // The notes for one console line: none unless it reports a fault (or is the
    // register dump of a kernel fault, where `lr` is the caller).
    public IReadOnlyList<string> Annotate(string line)
    {
        bool faultLine = line.Contains("fault", StringComparison.Ordinal);
        bool registerDump = line.StartsWith(' ') && line.Contains(" lr 0x", StringComparison.Ordinal);
        if (!faultLine && !registerDump)
            return [];
        var notes = new List<string>();
        foreach (Match field in AddressField().Matches(line))
        {
            string name = field.Groups[1].Value;
            if (registerDump && name != "lr")
                continue;
            uint address = Convert.ToUInt32(field.Groups[2].Value, 16);
            string? meaning = name == "address" ? DescribeData(address) : DescribeCode(address);
            if (meaning is not null)
                notes.Add($"{Indent}{name} 0x{address:x8}: {meaning}");
        }
        return notes;
    }

    // A whole transcript with the notes inserted beneath their lines.
    public string AnnotateTranscript(string console)
    {
        var text = new StringBuilder();
        foreach (string line in console.Replace("\r\n", "\n").Split('\n'))
        {
            text.Append(line).Append('\n');
            foreach (string note in Annotate(line))
                text.Append(note).Append('\n');
        }
        return text.ToString(0, text.Length - 1);
    }

    // "task rogue, Keel.Demo.Rogue.Program.Main (Rogue) + 0x9e"; null for 0 (a
    // stacking fault has no pc) or an address outside every flash window.
    private string? DescribeCode(uint address)
    {
        MemoryOwner? owner = owners.FirstOrDefault(o => Inside(address, o.FlashBase, o.FlashSize));
        if (address == 0 || owner is null)
            return null;
        return symbols.Find(address) is var (symbol, offset)
            ? $"{owner.Name}, {ManagedNames.Readable(symbol.Name)} + 0x{offset:x}"
            : $"{owner.Name}, no symbol";
    }

    private string DescribeData(uint address)
    {
        MemoryOwner? flash = owners.FirstOrDefault(o => Inside(address, o.FlashBase, o.FlashSize));
        MemoryOwner? ram = owners.FirstOrDefault(o => Inside(address, o.RamBase, o.RamSize));
        string where = flash is not null ? $"in the flash of {flash.Name}"
            : ram is not null ? $"in the RAM of {ram.Name}"
            : "outside every window of the layout";
        return symbols.Find(address) is var (symbol, offset) && (flash is not null || ram is not null)
            ? $"{where}, {ManagedNames.Readable(symbol.Name)} + 0x{offset:x}"
            : where;
    }

    private static bool Inside(uint address, long start, long size) => address >= start && address < start + size;
}
