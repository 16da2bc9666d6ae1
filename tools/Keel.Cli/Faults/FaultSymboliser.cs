// Fault reports made readable. The console shows a task fault as the supervisor
// prints it (`rogue faulted: memory access at address 0x20007000, pc 0x080285ce`) or
// as the kernel does for a task without a fault handler (`keel: task x faulted (...)
// at pc 0x..., caller 0x..., address 0x...`), and a kernel panic as `kernel fault: ...
// at pc 0x..., address 0x...` followed by a register dump with `lr 0x...`
// (hal/Port/KernelPort.cs, FaultInfo.cs). For each such line the symboliser gives,
// beneath it, what each code address is (the task whose flash window holds it, the C#
// method, the offset into it, and the C# file and line from the image's DWARF) and what
// the faulting data address is (whose window, and the symbol there).
//
// A panic (a failed check: index out of range, overflow, ...) is printed by the image
// that failed, kernel or task, as `PANIC: <reason>, caller 0x...`, the return address
// into the method whose check failed (corelib/Internal/ThrowHelpers.cs): its note
// names that method, file and line.
//
// A stack overflow is told apart: its address is where the stack pointer had got to,
// below the overflowing task's RAM and so usually in a neighbour's, which is not the
// one to blame. Its note names the task whose stack overflowed, its stack size, the
// app.toml field that sets it (with its line) and a size to try; the caller the kernel
// found on the task's stack (docs/abi.md) names the method.
using System.Text;
using System.Text.RegularExpressions;
using Keel.BuildTool.SystemDescription;

namespace Keel.Cli.Faults;

// Where a stack is set in app.toml, and how big it is.
public sealed record StackSetting(long Size, string Section, string Location);

public sealed record MemoryOwner(string Name, long FlashBase, long FlashSize, long RamBase, long RamSize, StackSetting? Stack = null);

public sealed partial class FaultSymboliser(ElfSymbols symbols, IReadOnlyList<MemoryOwner> owners, ISourceLines? lines = null, IReadOnlyCollection<string>? applicationNamespaces = null)
{
    public const string Indent = "    ";

    [GeneratedRegex(@"\b(pc|lr|caller|address) (0x[0-9a-fA-F]{1,8})\b")]
    private static partial Regex AddressField();

    // Who faulted: `keel: task x faulted`, `supervisor: x faulted:`, `kernel stack overflow:`.
    [GeneratedRegex(@"(?:^|\s)(?:task )?(\S+) faulted\b|^(kernel) stack overflow:")]
    private static partial Regex Faulter();

    public static FaultSymboliser For(string elfPath, SystemLayout layout, Workspace workspace)
    {
        string? addr2line = workspace.FindTool(Addr2Line.Executable);
        return new(ElfSymbols.Load(elfPath), Owners(layout, workspace.Root),
            addr2line is null ? null : new Addr2Line(addr2line, elfPath, workspace.Root), layout.App.Name is string name ? [name] : null);
    }

    public static IReadOnlyList<MemoryOwner> Owners(SystemLayout layout, string root)
    {
        string toml = Path.GetRelativePath(root, layout.App.TomlPath);
        StackSetting Stack(long size, params string[] path) =>
            new(size, $"[{string.Join('.', path[..^1])}]", $"{toml}{layout.App.Source.Find(path)}");
        return
        [
            new MemoryOwner("kernel", layout.KernelFlash.Base, layout.KernelFlash.Size, layout.KernelRam.Base, layout.KernelRam.Size,
                Stack(layout.App.Kernel!.Stack!.Value, "kernel", "stack")),
            .. layout.Tasks.Select(task => new MemoryOwner($"task {task.Task.Name}", task.Flash.Base, task.Flash.Size, task.Ram.Base, task.Ram.Size,
                Stack(task.Task.Stack!.Value, "tasks", task.Task.Name, "stack"))),
        ];
    }

