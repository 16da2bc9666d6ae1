// The grants that break the isolation between tasks: of peripherals, and of the
// kernel's console interrupt. The MPU gives a task exactly its windows and its
// peripherals, but some devices reach past the MPU once a task holds them: a DMA
// controller copies any memory, the flash interface rewrites the kernel's code, RCC
// stops the clock the kernel's console runs on. The build refuses each such grant, one
// error code per class (Diagnostic), naming the task, the peripheral or interrupt, why,
// and how to allow it where it can be allowed:
//   KEEL0101 a peripheral the board marks `breaks-isolation` (peripherals.toml);
//   KEEL0102 the kernel's console (board.props KeelConsolePeripheral), and its
//            interrupt (board.props KeelConsoleIrq) in a task's `irqs`;
//   KEEL0103 a peripheral whose range overlaps the kernel's windows or another task's;
//   KEEL0104 a peripheral granted to more than one task: a device two tasks share is a
//            channel between them that no capability controls;
//   KEEL0105 the FPU's interrupt (board.props KeelFpuIrq) in a task's `irqs`: the chip
//            raises it from the exception flags of whichever task's floating-point
//            state is loaded, so it tells the task it is routed to about the arithmetic
//            of tasks it shares nothing with.
// Ranges, not names, decide: a board entry that covers RCC (or its bit-band alias)
// breaks isolation as RCC does. What a peripheral does is the board's data, so a
// user's board marks its own devices.
//
// A task the description trusts with a peripheral (`trusted-peripherals`) is granted
// it anyway, and every report (layout.txt, `keel build`) shows the trust; a trust no
// rule needs is an error, so the list always says exactly what isolation was given up.
// The console's and the FPU's interrupts have no such override (the FPU's is a channel
// from every task, not a device one task could be trusted with). The console's: the kernel's interrupt entry handles
// it itself (hal/Port/KernelPort.cs, OnInterrupt) and never delivers it, so a task it
// were routed to would hold an IRQ-handler cap on the kernel's own interrupt and wait
// for a notification that never comes. (An irq cap must name one of its task's own
// `irqs` (AppChecker), so refusing the entry refuses the cap too.)
//
// Runs on a description that passed AppChecker, with its layout (the overlaps need the
// windows).
namespace Keel.BuildTool.SystemDescription;

public static class IsolationChecker
{
    public const string TrustField = "trusted-peripherals";

    // The Cortex-M4's bit-band regions (Cortex-M4 TRM 3.7, RM0090 2.3.3): the first MiB
    // of SRAM and of peripherals, each bit of which is also a word of the alias region
    // 32 MiB above. A grant is an MPU region at the alias's addresses, and an access
    // there reaches the bit whatever the MPU says of the bit's own address, so granting
    // an alias grants what it aliases.
    private static readonly long[] BitBandRegions = [0x2000_0000, 0x4000_0000];
    private const long BitBandRegionSize = 0x10_0000;
    private const long BitBandAliasOffset = 0x200_0000;
    private const long BitBandWordsPerByte = 32;

    public static void Check(SystemLayout layout, DiagnosticBag diagnostics)
    {
        // Each refusal under its own code, at the task's key that grants it.
        Section TaskSection(TaskLayout task, string code) =>
            AppChecker.TaskSection(new Section(AppDescriptionParser.TopLevel, [], layout.App.Source, diagnostics.For(layout.App.TomlPath, code)), task.Task.Name);
        Section IrqSection(TaskLayout task, IrqDescription irq, string code)
        {
            var taskSection = TaskSection(task, code);
            return taskSection.Nested($"{taskSection.Context}: irqs[{irq.Index}]", "irqs", irq.Index.ToString());
        }

        foreach (var task in layout.Tasks)
        {
            foreach (var peripheral in task.Task.Peripherals.Select(name => layout.Board.FindPeripheral(name)!))
            {
                var refusals = Refusals(layout, task, peripheral).ToList();
                if (task.Task.TrustedPeripherals.Contains(peripheral.Name))
                {
                    if (refusals.Count == 0)
                        TaskSection(task, Diagnostic.Malformed).Field(TrustField, $"'{peripheral.Name}' breaks no isolation rule, so there is nothing to trust the task with: remove it");
                    continue;
                }
                foreach (var (code, problem) in refusals)
                    TaskSection(task, code).Field("peripherals", $"'{peripheral.Name}' {problem}; to grant it anyway, add '{peripheral.Name}' to the task's {TrustField}");
            }
            foreach (var irq in task.Task.Irqs.Where(irq => irq.Irq == layout.Board.ConsoleIrq))
                IrqSection(task, irq, Diagnostic.KernelConsole).Field("irq",
                    $"{irq.Irq} is the kernel's console interrupt ({BoardDescription.ConsoleIrqProperty} of board '{layout.Board.Name}'): the kernel handles it itself and never delivers it to a task, trusted or not");
            foreach (var irq in task.Task.Irqs.Where(irq => irq.Irq == layout.Board.FpuIrq))
                IrqSection(task, irq, Diagnostic.FpuInterrupt).Field("irq",
                    $"{irq.Irq} is the FPU's interrupt ({BoardDescription.FpuIrqProperty} of board '{layout.Board.Name}'): the chip raises it from the exception flags of whichever task's floating-point registers are loaded, so it would tell this task when tasks it shares nothing with overflow, divide by zero or round; no task may have it, trusted or not");
        }
    }

