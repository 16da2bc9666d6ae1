// The per-task size table `keel build` prints: what the kernel and each task use of
// their flash and RAM windows (the budgets of the system description, laid out by the
// generator), read from the linked image's sections (Keel.BuildTool's size report),
// and what the MPU's rules cost. A PMSAv7 region is a power of two aligned to its
// size, so whatever a task does not use of its window no other task can have; and
// aligning the first task's window after the kernel leaves padding. Each task's row
// also shows the authority it holds beyond its capabilities, which a reviewer must
// see at every build: its platform calls and the peripherals it is trusted with
// although they break isolation (layout.txt says why each does).
using Keel.BuildTool;
using Keel.BuildTool.SystemDescription;
using Spectre.Console;

namespace Keel.Cli;

public sealed record SizeRow(string Name, long FlashUsed, long FlashBudget, long RamUsed, long RamBudget, long Stack, long? WorstStack,
    IReadOnlyList<string> PlatformCalls, IReadOnlyList<string> TrustedPeripherals)
{
    public long FlashUnused => FlashBudget - FlashUsed;

    public long RamUnused => RamBudget - RamUsed;
}

public static class SizeTable
{
    // `worstStacks`: the build's stack analysis by owner ("kernel", task names), when it ran.
    public static IReadOnlyList<SizeRow> Compute(SystemLayout layout, IReadOnlyList<SizeReport.Section> sections, IReadOnlyDictionary<string, long> worstStacks)
    {
        SizeRow Row(string name, MemoryWindow flash, MemoryWindow ram, long stack, TaskDescription? task)
        {
            var inRam = sections.Where(s => Inside(s.Address, ram)).ToList();
            // Initial data is stored in the owner's flash and copied to its RAM at start.
            long flashUsed = sections.Where(s => Inside(s.Address, flash)).Sum(s => (long)s.Size)
                + inRam.Where(s => s.InFlash).Sum(s => (long)s.Size);
            return new SizeRow(name, flashUsed, flash.Size, inRam.Sum(s => (long)s.Size), ram.Size, stack,
                worstStacks.TryGetValue(name, out long worst) ? worst : null, task?.PlatformCalls ?? [], task?.TrustedPeripherals ?? []);
        }
        return
        [
            Row("kernel", layout.KernelFlash, layout.KernelRam, layout.App.Kernel!.Stack!.Value, null),
            .. layout.Tasks.Select(task => Row(task.Task.Name, task.Flash, task.Ram, task.Task.Stack!.Value, task.Task)),
        ];
    }

    public static void Render(IAnsiConsole console, string image, SystemLayout layout, IReadOnlyList<SizeRow> rows)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"{Markup.Escape(image)} on {Markup.Escape(layout.Board.Name)}").AddColumn(new TableColumn("").NoWrap());
        foreach (string heading in (string[])["flash used", "budget", "RAM used", "budget", "stack", "worst stack", "MPU waste"])
            table.AddColumn(new TableColumn(heading).RightAligned().NoWrap());
        foreach (string heading in (string[])["platform calls", "trusted with"])
            table.AddColumn(new TableColumn(heading));
        foreach (SizeRow row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Name),
                Used(row.FlashUsed, row.FlashBudget), row.FlashBudget.ToString(),
                Used(row.RamUsed, row.RamBudget), row.RamBudget.ToString(),
                row.Stack.ToString(),
                row.WorstStack?.ToString() ?? "",
                row.Name == "kernel" ? "" : $"{row.FlashUnused}/{row.RamUnused}",
                Markup.Escape(string.Join(", ", row.PlatformCalls)),
                Markup.Escape(string.Join(", ", row.TrustedPeripherals)));
        }
        console.Write(table);
        console.WriteWholeLine("Worst stack: the deepest the code can go, with an exception frame, as the build computed it (a stack below it fails the build; docs/system-description.md).");
        console.WriteWholeLine("MPU waste (flash/RAM): what a task does not use of its power-of-two windows, which no other task can use.");
        console.WriteWholeLine("Platform calls: beyond every task's debug-write and exit. Trusted with: peripherals granted although they break isolation (layout.txt says why).");
        console.WriteWholeLine($"Alignment padding after the kernel: flash {layout.FlashPadding}, RAM {layout.RamPadding} bytes. " +
            $"Laid out: flash {layout.FlashUsed} of {layout.Board.FlashBytes}, RAM {layout.RamUsed} of {layout.Board.RamBytes} bytes.");
    }

    // "6408 (39%)", red when over budget.
    private static string Used(long used, long budget)
    {
        string text = $"{used} ({100.0 * used / budget:0}%)";
        return used > budget ? $"[red]{text}[/]" : text;
    }

    private static bool Inside(uint address, MemoryWindow window) => address >= window.Base && address < window.End;
}
