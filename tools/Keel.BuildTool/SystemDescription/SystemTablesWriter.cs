// SystemTables.g.cs: the kernel's boot tables as C# static data. Arrays of structs
// initialised in field initialisers are built by ILC at compile time (frozen in the
// image), so the kernel reads its whole configuration without allocating or parsing
// anything at boot. The struct types (TaskConfig, MpuRegionConfig, CapConfig,
// IrqConfig, TickSignalConfig) belong to the kernel image; this file only fills them in. Tables are in
// task declaration order; each task's regions and caps are contiguous, found through
// its FirstRegion/RegionCount and FirstCap/CapCount. Each task's CNode is likewise a
// contiguous range FirstSlot/SlotCount of the kernel's one slot pool, whose size is
// TotalCapSlots, so the kernel can allocate the pool as one array; IrqCount, the
// board's interrupt count, sizes its table of interrupt bindings the same way, and
// TickSignalCount its pool of tick signals.
using System.Text;
using Keel.Hal.Arm;

namespace Keel.BuildTool.SystemDescription;

public static class SystemTablesWriter
{
    // Task<Name> constants share the class with these (AppChecker refuses such names).
    public static readonly IReadOnlyDictionary<string, string> ReservedTaskIdentifiers = new Dictionary<string, string>
    {
        ["Count"] = "SystemTables.TaskCount",
        ["Name"] = "SystemTables.TaskName",
    };

    // TaskConfig.BoundNotification of a task without one (the kernel's NoNotification).
    public const int NoBoundNotification = -1;

    // TaskConfig.FaultEndpoint of a task without a fault handler (TaskConfig.NoFaultHandler).
    public const int NoFaultHandler = -1;

