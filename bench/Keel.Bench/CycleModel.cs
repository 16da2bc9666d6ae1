// Estimated Cortex-M4 cycles of an instruction trace (issue 31, item 7): the benchmark
// counts instructions under QEMU -icount; silicon spends cycles. This model charges
// each executed instruction what the Cortex-M4 Technical Reference Manual (r0p1,
// table 3-1, "Cortex-M4 instruction set summary") gives it:
//
// - data processing, multiply (MUL, UMULL, SMULL ...), MRS/MSR, IT, CPS, barriers,
//   single FPU operations: 1; MLA, MLS: 2; SDIV/UDIV: 12 (the TRM's 2-12, its maximum:
//   the operands are not in a trace);
// - LDR/STR and their byte/halfword forms: 2, but 1 when the instruction before was one
//   too (neighbouring loads and stores pipeline); LDRD/STRD 3; LDM/STM/PUSH/POP and
//   VLDM/VSTM/VPUSH/VPOP: 1 + the number of registers; VLDR/VSTR 2;
// - a taken branch (B, BL, BX, BLX, CBZ/CBNZ, a conditional branch that is taken, any
//   write to the PC): 1 + P, P the pipeline refill, 2 here (the TRM's 1-3); a branch not
//   taken 1; a POP or LDM that loads the PC 1 + N + P, LDR to the PC 2 + P, TBB/TBH 2 + P;
// - exception entry 12, exception return 10 (replacing the returning instruction's
//   cost), a tail-chained exception 6 in place of both;
// - flash wait states: `BranchWaitStates` are added to every taken branch and exception
//   entry (the fetch of a new line). The netduinoplus2's STM32F405 at 168 MHz needs 5
//   (RM0090, table 10, 2.7-3.6 V), but its ART accelerator's instruction cache holds a
//   loop that runs a thousand times, so the benchmark's steady state pays 0: the default.
//
// Input: the ELF's disassembly (arm-none-eabi-objdump -d) to know each address's
// instruction, and QEMU's log of `-singlestep -d exec,nochain,int` (one "Trace" line per
// executed instruction, with its PC, and the interrupt log's "...taking pending ...
// exception" and "Exception return" lines). Any ELF and any trace: nothing here is Keel's.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Keel.Bench;

public sealed record Instruction(uint Address, int Size, string Mnemonic, string Operands);

public sealed class CycleModel
{
    public const int ExceptionEntry = 12, ExceptionReturn = 10, TailChain = 6, BranchRefill = 2, Divide = 12;

    public int BranchWaitStates { get; init; }

    private readonly IReadOnlyDictionary<uint, Instruction> _program;

    public CycleModel(IEnumerable<Instruction> program) =>
        _program = program.GroupBy(i => i.Address).ToDictionary(g => g.Key, g => g.First());

    private static readonly Regex DisassemblyLine = new(
        @"^\s*(?<addr>[0-9a-f]+):\s+(?<hw1>[0-9a-f]{4})(?: (?<hw2>[0-9a-f]{4}))?\s+(?<mn>[a-z][\w.]*)\s*(?<ops>.*)$", RegexOptions.Multiline);

    // arm-none-eabi-objdump -d output (Thumb: raw instructions as halfwords).
    public static IEnumerable<Instruction> ParseDisassembly(string objdump) =>
        DisassemblyLine.Matches(objdump).Select(m => new Instruction(
            uint.Parse(m.Groups["addr"].Value, NumberStyles.HexNumber), m.Groups["hw2"].Success ? 4 : 2,
            m.Groups["mn"].Value, m.Groups["ops"].Value.Split(';')[0].Trim()));

    private static readonly Regex TraceLine = new(@"^Trace \d+: \S+ \[[0-9a-f]+/(?<pc>[0-9a-f]+)/", RegexOptions.Multiline);

    public enum EventKind { Executed, ExceptionTaken, ExceptionReturned }
    public readonly record struct Event(EventKind Kind, uint Pc);

    // QEMU's log: each executed instruction's PC, and exception entries and returns.
    public static IEnumerable<Event> ParseTrace(IEnumerable<string> log)
    {
        foreach (string line in log)
        {
            Match m = TraceLine.Match(line);
            if (m.Success)
                yield return new Event(EventKind.Executed, uint.Parse(m.Groups["pc"].Value, NumberStyles.HexNumber));
            else if (line.Contains("taking pending", StringComparison.Ordinal)) // M-profile: every entry, tail chains too
                yield return new Event(EventKind.ExceptionTaken, 0);
            else if (line.StartsWith("Exception return", StringComparison.Ordinal))
                yield return new Event(EventKind.ExceptionReturned, 0);
        }
    }