    // The notes for one console line: none unless it reports a fault (or is the
    // register dump of a kernel fault, where `lr` is the caller).
    public IReadOnlyList<string> Annotate(string line)
    {
        bool stackOverflow = line.Contains("stack overflow", StringComparison.Ordinal);
        bool faultLine = stackOverflow || line.Contains("fault", StringComparison.Ordinal) || line.Contains("PANIC: ", StringComparison.Ordinal);
        bool registerDump = line.StartsWith(' ') && line.Contains(" lr 0x", StringComparison.Ordinal);
        if (!faultLine && !registerDump)
            return [];
        MemoryOwner? overflowed = stackOverflow ? FaultingOwner(line) : null;
        var notes = new List<string>();
        foreach (Match field in AddressField().Matches(line))
        {
            string name = field.Groups[1].Value;
            if (registerDump && name != "lr")
                continue;
            uint address = Convert.ToUInt32(field.Groups[2].Value, 16);
            string? meaning = name switch
            {
                "address" when overflowed?.Stack is not null => DescribeOverflow(overflowed),
                "address" => DescribeData(address),
                "pc" => DescribeCode(address, returnAddress: false),
                _ => DescribeCode(address, returnAddress: true),
            };
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

    // "task rogue, Keel.Demo.Rogue.Program.Main (Rogue) + 0x9e, tasks/rogue/Program.cs:21";
    // null for 0 (a stacking fault has no pc) or an address outside every flash window. A
    // return address (lr, caller) is the instruction after the call, so its line is
    // looked up inside the call.
    private string? DescribeCode(uint address, bool returnAddress)
    {
        uint code = address & ~1u;
        MemoryOwner? owner = owners.FirstOrDefault(o => Inside(code, o.FlashBase, o.FlashSize));
        if (code == 0 || owner is null)
            return null;
        string where = symbols.Find(code) is var (symbol, offset)
            ? $"{owner.Name}, {ManagedNames.Readable(symbol.Name, applicationNamespaces)} + 0x{offset:x}"
            : $"{owner.Name}, no symbol";
        string? source = lines?.Find(returnAddress ? code - 1 : code);
        return source is null ? where : $"{where}, {source}";
    }

    // The task (or kernel) the line says faulted, if the layout has it.
    private MemoryOwner? FaultingOwner(string line)
    {
        Match faulter = Faulter().Match(line);
        if (!faulter.Success)
            return null;
        string name = faulter.Groups[2].Success ? "kernel" : $"task {faulter.Groups[1].Value}";
        return owners.FirstOrDefault(o => o.Name == name);
    }

    // "the stack pointer of task sensor when its 1024-byte stack overflowed (stack = 1024
    // in [tasks.sensor], app.toml(14,1)): try stack = 2048". The stack lies in the task's
    // RAM window, so a stack that would fill the window needs a bigger window too.
    private static string DescribeOverflow(MemoryOwner owner)
    {
        StackSetting stack = owner.Stack!;
        long larger = stack.Size * 2;
        string ram = larger >= owner.RamSize ? $" and ram = {owner.RamSize * 2}" : "";
        string whose = owner.Name == "kernel" ? "the kernel" : owner.Name;
        return $"the stack pointer of {whose} when its {stack.Size}-byte stack overflowed " +
               $"(stack = {stack.Size} in {stack.Section}, {stack.Location}): try stack = {larger}{ram}";
    }

    private string DescribeData(uint address)
    {
        MemoryOwner? flash = owners.FirstOrDefault(o => Inside(address, o.FlashBase, o.FlashSize));
        MemoryOwner? ram = owners.FirstOrDefault(o => Inside(address, o.RamBase, o.RamSize));
        string where = flash is not null ? $"in the flash of {flash.Name}"
            : ram is not null ? $"in the RAM of {ram.Name}"
            : "outside every window of the layout";
        return symbols.Find(address) is var (symbol, offset) && (flash is not null || ram is not null)
            ? $"{where}, {ManagedNames.Readable(symbol.Name, applicationNamespaces)} + 0x{offset:x}"
            : where;
    }

    private static bool Inside(uint address, long start, long size) => address >= start && address < start + size;
}