    public static string Write(SystemLayout layout)
    {
        var app = layout.App;
        var code = new StringBuilder();
        code.AppendLine($"// {GeneratedFiles.Banner(layout)}");
        code.AppendLine("namespace Keel.Firmware.Boot");
        code.AppendLine("{");
        code.AppendLine("    public static partial class SystemTables");
        code.AppendLine("    {");
        code.AppendLine($"        public const int TaskCount = {layout.Tasks.Count};");
        code.AppendLine($"        public const int EndpointCount = {app.Endpoints.Count};");
        code.AppendLine($"        public const int NotificationCount = {app.Notifications.Count};");
        code.AppendLine($"        public const int TickSignalCount = {app.TickSignals.Count};");
        code.AppendLine($"        public const int TotalCapSlots = {app.Tasks.Sum(task => task.CapSlots!.Value)};");
        code.AppendLine($"        public const int IrqCount = {layout.Board.IrqCount};");
        code.AppendLine($"        public const uint TickHz = {app.Kernel!.TickHz};");
        code.AppendLine($"        public const uint TimeSliceTicks = {app.Kernel.TimeSliceTicks};");
        code.AppendLine($"        public const bool UnprivilegedIrqTrigger = {(app.Kernel.UnprivilegedIrqTrigger == true ? "true" : "false")};");
        code.AppendLine($"        public const bool DebugInvariants = {(app.Kernel.DebugInvariants == true ? "true" : "false")};");
        code.AppendLine();
        foreach (var task in layout.Tasks)
            code.AppendLine($"        public const int Task{Identifiers.Pascal(task.Task.Name)} = {task.Index};");
        code.AppendLine();
        code.AppendLine("        public static string TaskName(int index) => index switch");
        code.AppendLine("        {");
        foreach (var task in layout.Tasks)
            code.AppendLine($"            {task.Index} => \"{task.Task.Name}\",");
        code.AppendLine("            _ => \"?\",");
        code.AppendLine("        };");

        var tasks = new List<string>();
        var regions = new List<string>();
        var caps = new List<string>();
        long slots = 0;
        var faultBadges = FaultBadges.Assign(app);
        foreach (var task in layout.Tasks)
        {
            var description = task.Task;
            int faultEndpoint = description.FaultHandler is null ? NoFaultHandler : Index(app.Endpoints, description.FaultHandler);
            uint faultBadge = faultBadges.GetValueOrDefault(description.Name);
            int boundNotification = description.BoundNotification is null ? NoBoundNotification : Index(app.Notifications, description.BoundNotification);
            tasks.Add($"new TaskConfig {{ FlashBase = 0x{task.Flash.Base:X8}, FlashSize = {task.Flash.Size}, RamBase = 0x{task.Ram.Base:X8}, RamSize = {task.Ram.Size}, StackSize = {description.Stack}, Priority = {description.Priority}, FaultEndpoint = {faultEndpoint}, FaultBadge = {faultBadge}, BoundNotification = {boundNotification}, FirstRegion = {regions.Count}, RegionCount = {task.Regions.Count}, FirstCap = {caps.Count}, CapCount = {description.Caps.Count}, FirstSlot = {slots}, SlotCount = {description.CapSlots}, PlatformCalls = 0x{PlatformCallNames.Mask(description.PlatformCalls):X} }}, // {description.Name}");
            slots += description.CapSlots!.Value;
            for (int number = 0; number < task.Regions.Count; number++)
            {
                MpuRegion region = task.Regions[number];
                regions.Add($"new MpuRegionConfig {{ Rbar = 0x{region.Rbar:X8}, Rasr = 0x{region.Rasr:X8} }}, // {description.Name} {number}: {RegionPurpose(task, number)}");
            }
            foreach (var cap in description.Caps)
                caps.Add($"new CapConfig {{ Kind = {(byte)cap.Kind!}, Object = {ObjectIndex(app, cap)}, Slot = {cap.Slot}, Rights = 0x{(byte)cap.Rights:X}, Badge = {cap.Badge ?? 0} }}, // {description.Name} '{cap.Name}': {cap.Summary}");
        }
        var irqs = layout.Tasks
            .SelectMany(task => task.Task.Irqs.Select(irq =>
                $"new IrqConfig {{ Irq = {irq.Irq}, Task = {task.Index}, Notification = {Index(app.Notifications, irq.Notification!)}, Badge = {irq.Badge} }}, // {task.Task.Name}: notification '{irq.Notification}'"))
            .ToList();
        var tickSignals = app.TickSignals
            .Select(tickSignal => $"new TickSignalConfig {{ Notification = {Index(app.Notifications, tickSignal.Notification)}, Badge = {tickSignal.Badge}, EveryTicks = {tickSignal.EveryTicks} }}, // notification '{tickSignal.Notification}'")
            .ToList();

        AppendTable(code, "TaskConfig", "Tasks", tasks);
        AppendTable(code, "MpuRegionConfig", "Regions", regions);
        AppendTable(code, "CapConfig", "Caps", caps);
        AppendTable(code, "IrqConfig", "Irqs", irqs);
        AppendTable(code, "TickSignalConfig", "TickSignals", tickSignals);
        code.AppendLine("    }");
        code.AppendLine("}");
        return code.ToString();
    }

    // What region `number` of a task maps, in the order SystemLayout encodes them.
    public static string RegionPurpose(TaskLayout task, int number) => number switch
    {
        0 => "flash",
        1 => "ram",
        _ when number - 2 < task.Task.Peripherals.Count => task.Task.Peripherals[number - 2],
        _ => "disabled",
    };

    // CapConfig.Object: what the kernel's capability of that kind points at.
    private static long ObjectIndex(AppDescription app, CapDescription cap) => cap.Kind switch
    {
        CapKind.Endpoint => Index(app.Endpoints, cap.Object!),
        CapKind.Notification => Index(app.Notifications, cap.Object!),
        CapKind.Thread => Index(app.Tasks.Select(task => task.Name).ToList(), cap.Object!),
        CapKind.IrqHandler => cap.Irq!.Value,
        _ => throw new InvalidOperationException($"cap '{cap.Name}' passed the checks without a kind"),
    };

    private static int Index(IReadOnlyList<string> names, string name) => names.ToList().IndexOf(name);

    // An empty table is written `{ }`, which compiles to the same zero-length frozen array.
    private static void AppendTable(StringBuilder code, string type, string name, IReadOnlyList<string> rows)
    {
        code.AppendLine();
        code.AppendLine($"        public static readonly {type}[] {name} =");
        code.AppendLine("        {");
        foreach (string row in rows)
            code.AppendLine($"            {row}");
        code.AppendLine("        };");
    }
}
