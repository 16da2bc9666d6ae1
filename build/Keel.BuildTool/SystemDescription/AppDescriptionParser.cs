// Reads app.toml into an AppDescription: the file's shape (which sections and fields
// exist, their types, the words allowed in `rights`). Whether the values make sense
// together (sizes, ranges, references, what the board offers) is AppChecker's concern;
// this file only guarantees that what it hands over is what the file says.
using Tomlyn.Model;

namespace Keel.BuildTool.SystemDescription;

public static class AppDescriptionParser
{
    public const string TopLevel = "top level";
    public const uint DefaultTickHz = 1000;
    public const uint DefaultTimeSliceTicks = 10;
    public const int DefaultCapSlots = 8;

    // Null when the file cannot be read as TOML at all (the reasons are reported).
    public static AppDescription? Parse(string tomlPath, Action<string> report)
    {
        var top = TomlTableReader.Parse(File.ReadAllText(tomlPath), TopLevel, report);
        if (top is null)
            return null;

        string? name = top.String("name");
        string? board = top.String("board");
        KernelDescription? kernel = top.Table("kernel", required: true) is TomlTable kernelTable
            ? ParseKernel(top.Nested(kernelTable, "kernel"))
            : null;
        var endpoints = ParseObjectNames(top, "endpoints", "endpoint");
        var notifications = ParseObjectNames(top, "notifications", "notification");
        var tasks = new List<TaskDescription>();
        if (top.Table("tasks") is TomlTable tasksTable)
        {
            foreach (var (taskName, taskTable) in top.Nested(tasksTable, "tasks").NamedTables())
                tasks.Add(ParseTask(top.Nested(taskTable, $"task '{taskName}'"), taskName));
        }
        top.RejectUnknownFields();
        return new AppDescription(tomlPath, name, board, kernel, endpoints, notifications, tasks);
    }

    private static KernelDescription ParseKernel(TomlTableReader kernel)
    {
        var description = new KernelDescription(
            Flash: kernel.Integer("flash"),
            Ram: kernel.Integer("ram"),
            Stack: kernel.Integer("stack"),
            TickHz: kernel.Integer("tick-hz", required: false) ?? DefaultTickHz,
            TimeSliceTicks: kernel.Integer("time-slice-ticks", required: false) ?? DefaultTimeSliceTicks);
        kernel.RejectUnknownFields();
        return description;
    }

    // [endpoints] and [notifications]: kernel objects by name, each an empty table
    // today (room for per-object settings later, none accepted yet).
    private static IReadOnlyList<string> ParseObjectNames(TomlTableReader top, string section, string objectKind)
    {
        var names = new List<string>();
        if (top.Table(section) is not TomlTable table)
            return names;
        foreach (var (name, settings) in top.Nested(table, section).NamedTables())
        {
            names.Add(name);
            top.Nested(settings, $"{objectKind} '{name}'").RejectUnknownFields();
        }
        return names;
    }

    private static TaskDescription ParseTask(TomlTableReader task, string name)
    {
        var irqs = task.TableList("irqs")
            .Select((irq, index) => ParseIrq(task.Nested(irq, $"{task.Context}: irqs[{index}]"), index))
            .ToList();
        var caps = new List<CapDescription>();
        if (task.Table("caps") is TomlTable capsTable)
        {
            foreach (var (slotName, capTable) in task.Nested(capsTable, $"{task.Context}: caps").NamedTables())
                caps.Add(ParseCap(task.Nested(capTable, $"{task.Context}: cap '{slotName}'"), slotName, (uint)caps.Count + 1));
        }
        var description = new TaskDescription(
            Name: name,
            Project: task.String("project"),
            Priority: task.Integer("priority"),
            Stack: task.Integer("stack"),
            Flash: task.Integer("flash"),
            Ram: task.Integer("ram"),
            Peripherals: task.StringList("peripherals"),
            Irqs: irqs,
            FaultHandler: task.String("fault-handler", required: false),
            CapSlots: task.Integer("cap-slots", required: false) ?? DefaultCapSlots,
            Caps: caps);
        task.RejectUnknownFields();
        return description;
    }

    private static IrqDescription ParseIrq(TomlTableReader irq, int index)
    {
        var description = new IrqDescription(index, irq.Integer("irq"), irq.String("notification"), irq.Integer("badge", required: false) ?? 0);
        irq.RejectUnknownFields();
        return description;
    }

    private static CapDescription ParseCap(TomlTableReader cap, string name, uint slot)
    {
        // Every kind's field is read (so none is taken for an unknown field): a name,
        // or for an irq cap the interrupt number.
        var given = CapKindNames.All
            .Select(entry => (entry.Kind, Target: entry.Kind == CapKind.IrqHandler
                ? (object?)cap.Integer(entry.Field, required: false)
                : cap.String(entry.Field, required: false)))
            .Where(entry => entry.Target is not null)
            .ToList();
        CapKind? kind = given.Count == 1 ? given[0].Kind : null;
        object? target = given.Count == 1 ? given[0].Target : null;
        if (kind is null)
            cap.Report("needs exactly one of 'endpoint', 'notification', 'thread' or 'irq'");

        var rights = CapRights.None;
        foreach (string right in cap.StringList("rights"))
        {
            if (CapRightNames.Parse(right) is CapRights bit)
                rights |= bit;
            else
                cap.ReportField("rights", $"unknown right '{right}' (expected read, write, grant or grant-reply)");
        }
        var description = new CapDescription(name, slot, kind, target as string, target as long?, rights, cap.Integer("badge", required: false));
        cap.RejectUnknownFields();
        return description;
    }
}