    // The cycles of a sequence of events, in trace order.
    public long Cycles(IEnumerable<Event> events)
    {
        long total = 0;
        Instruction? pending = null; // executed, cost not yet known: it depends on the next PC
        bool previousWasLoadStore = false, returned = false;
        foreach (Event e in events)
        {
            switch (e.Kind)
            {
                case EventKind.Executed:
                    if (pending is not null)
                    {
                        total += Cost(pending, taken: e.Pc != pending.Address + (uint)pending.Size, previousWasLoadStore);
                        previousWasLoadStore = IsSingleLoadStore(pending);
                    }
                    pending = _program.TryGetValue(e.Pc, out Instruction? i) ? i
                        : throw new InvalidDataException($"trace: no instruction at 0x{e.Pc:x8} in the disassembly");
                    returned = false;
                    break;
                case EventKind.ExceptionReturned:
                    pending = null; // the returning instruction's cost is the return's
                    total += ExceptionReturn;
                    previousWasLoadStore = false;
                    returned = true;
                    break;
                case EventKind.ExceptionTaken:
                    if (returned)
                        total += TailChain - ExceptionReturn; // a tail chain: 6 for the return and the entry
                    else
                    {
                        // An SVC's cost is the entry it causes; an interrupted instruction completed.
                        if (pending is not null && Base(pending.Mnemonic) != "svc")
                            total += Cost(pending, taken: false, previousWasLoadStore);
                        total += ExceptionEntry;
                    }
                    total += BranchWaitStates;
                    pending = null;
                    previousWasLoadStore = false;
                    returned = false;
                    break;
            }
        }
        if (pending is not null)
            total += Cost(pending, taken: false, previousWasLoadStore);
        return total;
    }

    private static readonly HashSet<string> SingleLoadStores = ["ldr", "ldrb", "ldrh", "ldrsb", "ldrsh", "str", "strb", "strh", "ldrex", "strex"];

    private static string Base(string mnemonic)
    {
        string m = mnemonic.Split('.')[0];
        foreach (string cond in new[] { "eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al" })
            if (m.Length > cond.Length && m.EndsWith(cond, StringComparison.Ordinal) && IsKnown(m[..^cond.Length]))
                return m[..^cond.Length];
        return m;
    }

    private static bool IsKnown(string m) => m is "b" or "bx" or "bl" or "blx" or "mov" or "add" or "sub" or "ldr" or "str" or "it"
        or "movs" or "adds" or "subs" or "cmp" or "ldm" or "stm" or "pop" or "push" or "ldrb" or "strb" or "ldrh" or "strh";

    private static bool IsSingleLoadStore(Instruction i) => SingleLoadStores.Contains(Base(i.Mnemonic)) && !WritesPc(i);

    private static bool WritesPc(Instruction i) => Regex.IsMatch(i.Operands, @"^pc\b|\{[^}]*\bpc\}");

    private static int RegisterCount(string operands)
    {
        int open = operands.IndexOf('{'), close = operands.IndexOf('}');
        if (open < 0 || close < open)
            return 1;
        int count = 0;
        foreach (string part in operands[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] ends = part.Split('-');
            count += ends.Length == 2 ? RegisterNumber(ends[1]) - RegisterNumber(ends[0]) + 1 : 1;
        }
        return count;
    }

    // r0-r15 under their objdump names, s0-s31 and d0-d15 by number.
    private static int RegisterNumber(string name) => name switch
    {
        "sb" => 9, "sl" => 10, "fp" => 11, "ip" => 12, "sp" => 13, "lr" => 14, "pc" => 15,
        _ => int.Parse(name[1..], CultureInfo.InvariantCulture),
    };

    // One instruction's cycles, given whether control went elsewhere than the next one.
    public int Cost(Instruction i, bool taken, bool previousWasLoadStore)
    {
        string m = Base(i.Mnemonic);
        int refill = BranchRefill + BranchWaitStates;
        switch (m)
        {
            case "b" or "bl" or "bx" or "blx" or "cbz" or "cbnz":
                return taken ? 1 + refill : 1;
            case "tbb" or "tbh":
                return 2 + refill;
            case "pop" or "ldm" or "ldmia" or "ldmdb" or "ldmfd":
                return 1 + RegisterCount(i.Operands) + (WritesPc(i) && taken ? refill : 0);
            case "push" or "stm" or "stmia" or "stmdb" or "stmfd" or "vldmia" or "vstmia" or "vldmdb" or "vstmdb" or "vpush" or "vpop" or "vldm" or "vstm":
                return 1 + RegisterCount(i.Operands);
            case "ldrd" or "strd":
                return 3;
            case "vldr" or "vstr":
                return 2;
            case "sdiv" or "udiv":
                return Divide;
            case "mla" or "mls":
                return 2;
            case "vdiv" or "vsqrt":
                return 14;
        }
        if (SingleLoadStores.Contains(m))
            return WritesPc(i) ? (taken ? 2 + refill : 2) : previousWasLoadStore ? 1 : 2;
        return WritesPc(i) && taken ? 1 + refill : 1;
    }
}
