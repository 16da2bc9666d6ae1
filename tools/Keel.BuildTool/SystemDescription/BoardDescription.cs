// What a board offers a system description: memory sizes and the interrupt count,
// read from the board's board.props (the same properties the image build uses, so the
// two never disagree), and the peripherals a task may be granted, from the board's
// peripherals.toml. Each peripheral becomes one MPU region of a task, so it is checked
// here, once, with the MPU encoder itself: a power-of-two size, aligned base.
//
// The board also says which of its peripherals break the isolation between tasks when
// granted (IsolationChecker refuses them unless the description trusts the task): an
// entry of peripherals.toml marked `breaks-isolation = "<why>"`, and the kernel's
// console, named by board.props `KeelConsolePeripheral`. The console's interrupt,
// board.props `KeelConsoleIrq`, is the kernel's own (it handles it and never delivers
// it to a task), so no task may have it routed to it. That knowledge is the board's
// data, not the checker's, so a user's own board says the same of its own peripherals.
// The console's interrupt is a board property rather than an attribute of a
// peripherals.toml entry because it is the one interrupt the build must know: an
// entry has no single interrupt in general (a timer or a DMA controller has several),
// and the property sits beside KeelIrqCount, which bounds it.
//
// One more interrupt is the board's to name, `KeelFpuIrq`: the FPU's own (STM32F4:
// IRQ 81), which the chip raises from the cumulative exception flags of the FPSCR
// loaded in the FPU, whichever task's that is. No task may have it routed to it.
using System.Globalization;
using System.Xml.Linq;
using Keel.Hal.Arm;
using Tomlyn.Model;

namespace Keel.BuildTool.SystemDescription;

// `BreaksIsolation`: why granting it to a task breaks isolation, or null.
public sealed record Peripheral(string Name, uint Base, uint Size, string? BreaksIsolation = null)
{
    public long End => (long)Base + Size;

    // "0x40004400-0x400047FF"
    public string Range => $"0x{Base:X8}-0x{End - 1:X8}";

    public bool Overlaps(long otherBase, long otherEnd) => Base < otherEnd && otherBase < End;
}

// `ConsolePeripheral`: the peripheral the kernel's console uses, or null for none;
// `ConsoleIrq`: the interrupt the kernel takes for its console, or null for none;
// `FpuIrq`: the interrupt the FPU raises from its exception flags, or null for none.
public sealed record BoardDescription(string Name, long FlashBytes, long RamBytes, int IrqCount, IReadOnlyList<Peripheral> Peripherals, Peripheral? ConsolePeripheral, int? ConsoleIrq, int? FpuIrq)
{
    public const string ConsoleProperty = "KeelConsolePeripheral";
    public const string ConsoleIrqProperty = "KeelConsoleIrq";
    public const string FpuIrqProperty = "KeelFpuIrq";

    public const string PropsFile = "board.props";
    public const string PeripheralsFile = "peripherals.toml";

    public Peripheral? FindPeripheral(string name) => Peripherals.FirstOrDefault(peripheral => peripheral.Name == name);

