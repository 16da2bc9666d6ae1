// `Keel.BuildTool stack-depth <elf> <objdump> <app.toml> <report file> [warning]`: the
// worst-case stack of the kernel and of each task, computed from the code the image
// really holds, against the `stack` the system description gives each; one too small is
// an error at that field, naming the size that fits (KEEL0112), or with `warning` (an
// image built to overflow on purpose) a warning.
//
// Design. The code is read as objdump disassembles the linked image (the first link,
// whose initial data is not packed yet: the method tables there are read as words):
//   * each function's frame is the sum of what it takes from sp: push, stmdb sp!,
//     vpush and `sub sp, #n`. Summing every one, whichever path runs it, can only
//     overcount. A `sub sp` by a register (a stackalloc of run-time size) has no bound;
//   * its calls are bl and blx to a symbol, a b to another function's start (a tail
//     call), and the way ILC calls: `movw/movt rN, #offset; add rN, pc; blx rN` (or
//     `bx rN`, a tail call), whose target is resolved from those instructions; a
//     veneer's `ldr pc, [pc, #-4]` goes where the word after it says;
//   * any other blx (a call through a function pointer or a method table) may reach
//     any function whose address the image takes - built by code, or written in its
//     initial data - in the same code section: it is bounded by the deepest of them.
// A function's depth is its frame plus its deepest call. A cycle (recursion) is cut
// where it closes, with a warning that the figure is no bound - except a cycle through
// a panic routine (`keel_panic`, `keel_unhandled_exception`, kernel's and each
// task's), which stops at once when entered again (a failed check while it reports):
// it is followed once more, and that is the bound. A call through a pointer is taken
// not to recurse (the kernel's are its hooks, which do not call back into it).
//
// Each root adds the exception frame the hardware may stack for it: the 8-word basic
// frame (the port keeps FPU state off every stack, docs/abi.md) and 4 bytes of
// alignment. A task's root is its entry point; every kernel entry is a root of the
// kernel, on the main stack, whose top holds for good the frame of the SVC that
// started the first task (keel_enter_first_task resets the main stack first). Kernel
// entries share one priority and never nest. A fault in the kernel, which preempts
// them, is a panic that moves to the top of the stack when little is left
// (Exceptions.S): no kernel entry's depth includes room for it.
using System.Text;
using System.Text.RegularExpressions;
using Keel.BuildTool.SystemDescription;

namespace Keel.BuildTool;

public static partial class StackDepth
{
    public const string Usage = "stack-depth <elf> <objdump> <app.toml> <report file> [warning]";

    public const string OnlyWarn = "warning";

    public const string StackTooSmall = "KEEL0112";
    public const string NoBound = "KEEL0113";

    // What the hardware stacks on an exception: r0-r3, r12, lr, pc, xPSR, and the word
    // it may skip to keep the stack 8-byte aligned.
    public const int ExceptionFrameBytes = 8 * 4 + 4;

    // The kernel's entries (hal/Arm/Startup.S's vector table, hal/Port/Arm/Exceptions.S).
    public static readonly string[] KernelEntries =
        ["SVC_Handler", "PendSV_Handler", "SysTick_Handler", "IRQ_Handler", "HardFault_Handler", "MemManage_Handler", "BusFault_Handler", "UsageFault_Handler"];

    // Routines that stop at once when entered again (board/Board.Common.cs, userlib's TaskPanic).
    private static readonly string[] PanicRoutines = ["keel_panic", "keel_unhandled_exception"];

    // `BuiltAddresses`: functions whose address the code builds without calling it at
    // once (to store as a function pointer).
    public sealed record Function(string Name, uint Address, int Frame, IReadOnlyList<uint> Calls, bool CallsIndirectly, bool DynamicFrame, IReadOnlyList<uint> BuiltAddresses);

    // A root's worst case: its bytes (exception frame included), the deepest chain of
    // calls, and why the figure may be no bound (recursion, a run-time stackalloc, an
    // indirect call with no known target).
    public sealed record Bound(int Bytes, IReadOnlyList<string> Deepest, IReadOnlyList<string> NotBounded);

