// layout.txt: the layout for people — where each task's windows are, its stack, the
// exact MPU register values it runs with, where its faults go (the endpoint and the
// badge the kernel sends them with), the platform calls it may make, the
// peripherals it is trusted with despite the isolation they break (and why they
// break it), and what alignment cost — so a reviewer can check the isolation of a
// system without reading generated code.
using System.Text;

namespace Keel.BuildTool.SystemDescription;

public static class LayoutReportWriter
{
    public static string Write(SystemLayout layout)
    {
        var text = new StringBuilder();
        text.AppendLine(GeneratedFiles.Banner(layout));
        text.AppendLine();
        text.AppendLine($"{"",-18}  {"flash",-29}  {"ram",-29}  stack");
        text.AppendLine($"{"kernel",-18}  {Window(layout.KernelFlash)}  {Window(layout.KernelRam)}  {layout.App.Kernel!.Stack}");
        foreach (var task in layout.Tasks)
            text.AppendLine($"{$"task {task.Task.Name}",-18}  {Window(task.Flash)}  {Window(task.Ram)}  {task.Task.Stack}");
        text.AppendLine();
        text.AppendLine($"flash: {layout.FlashUsed} of {layout.Board.FlashBytes} bytes used, {layout.FlashPadding} bytes of alignment padding");
        text.AppendLine($"ram:   {layout.RamUsed} of {layout.Board.RamBytes} bytes used, {layout.RamPadding} bytes of alignment padding");
        var faultBadges = FaultBadges.Assign(layout.App);
        foreach (var task in layout.Tasks)
        {
            text.AppendLine();
            text.AppendLine($"task {task.Task.Name} (index {task.Index}, priority {task.Task.Priority}, {task.Task.CapSlots} cap slots)");
            text.AppendLine("  region  RBAR        RASR        maps");
            for (int number = 0; number < task.Regions.Count; number++)
                text.AppendLine($"  {number,-6}  0x{task.Regions[number].Rbar:X8}  0x{task.Regions[number].Rasr:X8}  {SystemTablesWriter.RegionPurpose(task, number)}");
            foreach (var cap in task.Task.Caps)
                text.AppendLine($"  cap {cap.Slot} {cap.Name}: {cap.Summary}");
            foreach (var irq in task.Task.Irqs)
                text.AppendLine($"  irq {irq.Irq} -> notification '{irq.Notification}', badge {irq.Badge}");
            if (task.Task.FaultHandler is string faultHandler)
                text.AppendLine($"  faults -> endpoint '{faultHandler}', badge {faultBadges[task.Task.Name]} (held by the kernel)");
            if (task.Task.PlatformCalls.Count > 0)
                text.AppendLine($"  platform calls: {string.Join(", ", task.Task.PlatformCalls)}");
            foreach (string trust in IsolationChecker.DescribeTrust(layout, task))
                text.AppendLine($"  trusted: {trust}");
        }
        return text.ToString();
    }

    // "0x08010000-0x08013FFF   16384": first and last address, then the size in bytes.
    private static string Window(MemoryWindow window) => $"0x{window.Base:X8}-0x{window.End - 1:X8} {window.Size,8}";
}