    // What the task gave up with each peripheral it is trusted with, one line each
    // ("rcc breaks isolation: ..."), for the reports.
    public static IEnumerable<string> DescribeTrust(SystemLayout layout, TaskLayout task) =>
        task.Task.TrustedPeripherals.Select(name =>
            $"{name} " + string.Join("; and ", Refusals(layout, task, layout.Board.FindPeripheral(name)!).Select(refusal => refusal.Problem)));

    // Each rule the grant of `peripheral` to `task` breaks: its code and the problem,
    // worded to follow the peripheral's name.
    private static IEnumerable<(string Code, string Problem)> Refusals(SystemLayout layout, TaskLayout task, Peripheral peripheral)
    {
        var board = layout.Board;
        foreach (var hazard in board.Peripherals.Where(hazard => hazard.BreaksIsolation is not null))
        {
            if (Reaches(peripheral, hazard.Base, hazard.End) is Reach reach)
                yield return (Diagnostic.PeripheralBreaksIsolation, $"{Covering(peripheral, hazard, reach)}breaks isolation: {hazard.BreaksIsolation}");
        }
        if (board.ConsolePeripheral is Peripheral console && Reaches(peripheral, console.Base, console.End) is Reach consoleReach)
            yield return (Diagnostic.KernelConsole,
                $"{Covering(peripheral, console, consoleReach)}is the kernel's console ({BoardDescription.ConsoleProperty} of board '{board.Name}'): a task holding it can read and forge what the kernel prints, and stop the kernel, which waits on it");
        foreach (var (owner, window) in ProtectedWindows(layout, task))
        {
            if (Reaches(peripheral, window.Base, window.End) is Reach reach)
                yield return (Diagnostic.OverlapsMemory,
                    $"({peripheral.Range}) overlaps {(reach == Reach.BitBandAlias ? "the bit-band alias of " : "")}{owner} (0x{window.Base:X8}-0x{window.End - 1:X8}): a task holding it reads and writes memory the MPU keeps from it");
        }
        var sharers = layout.Tasks
            .Where(other => other != task)
            .SelectMany(other => other.Task.Peripherals
                .Where(name => board.FindPeripheral(name)!.Overlaps(peripheral.Base, peripheral.End))
                .Select(name => name == peripheral.Name ? $"task '{other.Task.Name}'" : $"task '{other.Task.Name}' (as '{name}')"))
            .ToList();
        if (sharers.Count > 0)
            yield return (Diagnostic.SharedPeripheral, $"is also granted to {string.Join(", ", sharers)}: a device two tasks share is a channel between them that no capability controls");
    }

    // The windows no other task's grant may reach: the kernel's and every other task's.
    private static IEnumerable<(string Owner, MemoryWindow Window)> ProtectedWindows(SystemLayout layout, TaskLayout task)
    {
        yield return ("the kernel's flash window", layout.KernelFlash);
        yield return ("the kernel's RAM window", layout.KernelRam);
        foreach (var other in layout.Tasks.Where(other => other != task))
        {
            yield return ($"the flash window of task '{other.Task.Name}'", other.Flash);
            yield return ($"the RAM window of task '{other.Task.Name}'", other.Ram);
        }
    }

    private enum Reach
    {
        Direct,
        BitBandAlias,
    }

    // How `peripheral` reaches [start, end), if it does: its range overlaps that range,
    // or the range's bit-band alias.
    private static Reach? Reaches(Peripheral peripheral, long start, long end)
    {
        if (peripheral.Overlaps(start, end))
            return Reach.Direct;
        foreach (long region in BitBandRegions)
        {
            long first = Math.Max(start, region);
            long last = Math.Min(end, region + BitBandRegionSize);
            long alias = region + BitBandAliasOffset;
            if (first < last && peripheral.Overlaps(alias + (first - region) * BitBandWordsPerByte, alias + (last - region) * BitBandWordsPerByte))
                return Reach.BitBandAlias;
        }
        return null;
    }

    // The words between the granted peripheral's name and the problem when the problem
    // is another board entry the grant reaches: "covers 'rcc', which ".
    private static string Covering(Peripheral granted, Peripheral reached, Reach reach) =>
        granted == reached ? "" : reach == Reach.Direct ? $"covers '{reached.Name}', which " : $"covers the bit-band alias of '{reached.Name}', which ";
}