    public static int Run(string elfPath, string objdump, string tomlPath, string reportPath, bool onlyWarn = false)
    {
        Code code = Code.Of(ElfImage.Read(File.ReadAllBytes(elfPath)), Disassembly.Of(objdump, elfPath, "-d"));
        // The description was checked before the link (`system`): it parses.
        AppDescription app = AppDescriptionParser.Parse(Path.GetFullPath(tomlPath), (_, _) => { })
            ?? throw new InvalidOperationException($"{tomlPath} does not parse");
        (IReadOnlyList<string> lines, IReadOnlyList<string> report) = Check(code, app);
        File.WriteAllLines(reportPath, report);
        string refused = $"error {StackTooSmall}";
        foreach (string line in lines)
            Console.WriteLine(onlyWarn ? line.Replace(refused, $"warning {StackTooSmall}", StringComparison.Ordinal) : line);
        return !onlyWarn && lines.Any(line => line.Contains(refused, StringComparison.Ordinal)) ? 1 : 0;
    }

    // The errors and warnings in MSBuild's form, and the report: one line per owner,
    // "kernel <worst-case bytes> <deepest calls>" or "task <name> <bytes> <calls>"
    // (keel build reads it: ReadReport).
    public static (IReadOnlyList<string> Lines, IReadOnlyList<string> Report) Check(Code code, AppDescription app)
    {
        var errors = new DiagnosticBag();
        var top = new Section(AppDescriptionParser.TopLevel, [], app.Source, errors.For(app.TomlPath, StackTooSmall));
        var warnings = new List<string>();
        var report = new List<string>();
        void CheckOne(Bound bound, string name, long? stack, string owner, Section section)
        {
            string chain = string.Join(" > ", bound.Deepest.Select(Disassembly.ShortName));
            report.Add($"{name} {bound.Bytes} {chain}");
            foreach (string reason in bound.NotBounded)
                warnings.Add($"{app.TomlPath}: warning {NoBound}: {owner}: the worst-case stack ({bound.Bytes} bytes) is no bound: {reason}");
            if (stack is long given && bound.Bytes > given)
            {
                long fits = (bound.Bytes + AppChecker.StackAlignment - 1) / AppChecker.StackAlignment * AppChecker.StackAlignment;
                section.Field("stack", $"needs up to {bound.Bytes} bytes of stack (with an exception frame; deepest: {chain}) but is given {given}: set stack = {fits} or more");
            }
        }
        CheckOne(code.Kernel(), "kernel", app.Kernel?.Stack, "the kernel", AppChecker.KernelSection(top));
        foreach (TaskDescription task in app.Tasks)
        {
            if (code.Root(Identifiers.TaskEntrySymbol(task.Name)) is Bound bound)
                CheckOne(bound, $"task {task.Name}", task.Stack, $"task '{task.Name}'", AppChecker.TaskSection(top, task.Name));
        }
        return ([.. errors.All.Select(error => error.ToString()), .. warnings], report);
    }

