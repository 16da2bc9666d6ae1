// <task>/Caps.g.cs: a task's capability slots as named constants, compiled into that
// task's image, so task code says `Caps.Policy` and a reordered [caps] table can never
// leave it using the wrong slot. With them, the size of its CSpace and the first slot
// left empty, where the task can receive or mint capabilities at run time, and the
// badge of every task's fault messages (FaultBadges), for fault handlers.
//
// Every capability name another task of the system holds and this one does not is
// there too, marked obsolete as an error with code KEEL0110, so a use of it in this
// task fails at its line saying what to do: "task 'sensor' holds no capability 'Led':
// add it to [tasks.sensor.caps] in app.toml(12,1)", rather than the compiler's bare
// "'Caps' does not contain a definition for 'Led'".
//
// Class Layout beside it holds every window of the system, the kernel's and every
// task's, so test and demonstration tasks can name another task's memory (to show that
// touching it faults): knowing an address grants nothing, the MPU decides. A configured
// driver task gets class DriverConfig too (DriverConfigWriter), a task whose console is
// a USART driver class ConsoleOutput (ConsoleRoute).
using System.Text;

namespace Keel.BuildTool.SystemDescription;

public static class TaskCapsWriter
{
    // Slot constants share class Caps with these (AppChecker refuses such names); a
    // member may not have its class's name either.
    public static readonly IReadOnlyDictionary<string, string> ReservedSlotIdentifiers = new Dictionary<string, string>
    {
        ["Caps"] = "the class Caps",
        ["SlotCount"] = "Caps.SlotCount",
        ["FirstFreeSlot"] = "Caps.FirstFreeSlot",
    };

    // Layout's per-task constants (<Task>FlashBase, ..., <Task>Index) share the class
    // with these.
    public static readonly IReadOnlyDictionary<string, string> ReservedTaskIdentifiers = new Dictionary<string, string>
    {
        ["Kernel"] = "Layout.KernelFlashBase and the other kernel windows",
        ["Self"] = "Layout.SelfIndex",
    };

    public static string Write(SystemLayout layout, TaskLayout self)
    {
        var task = self.Task;
        var code = new StringBuilder();
        code.AppendLine($"// {GeneratedFiles.Banner(layout)}");
        code.AppendLine("namespace Keel.Tasks");
        code.AppendLine("{");
        code.AppendLine($"    // The capability slots of task '{task.Name}' (slot 0 is always empty).");
        code.AppendLine("    public static class Caps");
        code.AppendLine("    {");
        foreach (var cap in task.Caps)
            code.AppendLine($"        public const uint {Identifiers.Pascal(cap.Name)} = {cap.Slot}; // {cap.Summary}");
        AppendCapsNotHeld(code, layout.App, task);
        code.AppendLine();
        code.AppendLine("        // The CSpace's size, and the first slot without an initial cap (SlotCount if none is free).");
        code.AppendLine($"        public const uint SlotCount = {task.CapSlots};");
        code.AppendLine($"        public const uint FirstFreeSlot = {task.Caps.Count + 1};");
        code.AppendLine("    }");
        AppendFaultBadges(code, layout);
        DriverConfigWriter.Append(code, task);
        ConsoleRoute.Append(code, task);
        code.AppendLine();
        code.AppendLine("    // The memory windows of the system (an address grants no access: the MPU decides).");
        code.AppendLine("    public static class Layout");
        code.AppendLine("    {");
        code.AppendLine($"        public const int SelfIndex = {self.Index};");
        code.AppendLine();
        AppendWindows(code, "Kernel", layout.KernelFlash, layout.KernelRam);
        foreach (var other in layout.Tasks)
        {
            string name = Identifiers.Pascal(other.Task.Name);
            code.AppendLine();
            code.AppendLine($"        public const int {name}Index = {other.Index};");
            AppendWindows(code, name, other.Flash, other.Ram);
            code.AppendLine($"        public const uint {name}StackSize = {other.Task.Stack};");
        }
        code.AppendLine("    }");
        code.AppendLine("}");
        return code.ToString();
    }

    private static void AppendCapsNotHeld(StringBuilder code, AppDescription app, TaskDescription task)
    {
        var held = task.Caps.Select(cap => Identifiers.Pascal(cap.Name)).ToHashSet();
        var notHeld = app.Tasks.SelectMany(other => other.Caps).Select(cap => Identifiers.Pascal(cap.Name))
            .Where(name => !held.Contains(name)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (notHeld.Count == 0)
            return;
        // Where the task's caps are written, or the task itself when it has none yet.
        string where = $"{Path.GetFileName(app.TomlPath)}{app.Source.Find(["tasks", task.Name, "caps"])}";
        code.AppendLine();
        code.AppendLine("        // Capabilities other tasks hold and this one does not: a use is an error saying so.");
        foreach (string name in notHeld)
        {
            string message = $"task '{task.Name}' holds no capability '{name}': add it to [tasks.{task.Name}.caps] in {where}";
            code.AppendLine($"        [global::System.Obsolete(\"{message}\", true, DiagnosticId = \"{Diagnostic.CapabilityNotHeld}\")]");
            code.AppendLine($"        public const uint {name} = 0;");
        }
    }

    // Which task a fault message is about, by its badge, for the tasks' fault handlers.
    private static void AppendFaultBadges(StringBuilder code, SystemLayout layout)
    {
        var badges = FaultBadges.Assign(layout.App);
        if (badges.Count == 0)
            return;
        code.AppendLine();
        code.AppendLine("    // The badge of each task's fault messages, unique on its fault-handler endpoint.");
        code.AppendLine("    public static class FaultBadges");
        code.AppendLine("    {");
        foreach (var task in layout.Tasks.Where(task => badges.ContainsKey(task.Task.Name)))
            code.AppendLine($"        public const uint {Identifiers.Pascal(task.Task.Name)} = {badges[task.Task.Name]}; // endpoint '{task.Task.FaultHandler}'");
        code.AppendLine("    }");
    }

    private static void AppendWindows(StringBuilder code, string owner, MemoryWindow flash, MemoryWindow ram)
    {
        code.AppendLine($"        public const uint {owner}FlashBase = 0x{flash.Base:X8};");
        code.AppendLine($"        public const uint {owner}FlashSize = {flash.Size};");
        code.AppendLine($"        public const uint {owner}RamBase = 0x{ram.Base:X8};");
        code.AppendLine($"        public const uint {owner}RamSize = {ram.Size};");
    }
}
