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
    // The badge of a tick signal or an interrupt that gives none: a signal with badge 0
    // would wake nobody, and to the kernel an interrupt with badge 0 is one not routed.
    public const uint DefaultSignalBadge = 1;

    // Null when the file cannot be read as TOML at all (the reasons are reported).
    public static AppDescription? Parse(string tomlPath, Reporter report)
    {
        var top = TomlTableReader.Parse(File.ReadAllText(tomlPath), TopLevel, report);
        if (top is null)
            return null;

        string? name = top.String("name");
        string? board = top.String("board");
        KernelDescription? kernel = top.Table("kernel", required: true) is TomlTable kernelTable
            ? ParseKernel(top.Nested(kernelTable, "kernel", "kernel"))
            : null;
        var endpoints = ParseObjectNames(top, "endpoints", "endpoint", readSettings: null);
        var tickSignals = new List<TickSignalDescription>();
        var notifications = ParseObjectNames(top, "notifications", "notification", (settings, notification) =>
        {
            if (ParseTickSignal(settings, notification) is TickSignalDescription tickSignal)
                tickSignals.Add(tickSignal);
        });
        var tasks = new List<TaskDescription>();
        if (top.Table("tasks") is TomlTable tasksTable)
        {
            foreach (var (taskName, taskTable) in top.Nested(tasksTable, "tasks", "tasks").NamedTables())
                tasks.Add(ParseTask(top.Nested(taskTable, $"task '{taskName}'", "tasks", taskName), taskName));
        }
        top.RejectUnknownFields();
        return new AppDescription(tomlPath, top.Source, name, board, kernel, endpoints, notifications, tickSignals, tasks);
    }

    private static KernelDescription ParseKernel(TomlTableReader kernel)
    {
        var description = new KernelDescription(
            Flash: kernel.Integer("flash"),
            Ram: kernel.Integer("ram"),
            Stack: kernel.Integer("stack"),
            TickHz: kernel.Integer("tick-hz", required: false) ?? DefaultTickHz,
            TimeSliceTicks: kernel.Integer("time-slice-ticks", required: false) ?? DefaultTimeSliceTicks,
            UnprivilegedIrqTrigger: kernel.Boolean("unprivileged-irq-trigger", required: false) ?? false,
            DebugInvariants: kernel.Boolean("debug-invariants", required: false) ?? false);
        kernel.RejectUnknownFields();
        return description;
    }

    // [endpoints] and [notifications]: kernel objects by name, each a table of the
    // settings `readSettings` reads (none for an endpoint: an empty table).
    private static IReadOnlyList<string> ParseObjectNames(TomlTableReader top, string section, string objectKind, Action<TomlTableReader, string>? readSettings)
    {
        var names = new List<string>();
        if (top.Table(section) is not TomlTable table)
            return names;
        foreach (var (name, settings) in top.Nested(table, section, section).NamedTables())
        {
            names.Add(name);
            var reader = top.Nested(settings, $"{objectKind} '{name}'", section, name);
            readSettings?.Invoke(reader, name);
            reader.RejectUnknownFields();
        }
        return names;
    }

    // A notification's tick signal, if it has `every-ticks`; its badge defaults to 1
    // so that `{ every-ticks = N }` alone wakes a waiter (a 0 badge would signal nothing).
    private static TickSignalDescription? ParseTickSignal(TomlTableReader notification, string name)
    {
        long? everyTicks = notification.Integer("every-ticks", required: false);
        long? badge = notification.Integer("badge", required: false);
        if (badge is not null && !notification.Has("every-ticks"))
            notification.ReportField("badge", "given without 'every-ticks' (only a tick signal has a badge)");
        return everyTicks is long period ? new TickSignalDescription(name, period, badge ?? DefaultSignalBadge) : null;
    }

    private static TaskDescription ParseTask(TomlTableReader task, string name)
    {
        var irqs = task.TableList("irqs")
            .Select((irq, index) => ParseIrq(task.Nested(irq, $"{task.Context}: irqs[{index}]", "irqs", index.ToString()), index))
            .ToList();
        var caps = new List<CapDescription>();
        if (task.Table("caps") is TomlTable capsTable)
        {
            var capsReader = task.Nested(capsTable, $"{task.Context}: caps", "caps");
            foreach (var (slotName, capTable) in capsReader.NamedTables())
                caps.Add(ParseCap(capsReader.Nested(capTable, $"{task.Context}: cap '{slotName}'", slotName), slotName, (uint)caps.Count + 1));
        }
        var description = new TaskDescription(
            Name: name,
            Project: task.String("project", required: false),
            Driver: task.String("driver", required: false),
            Priority: task.Integer("priority"),
            Stack: task.Integer("stack"),
            Flash: task.Integer("flash"),
            Ram: task.Integer("ram"),
            Peripherals: task.StringList("peripherals"),
            Irqs: irqs,
            FaultHandler: task.String("fault-handler", required: false),
            FaultBadge: task.Integer("fault-badge", required: false),
            BoundNotification: task.String("bound-notification", required: false),
            CapSlots: task.Integer("cap-slots", required: false) ?? DefaultCapSlots,
            Caps: caps,
            PlatformCalls: task.StringList("platform-calls"),
            TrustedPeripherals: task.StringList("trusted-peripherals"),
            Config: task.Table("config") is TomlTable config ? ParseDriverConfig(task.Nested(config, $"{task.Context}: config", "config"), config) : null,
            Console: task.String(ConsoleRoute.Field, required: false));
        // The task's program: a project of the application's, or one of Keel's drivers.
        if (task.Has("project") == task.Has("driver"))
            task.Report("needs exactly one of 'project' (the path of a task project of the application's) or 'driver' (one of Keel's driver tasks by name, e.g. driver = \"usart\")");
        task.RejectUnknownFields();
        return description;
    }

    // The driver's configuration: its named fields, and every other field a pin by
    // function (which functions the instance has is the board's pin table's to say).
    private static DriverConfigDescription ParseDriverConfig(TomlTableReader config, TomlTable table)
    {
        string? instance = config.String("instance");
        long? baud = config.Integer("baud", required: false);
        long? speed = config.Integer("speed", required: false);
        string? chipSelect = config.String("chip-select", required: false);
        var pins = new List<(string, string)>();
        foreach (string function in table.Keys.Where(key => key is not ("instance" or "baud" or "speed" or "chip-select")))
        {
            if (config.String(function) is string pin)
                pins.Add((function, pin));
        }
        config.RejectUnknownFields();
        return new DriverConfigDescription(instance, pins, baud, speed, chipSelect);
    }

    private static IrqDescription ParseIrq(TomlTableReader irq, int index)
    {
        var description = new IrqDescription(index, irq.Integer("irq"), irq.String("notification"), irq.Integer("badge", required: false) ?? DefaultSignalBadge);
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
                cap.ReportField("rights", $"unknown right '{right}'{Suggestions.DidYouMean(right, CapRightNames.All.Select(known => known.Name))} (expected read, write, grant or grant-reply)");
        }
        var description = new CapDescription(name, slot, kind, target as string, target as long?, rights, cap.Integer("badge", required: false));
        cap.RejectUnknownFields();
        return description;
    }
}