    // The worst cases a report gives, by owner: "kernel", or a task's name.
    public static IReadOnlyDictionary<string, long> ReadReport(string reportPath) =>
        File.ReadLines(reportPath)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length >= 2)
            .ToDictionary(
                fields => fields[0] == "task" ? fields[1] : fields[0],
                fields => long.Parse(fields[0] == "task" ? fields[2] : fields[1]));

    // The image's functions, read from `objdump -d`.
    public static IReadOnlyDictionary<uint, Function> Parse(string disassembly)
    {
        var functions = new Dictionary<uint, Function>();
        string? name = null;
        uint start = 0;
        var body = new List<Instruction>();
        foreach (string line in disassembly.Split('\n'))
        {
            if (Disassembly.FunctionHeaderOf(line) is (uint address, string symbol))
            {
                if (name != null)
                    functions[start] = Analyse(name, start, body);
                (start, name) = (address, symbol);
                body.Clear();
                continue;
            }
            Match word = WordLine().Match(line);
            if (word.Success && name != null)
            {
                body.Add(new Instruction(Convert.ToUInt32(word.Groups["address"].Value, 16), ".word", word.Groups["value"].Value));
                continue;
            }
            Match instruction = InstructionLine().Match(line);
            if (instruction.Success && name != null)
                body.Add(new Instruction(Convert.ToUInt32(instruction.Groups["address"].Value, 16), instruction.Groups["op"].Value, instruction.Groups["operands"].Value.Trim()));
        }
        if (name != null)
            functions[start] = Analyse(name, start, body);
        return functions;
    }

    private sealed record Instruction(uint Address, string Op, string Operands)
    {
        public string Base => Op.Split('.')[0];
    }

    private static Function Analyse(string name, uint start, List<Instruction> body)
    {
        int frame = 0;
        bool dynamicFrame = false;
        bool indirect = false;
        var calls = new List<uint>();
        var built = new List<uint>();
        // The registers holding `movw/movt` halves and, after `add rN, pc`, an address:
        // forgotten at any instruction that writes the register, and at any branch target.
        var low = new Dictionary<string, uint>();
        var high = new Dictionary<string, uint>();
        var address = new Dictionary<string, uint>();
        HashSet<uint> targets = body.Select(i => BranchTarget(i)).OfType<uint>().ToHashSet();
        for (int index = 0; index < body.Count; index++)
        {
            Instruction i = body[index];
            if (targets.Contains(i.Address))
            {
                low.Clear();
                high.Clear();
                address.Clear();
            }
            string op = i.Base;
            string first = i.Operands.Split(',')[0].Trim();
            if (op == "push" || (op == "stmdb" && first == "sp!"))
                frame += 4 * RegisterCount(i.Operands);
            else if (op == "vpush" || (op == "vstmdb" && first == "sp!"))
                frame += (i.Operands.Contains("{d") ? 8 : 4) * RegisterCount(i.Operands);
            else if (op is "sub" or "subw" && first == "sp")
            {
                Match immediate = StackImmediate().Match(i.Operands);
                if (immediate.Success)
                    frame += int.Parse(immediate.Groups["bytes"].Value);
                else
                    dynamicFrame = true;
            }

            if (op == "movw" && Immediate(i.Operands) is uint lowHalf)
            {
                low[first] = lowHalf;
                high.Remove(first);
                address.Remove(first);
            }
            else if (op == "movt" && Immediate(i.Operands) is uint highHalf)
                high[first] = highHalf;
            else if (op == "add" && i.Operands == $"{first}, pc" && low.TryGetValue(first, out uint offset))
            {
                address[first] = i.Address + 4 + (offset | (high.GetValueOrDefault(first) << 16));
                built.Add(address[first] & ~1u);
            }
            else if (op is "bl" or "blx" && SymbolTarget(i.Operands) is uint direct)
                calls.Add(direct);
            else if (op is "blx" or "bx" && address.TryGetValue(first, out uint resolved))
            {
                calls.Add(resolved & ~1u);
                built.Remove(resolved & ~1u);
            }
            else if (op == "ldr" && i.Operands.StartsWith("pc, [pc, #-4]", StringComparison.Ordinal) && index + 1 < body.Count && body[index + 1].Op == ".word")
                calls.Add(Convert.ToUInt32(body[index + 1].Operands, 16) & ~1u);
            else if (op == "blx" || (op == "bx" && first is not ("lr" or "pc")) || (op is "ldr" && first == "pc") || (op == "mov" && first == "pc"))
                indirect = true;
            else if (op == "b" && SymbolTarget(i.Operands) is uint jump && !InFunction(jump, start, body))
                calls.Add(jump);
            else if (Writes(op) && first.Length > 0)
            {
                low.Remove(first);
                high.Remove(first);
                address.Remove(first);
            }
            if (op is "bl" or "blx")
            {
                foreach (string clobbered in CallerSaved)
                {
                    low.Remove(clobbered);
                    high.Remove(clobbered);
                    address.Remove(clobbered);
                }
            }
        }
        return new Function(name, start, frame, calls, indirect, dynamicFrame, built);
    }

    private static readonly string[] CallerSaved = ["r0", "r1", "r2", "r3", "ip", "lr"];

    // Instructions whose first operand is a register they do not write.
    private static bool Writes(string op) =>
        op is not ("str" or "strb" or "strh" or "strd" or "stm" or "stmia" or "stmdb" or "push" or "pop" or "cmp" or "cmn" or "tst" or "teq"
            or "b" or "bx" or "cbz" or "cbnz" or "it" or "ite" or "itt" or "itte" or "ittt" or "itee" or "iteee" or "itttt" or "vstr" or "vpush" or "nop" or "svc" or "bkpt");

    private static bool InFunction(uint target, uint start, List<Instruction> body) =>
        target >= start && body.Count > 0 && target <= body[^1].Address;

    private static uint? BranchTarget(Instruction i) =>
        i.Op.StartsWith('b') || i.Base is "cbz" or "cbnz" ? SymbolTarget(i.Operands.Split(',')[^1].Trim()) : null;

    private static uint? SymbolTarget(string operands)
    {
        Match target = Target().Match(operands);
        return target.Success ? Convert.ToUInt32(target.Groups["address"].Value, 16) : null;
    }

    private static uint? Immediate(string operands)
    {
        Match immediate = ImmediateValue().Match(operands);
        return immediate.Success ? uint.Parse(immediate.Groups["value"].Value) : null;
    }

    private static int RegisterCount(string operands)
    {
        Match list = RegisterList().Match(operands);
        if (!list.Success)
            return 0;
        int count = 0;
        foreach (string part in list.Groups["list"].Value.Split(',', StringSplitOptions.TrimEntries))
        {
            Match range = RegisterRange().Match(part);
            count += range.Success ? int.Parse(range.Groups["last"].Value) - int.Parse(range.Groups["first"].Value) + 1 : 1;
        }
        return count;
    }

    // The functions of one image, with what bounds its indirect calls.
    public sealed class Code
    {
        private readonly IReadOnlyDictionary<uint, Function> _functions;
        private readonly IReadOnlyList<(uint Start, uint End)> _codeSections;
        private readonly HashSet<uint> _addressTaken;
        private readonly HashSet<uint> _panics;

        // `codeSections`: where each image's code lies (the kernel's, each task's), as
        // (start, end); `dataWords`: the words of the initial data; `panics`: where the
        // panic routines start.
        public Code(IReadOnlyDictionary<uint, Function> functions, IReadOnlyList<(uint Start, uint End)> codeSections, IEnumerable<uint> dataWords, IEnumerable<uint> panics)
        {
            _functions = functions;
            _codeSections = codeSections;
            _addressTaken = AddressTaken(functions, dataWords);
            _panics = panics.ToHashSet();
        }

        public static Code Of(ElfImage elf, string disassembly) => new(
            Parse(disassembly),
            elf.Sections.Where(s => s.Allocated && s.Loaded && (s.Flags & ExecutableFlag) != 0).Select(s => (s.Address, s.Address + s.Size)).ToList(),
            elf.Sections.Where(s => s.Allocated && s.Loaded && s.Writable).SelectMany(s => Words(elf.Contents(s))),
            elf.SymbolEntries().Where(symbol => PanicRoutines.Contains(symbol.Name)).Select(symbol => symbol.Value & ~1u));

        private const uint ExecutableFlag = 0x4;

        private static IEnumerable<uint> Words(byte[] bytes)
        {
            for (int i = 0; i + 4 <= bytes.Length; i += 4)
                yield return BitConverter.ToUInt32(bytes, i);
        }

        // The kernel: its deepest entry, on top of the first SVC's frame that stays on
        // the main stack.
        public Bound Kernel()
        {
            Bound[] entries = KernelEntries.Select(Root).OfType<Bound>().ToArray();
            Bound deepest = entries.MaxBy(bound => bound.Bytes) ?? new Bound(0, [], ["the image has no kernel entry"]);
            return deepest with { Bytes = deepest.Bytes + ExceptionFrameBytes, NotBounded = entries.SelectMany(bound => bound.NotBounded).Distinct().ToList() };
        }

        // The worst case below the function named `name` (null: no such function), an
        // exception frame included.
        public Bound? Root(string name)
        {
            Function? root = _functions.Values.FirstOrDefault(f => f.Name == name);
            if (root == null)
                return null;
            var notBounded = new List<string>();
            // First with every cycle cut where it closes; then with a cycle through a
            // guarded routine taken once more, at the depth the first pass found for it.
            var cut = new Walk(this, _ => 0, []);
            cut.Deepest(root);
            var walk = new Walk(this, cut.Depth, notBounded);
            (int bytes, IReadOnlyList<Function> chain) = walk.Deepest(root);
            return new Bound(bytes + ExceptionFrameBytes, chain.Select(f => f.Name).ToList(), notBounded.Distinct().ToList());
        }

        // One depth-first walk of the call graph, each function's deepest chain kept once
        // found. `again`: what a call that closes a cycle through a panic routine adds.
        private sealed class Walk(Code code, Func<Function, int> again, List<string> notBounded)
        {
            private readonly Dictionary<uint, (int Bytes, IReadOnlyList<Function> Chain)> _done = new();
            private readonly List<Function> _path = new();

            public int Depth(Function function) => _done.TryGetValue(function.Address, out var found) ? found.Bytes : 0;

            public (int Bytes, IReadOnlyList<Function> Chain) Deepest(Function function)
            {
                if (_done.TryGetValue(function.Address, out var found))
                    return found;
                int onPath = _path.FindIndex(f => f.Address == function.Address);
                if (onPath >= 0)
                {
                    if (_path.Skip(onPath).Any(f => code._panics.Contains(f.Address)))
                        return (again(function), [function]);
                    notBounded.Add("recursion: " + string.Join(" > ", _path.Skip(onPath).Append(function).Select(f => Disassembly.ShortName(f.Name))));
                    return (0, [function]);
                }
                if (function.DynamicFrame)
                    notBounded.Add($"{Disassembly.ShortName(function.Name)} takes stack of a size known only at run time (a stackalloc of a variable length)");
                _path.Add(function);
                IEnumerable<uint> callees = function.Calls;
                if (function.CallsIndirectly)
                {
                    List<uint> candidates = code._addressTaken
                        .Where(address => code.SameSection(address, function.Address) && !_path.Any(f => f.Address == address)).ToList();
                    if (candidates.Count == 0)
                        notBounded.Add($"{Disassembly.ShortName(function.Name)} calls through a pointer, and its code takes no function's address");
                    callees = callees.Concat(candidates);
                }
                (int Bytes, IReadOnlyList<Function> Chain) best = (0, []);
                foreach (uint callee in callees.Distinct())
                {
                    if (!code._functions.TryGetValue(callee, out Function? next))
                        continue;
                    var below = Deepest(next);
                    if (below.Bytes > best.Bytes)
                        best = below;
                }
                _path.RemoveAt(_path.Count - 1);
                var result = (function.Frame + best.Bytes, (IReadOnlyList<Function>)[function, .. best.Chain]);
                _done[function.Address] = result;
                return result;
            }
        }

        private bool SameSection(uint a, uint b) =>
            _codeSections.Any(section => a >= section.Start && a < section.End && b >= section.Start && b < section.End);

        // Functions whose address the image takes: built by code and not called at once,
        // or written in initial data (method tables, function pointers).
        private static HashSet<uint> AddressTaken(IReadOnlyDictionary<uint, Function> functions, IEnumerable<uint> dataWords)
        {
            var taken = new HashSet<uint>();
            foreach (uint word in dataWords)
            {
                if ((word & 1) != 0 && functions.ContainsKey(word & ~1u))
                    taken.Add(word & ~1u);
            }
            foreach (uint address in functions.Values.SelectMany(f => f.BuiltAddresses).Where(functions.ContainsKey))
                taken.Add(address);
            return taken;
        }
    }

    [GeneratedRegex(@"^\s+(?<address>[0-9a-f]+):\s+(?<op>[a-z][a-z0-9.]*)\s*(?<operands>[^;@]*)")]
    private static partial Regex InstructionLine();

    // A literal in the code (a veneer's target): "8007e44:	.word	0x20000004".
    [GeneratedRegex(@"^\s+(?<address>[0-9a-f]+):\s+\.word\s+0x(?<value>[0-9a-f]+)")]
    private static partial Regex WordLine();

    [GeneratedRegex(@"^(?<address>[0-9a-f]+) <")]
    private static partial Regex Target();

    [GeneratedRegex(@"^sp, (?:sp, )?#(?<bytes>\d+)$")]
    private static partial Regex StackImmediate();

    [GeneratedRegex(@"#(?<value>\d+)")]
    private static partial Regex ImmediateValue();

    [GeneratedRegex(@"\{(?<list>[^}]*)\}")]
    private static partial Regex RegisterList();

    [GeneratedRegex(@"^[rsd](?<first>\d+)-[rsd](?<last>\d+)$")]
    private static partial Regex RegisterRange();
}