    // Null when the board is unknown or its files are wrong (the reasons are reported:
    // an unknown board against the app's `board` field, file errors against the file).
    public static BoardDescription? Load(BoardSearch boards, string name, Action<string> reportBoardField, DiagnosticBag diagnostics)
    {
        if (boards.Find(name) is not string folder)
        {
            reportBoardField($"no board '{name}'{Suggestions.DidYouMean(name, boards.Known)} (expected a folder boards/{name}/ beside app.toml, or one of Keel's, with {PropsFile}; known boards: {string.Join(", ", boards.Known)})");
            return null;
        }
        string propsPath = Path.Combine(folder, PropsFile);
        string peripheralsPath = Path.Combine(folder, PeripheralsFile);
        if (!File.Exists(peripheralsPath))
        {
            reportBoardField($"board '{name}' has no {PeripheralsFile}");
            return null;
        }

        var reportProps = diagnostics.For(propsPath);
        var properties = XDocument.Load(propsPath).Descendants().ToDictionary(element => element.Name.LocalName, element => element.Value.Trim());
        long? Property(string property)
        {
            if (properties.TryGetValue(property, out string? text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                return value;
            reportProps($"property '{property}' is missing or not a number");
            return null;
        }
        long? flash = Property("KeelFlashBytes");
        long? ram = Property("KeelRamBytes");
        long? irqCount = Property("KeelIrqCount");
        var peripherals = LoadPeripherals(peripheralsPath, diagnostics.For(peripheralsPath));
        if (flash is null || ram is null || irqCount is null || peripherals is null)
            return null;
        // Required, so that a new board cannot leave its console unprotected by
        // omission; empty when the kernel's console is not on a peripheral.
        if (!properties.TryGetValue(ConsoleProperty, out string? consoleName))
        {
            reportProps($"property '{ConsoleProperty}' is missing (the peripheral of the kernel's console, or empty for none)");
            return null;
        }
        Peripheral? console = null;
        if (consoleName.Length > 0 && (console = peripherals.FirstOrDefault(peripheral => peripheral.Name == consoleName)) is null)
        {
            reportProps($"property '{ConsoleProperty}': no peripheral '{consoleName}' in {PeripheralsFile}");
            return null;
        }
        // Required too, for the same reason: a board that forgot one would let a task
        // claim the interrupt the kernel keeps for itself, or the FPU's.
        if (!Interrupt(ConsoleIrqProperty, "the interrupt of the kernel's console", out int? consoleIrq)
            || !Interrupt(FpuIrqProperty, "the interrupt the FPU raises from its exception flags", out int? fpuIrq))
            return null;
        return new BoardDescription(name, flash.Value, ram.Value, (int)irqCount.Value, peripherals, console, consoleIrq, fpuIrq);

        // A required property naming one of the board's interrupts, or empty for none.
        bool Interrupt(string property, string meaning, out int? irq)
        {
            irq = null;
            if (!properties.TryGetValue(property, out string? text))
            {
                reportProps($"property '{property}' is missing ({meaning}, or empty for none)");
                return false;
            }
            if (text.Length == 0)
                return true;
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number >= irqCount.Value)
            {
                reportProps($"property '{property}': '{text}' is not one of the board's interrupts (0..{irqCount.Value - 1}, KeelIrqCount being {irqCount.Value})");
                return false;
            }
            irq = (int)number;
            return true;
        }
    }

    private static IReadOnlyList<Peripheral>? LoadPeripherals(string path, Reporter report)
    {
        var top = TomlTableReader.Parse(File.ReadAllText(path), "peripherals", report);
        if (top is null)
            return null;
        var peripherals = new List<Peripheral>();
        bool valid = true;
        foreach (var (name, table) in top.NamedTables())
        {
            var entry = top.Nested(table, $"peripheral '{name}'", name);
            long? baseAddress = entry.Integer("base");
            long? size = entry.Integer("size");
            string? breaksIsolation = entry.String("breaks-isolation", required: false);
            entry.RejectUnknownFields();
            if (baseAddress is not long address || size is not long bytes)
            {
                valid = false;
                continue;
            }
            string? problem = DescribeRegionProblem(address, bytes);
            if (problem is not null)
            {
                entry.Report(problem);
                valid = false;
                continue;
            }
            if (breaksIsolation?.Trim().Length == 0)
            {
                entry.ReportField("breaks-isolation", "is empty (say why the peripheral breaks isolation, or leave the field out)");
                valid = false;
                continue;
            }
            peripherals.Add(new Peripheral(name, (uint)address, (uint)bytes, breaksIsolation));
        }
        return valid ? peripherals : null;
    }

    private static string? DescribeRegionProblem(long address, long size)
    {
        if (address < 0 || address > uint.MaxValue || size < 0 || size > uint.MaxValue)
            return $"base 0x{address:X} and size 0x{size:X} must each fit in 32 bits";
        var error = MpuRegion.TryEncode(0, (uint)address, (uint)size, MpuAccess.FullAccess, MpuMemoryType.StronglyOrdered, true, 0, out _);
        return error switch
        {
            MpuEncodeError.None => null,
            MpuEncodeError.SizeNotPowerOfTwo => $"size 0x{size:X} is not a power of two (an MPU region must be)",
            MpuEncodeError.SizeTooSmall => $"size 0x{size:X} is smaller than the MPU's smallest region ({MpuRegion.MinimumSize} bytes)",
            MpuEncodeError.BaseNotAligned => $"base 0x{address:X} is not a multiple of its size 0x{size:X} (an MPU region must be aligned)",
            _ => $"cannot be an MPU region ({error})",
        };
    }
}
