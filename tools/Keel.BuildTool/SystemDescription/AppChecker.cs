// The rules a system description must follow before the build lays it out: values in
// range, sizes the MPU can protect, references (peripherals, notifications, endpoints,
// capability slots) that resolve, and resources (interrupts, MPU regions) not
// over-committed. Each rule reports in the form "<section>: field '<field>': <problem>",
// at the field's key in the file (Section), and the checker never stops early, so one build lists every mistake. Whether the
// whole system fits the board's memory depends on the layout and is checked there;
// whether its grants of peripherals keep the tasks isolated is IsolationChecker's
// concern, on that layout.
using System.Numerics;
using Keel.Hal.Arm;

namespace Keel.BuildTool.SystemDescription;

public static class AppChecker
{
    public const int LowestPriority = 31;
    public const long MinimumTaskRegion = 1024;
    public const long StackAlignment = 8;
    public const long MaxBadge = Keel.Kernel.Capability.MaxBadge;
    // Every slot of every CSpace is a Capability in the kernel's slot pool, in kernel
    // RAM: the bound catches a typo (8000) before it eats that RAM.
    public const int MaxCapSlots = 255;

    // Null when the board itself cannot be used (already reported). `boardOverride`
    // (the command's --board) replaces the description's `board`; a problem with it is
    // still reported against that field, but says where the name came from, since the
    // file names another board.
    // `drivers` is where a task's `driver` is found (null: the caller has no drivers,
    // so a task naming one is an error).
    public static BoardDescription? Check(AppDescription app, BoardSearch boards, DiagnosticBag diagnostics, string? boardOverride = null, DriverSearch? drivers = null)
    {
        var top = new Section(AppDescriptionParser.TopLevel, [], app.Source, diagnostics.For(app.TomlPath));
        string? boardName = boardOverride ?? app.Board;
        string origin = boardOverride is null ? "" : "given by --board: ";
        var board = boardName is null
            ? null
            : BoardDescription.Load(boards, boardName, problem => top.Field("board", origin + problem), diagnostics);

        if (app.Kernel is not null)
            CheckKernel(app.Kernel, KernelSection(top));
        CheckObjectNames(app, top);
        CheckTickSignals(app, top);
        if (app.Tasks.Count == 0)
            top.Problem("no tasks (add at least one [tasks.<name>] section)");
        CheckNamesDistinct(app.Tasks.Select(task => task.Name), name => TaskSection(top, name), ReservedTaskIdentifiers);

        var irqOwners = new Dictionary<long, string>();
        var boundTasks = new Dictionary<string, string>();
        foreach (var task in app.Tasks)
            CheckTask(app, board, drivers, task, TaskSection(top, task.Name), irqOwners, boundTasks);
        CheckFaultBadges(app, top);
        return board;
    }

    // The section [kernel] of the description `top` is the top level of.
    public static Section KernelSection(Section top) => top.Nested("kernel", "kernel");

    // The section [tasks.<name>] of the description `top` is the top level of.
    public static Section TaskSection(Section top, string name) => top.Nested($"task '{name}'", "tasks", name);

    private static void CheckKernel(KernelDescription kernel, Section section)
    {
        Action<string, string> field = section.Field;
        CheckRange(field, "flash", kernel.Flash, 1, uint.MaxValue);
        CheckRange(field, "ram", kernel.Ram, 1, uint.MaxValue);
        if (CheckStackSize(field, kernel.Stack) && kernel.Ram is long ram && kernel.Stack > ram)
            field("stack", $"{kernel.Stack} is larger than the kernel's ram ({ram})");
        CheckRange(field, "tick-hz", kernel.TickHz, 1, uint.MaxValue);
        CheckRange(field, "time-slice-ticks", kernel.TimeSliceTicks, 1, uint.MaxValue);
    }

    // The kernel counts each period down once per tick, and a signal with badge 0
    // would wake nobody.
    private static void CheckTickSignals(AppDescription app, Section top)
    {
        foreach (var tickSignal in app.TickSignals)
        {
            Action<string, string> field = top.Nested($"notification '{tickSignal.Notification}'", "notifications", tickSignal.Notification).Field;
            CheckRange(field, "every-ticks", tickSignal.EveryTicks, 1, uint.MaxValue);
            CheckRange(field, "badge", tickSignal.Badge, 1, MaxBadge);
        }
    }

    private static void CheckObjectNames(AppDescription app, Section top)
    {
        foreach (string name in app.Endpoints.Where(name => !Identifiers.IsValidName(name)))
            top.Nested($"endpoint '{name}'", "endpoints", name).Problem(Identifiers.NameRule);
        foreach (string name in app.Notifications.Where(name => !Identifiers.IsValidName(name)))
            top.Nested($"notification '{name}'", "notifications", name).Problem(Identifiers.NameRule);
        foreach (string name in app.Notifications.Intersect(app.Endpoints))
            top.Nested($"notification '{name}'", "notifications", name).Problem("an endpoint has the same name");
    }

    private static void CheckTask(AppDescription app, BoardDescription? board, DriverSearch? drivers, TaskDescription task, Section section, Dictionary<long, string> irqOwners, Dictionary<string, string> boundTasks)
    {
        Action<string, string> field = section.Field;
        if (!Identifiers.IsValidName(task.Name))
            section.Problem(Identifiers.NameRule);
        if (task.Name == Identifiers.KernelConsoleName)
            section.Problem(Identifiers.KernelConsoleNameRule);
        if (task.Project is not null && !File.Exists(Path.Combine(Path.GetDirectoryName(app.TomlPath)!, task.Project)))
            field("project", $"{task.Project} does not exist");
        if (task.Driver is not null && drivers is null)
            field("driver", $"names Keel's driver '{task.Driver}', but this build was given no drivers folder (Keel.BuildTool system --drivers <dir>)");
        else if (task.Driver is not null && drivers!.FindProject(task.Driver) is null)
            field("driver", $"Keel has no driver '{task.Driver}' (its drivers: {string.Join(", ", drivers.Known)})");
        CheckRange(field, "priority", task.Priority, 0, LowestPriority);
        CheckTaskRegionSize(field, "flash", task.Flash);
        CheckTaskRegionSize(field, "ram", task.Ram);
        // The task's RAM window starts with its stack and the IPC buffer (tasks.ld);
        // data and bss, which only the link knows, must fit after them too (ld checks).
        if (CheckStackSize(field, task.Stack) && task.Ram is long ram && task.Stack + TaskSectionsWriter.IpcBufferBytes > ram)
            field("stack", $"{task.Stack} bytes of stack and the {TaskSectionsWriter.IpcBufferBytes}-byte IPC buffer do not fit in {ram} bytes of ram");
        if (board is not null)
            CheckPeripherals(board, task, section);
        foreach (var irq in task.Irqs)
            CheckIrq(app, board, irq, section.Nested($"{section.Context}: irqs[{irq.Index}]", "irqs", irq.Index.ToString()), irqOwners, task.Name);
        CheckCaps(app, task, section);
        CheckCapSlots(task, field);
        CheckFaultHandler(app, task, field);
        CheckBoundNotification(app, task, boundTasks, field);
        CheckPlatformCalls(app, task, field);
    }

    private static void CheckPlatformCalls(AppDescription app, TaskDescription task, Action<string, string> field)
    {
        var allowed = new HashSet<string>();
        foreach (string name in task.PlatformCalls)
        {
            if (PlatformCallNames.Find(name) is not PlatformCall call)
                field("platform-calls", $"no platform call '{name}'{Suggestions.DidYouMean(name, PlatformCallNames.All.Select(candidate => candidate.Name))} (the calls a task may be allowed: {string.Join(", ", PlatformCallNames.All.Select(candidate => candidate.Name))}; debug-write and exit are every task's)");
            else if (!allowed.Add(name))
                field("platform-calls", $"'{name}' is listed twice");
            else if (call.DebugOnly && app.Kernel?.DebugInvariants != true)
                field("platform-calls", $"'{name}' exists only in a debug image: it needs [kernel] debug-invariants = true");
        }
    }

    private static void CheckTaskRegionSize(Action<string, string> field, string name, long? size)
    {
        if (size is not long bytes)
            return;
        if (bytes <= 0 || !BitOperations.IsPow2(bytes))
            field(name, $"{bytes} is not a power of two");
        else if (bytes < MinimumTaskRegion)
            field(name, $"{bytes} is smaller than {MinimumTaskRegion}, the smallest task region");
        else if (bytes > uint.MaxValue)
            field(name, $"{bytes} is larger than the 32-bit address space");
    }

    // Whether a stack size is given and usable on its own (what must fit around it is
    // the caller's check).
    private static bool CheckStackSize(Action<string, string> field, long? stack)
    {
        if (stack is not long bytes)
            return false;
        if (bytes <= 0)
            field("stack", $"{bytes} is not positive");
        else if (bytes % StackAlignment != 0)
            field("stack", $"{bytes} is not a multiple of {StackAlignment}");
        else
            return true;
        return false;
    }

    private static void CheckPeripherals(BoardDescription board, TaskDescription task, Section section)
    {
        Action<string, string> field = section.Field;
        var granted = new HashSet<string>();
        foreach (string name in task.Peripherals)
        {
            if (board.FindPeripheral(name) is null)
                field("peripherals", $"board '{board.Name}' has no peripheral '{name}'{Suggestions.DidYouMean(name, board.Peripherals.Select(peripheral => peripheral.Name))}");
            else if (!granted.Add(name))
                field("peripherals", $"'{name}' is granted twice");
        }
        var trusted = new HashSet<string>();
        foreach (string name in task.TrustedPeripherals)
        {
            if (!task.Peripherals.Contains(name))
                field(IsolationChecker.TrustField, $"'{name}' is not in the task's peripherals{Suggestions.DidYouMean(name, task.Peripherals)}");
            else if (!trusted.Add(name))
                field(IsolationChecker.TrustField, $"'{name}' is listed twice");
        }
        int regions = 2 + task.Peripherals.Count;
        if (regions > MpuRegion.TaskRegionCount)
            section.ProblemAt("peripherals", $"needs {regions} MPU regions (flash, ram and {task.Peripherals.Count} peripherals) but a task has {MpuRegion.TaskRegionCount} (the MPU's {MpuRegion.RegionCount}, less the kernel's stack guard)");
    }

    private static void CheckIrq(AppDescription app, BoardDescription? board, IrqDescription irq, Section section, Dictionary<long, string> irqOwners, string taskName)
    {
        Action<string, string> field = section.Field;
        if (irq.Irq is long number)
        {
            if (board is not null && (number < 0 || number >= board.IrqCount))
                field("irq", $"{number} is out of range 0..{board.IrqCount - 1} (board '{board.Name}' has {board.IrqCount} interrupts)");
            else if (irqOwners.TryGetValue(number, out string? owner))
                section.ProblemAt("irq", $"irq {number} is already delivered to task '{owner}'");
            else
                irqOwners.Add(number, taskName);
        }
        if (irq.Notification is not null && !app.Notifications.Contains(irq.Notification))
            field("notification", NoNotification(app, irq.Notification));
        // Badge 0 is "not routed" to the kernel (IrqBinding): the interrupt would stay masked for good.
        CheckRange(field, "badge", irq.Badge, 1, MaxBadge);
    }

    public static Section CapSection(Section task, string name) => task.Nested($"{task.Context}: cap '{name}'", "caps", name);

    private static void CheckCaps(AppDescription app, TaskDescription task, Section section)
    {
        foreach (var cap in task.Caps)
        {
            var capSection = CapSection(section, cap.Name);
            Action<string, string> field = capSection.Field;
            if (!Identifiers.IsValidName(cap.Name))
                capSection.Problem(Identifiers.NameRule);
            switch (cap.Kind)
            {
                case CapKind.Endpoint when !app.Endpoints.Contains(cap.Object):
                    field("endpoint", $"no endpoint '{cap.Object}'{Suggestions.DidYouMean(cap.Object!, app.Endpoints)}");
                    break;
                case CapKind.Notification when !app.Notifications.Contains(cap.Object):
                    field("notification", NoNotification(app, cap.Object!));
                    break;
                case CapKind.Thread when !app.Tasks.Any(other => other.Name == cap.Object):
                    field("thread", $"no task '{cap.Object}'{Suggestions.DidYouMean(cap.Object!, app.Tasks.Select(other => other.Name))}");
                    break;
                // Acknowledging re-enables the interrupt at the NVIC: only the task it
                // is delivered to knows when its device has been serviced.
                case CapKind.IrqHandler when !task.Irqs.Any(irq => irq.Irq == cap.Irq):
                    field("irq", $"{cap.Irq} is not one of the task's irqs (a task may only acknowledge its own interrupts)");
                    break;
            }
            // A badge tells the receiver of a message or signal who sent it; a thread or
            // an irq cap sends nothing, so a badge there would be a mistake.
            if ((cap.Kind is CapKind.Thread or CapKind.IrqHandler) && cap.Badge is not null)
                field("badge", $"{CapKindNames.Field(cap.Kind.Value)} caps take no badge");
            else
                CheckRange(field, "badge", cap.Badge, 0, MaxBadge);
        }
        CheckNamesDistinct(task.Caps.Select(cap => cap.Name), name => CapSection(section, name), TaskCapsWriter.ReservedSlotIdentifiers);
    }

    // The task's CSpace: slot 0 always empty, then its initial caps in slots 1..n.
    private static void CheckCapSlots(TaskDescription task, Action<string, string> field)
    {
        CheckRange(field, "cap-slots", task.CapSlots, 1, MaxCapSlots);
        if (task.CapSlots is long slots && slots >= 1 && slots <= task.Caps.Count)
            field("cap-slots", $"{slots} slots cannot hold the empty slot 0 and {task.Caps.Count} caps (at least {task.Caps.Count + 1} needed)");
    }

    // The kernel sends a task's faults as a Call on this endpoint through a capability it
    // holds for the task, in no CSpace (docs/ipc.md, rule 14). A name that is no endpoint
    // but one of the task's endpoint caps is how fault handlers were given before: say
    // what to write now. (A task may hold a cap to the endpoint its faults go to, under
    // any name, for messages of its own: the kernel's fault mark tells them apart.)
    private static void CheckFaultHandler(AppDescription app, TaskDescription task, Action<string, string> field)
    {
        if (task.FaultHandler is null)
        {
            if (task.FaultBadge is not null)
                field("fault-badge", "is given without a fault-handler (the endpoint that receives the task's faults)");
            return;
        }
        if (!app.Endpoints.Contains(task.FaultHandler))
        {
            var cap = task.Caps.FirstOrDefault(cap => cap.Name == task.FaultHandler && cap.Kind == CapKind.Endpoint);
            field("fault-handler", cap is null
                ? $"no endpoint '{task.FaultHandler}'{Suggestions.DidYouMean(task.FaultHandler, app.Endpoints)} (fault-handler names an entry of [endpoints])"
                : $"names the task's cap '{cap.Name}', but the kernel now holds a task's fault capability itself, so that the task cannot send what its handler takes for a fault: write fault-handler = \"{cap.Object}\"{(cap.Badge is > 0 ? $" and fault-badge = {cap.Badge}" : "")}, and remove cap '{cap.Name}' unless the task sends through it (fault-handler names an entry of [endpoints])");
        }
        CheckRange(field, "fault-badge", task.FaultBadge, 1, MaxBadge);
    }

    // A fault badge tells the handler which task faulted (FaultBadges), so a badge given
    // in `fault-badge` may be no other badge on that endpoint: another task's fault
    // badge, or the badge of a cap to it.
    private static void CheckFaultBadges(AppDescription app, Section top)
    {
        var faultBadges = new Dictionary<(string Endpoint, long Badge), string>();
        foreach (var task in app.Tasks)
        {
            if (task.FaultHandler is not string endpoint || task.FaultBadge is not long badge || badge < 1 || badge > MaxBadge)
                continue;
            Action<string, string> field = TaskSection(top, task.Name).Field;
            if (faultBadges.TryGetValue((endpoint, badge), out string? other))
                field("fault-badge", $"{badge} is already the fault badge of task '{other}' on endpoint '{endpoint}': its handler could not tell their faults apart");
            else
                faultBadges.Add((endpoint, badge), task.Name);
            foreach (var (holder, cap, _) in FaultBadges.CapBadges(app, endpoint).Where(cap => cap.Badge == badge))
                field("fault-badge", $"{badge} is the badge of task '{holder}''s cap '{cap}' to endpoint '{endpoint}': give the fault badge or the cap another (or leave fault-badge out, and the build picks a free one)");
        }
    }

    // A notification has one bound thread (the kernel keeps one link each way), so
    // `boundTasks` (notification -> task) refuses a second.
    private static void CheckBoundNotification(AppDescription app, TaskDescription task, Dictionary<string, string> boundTasks, Action<string, string> field)
    {
        if (task.BoundNotification is not string notification)
            return;
        if (!app.Notifications.Contains(notification))
            field("bound-notification", NoNotification(app, notification));
        else if (boundTasks.TryGetValue(notification, out string? owner))
            field("bound-notification", $"notification '{notification}' is already bound to task '{owner}'");
        else
            boundTasks.Add(notification, task.Name);
    }

    // Task identifiers that generated code already uses next to the tasks' own.
    private static readonly IReadOnlyDictionary<string, string> ReservedTaskIdentifiers =
        SystemTablesWriter.ReservedTaskIdentifiers.Concat(TaskCapsWriter.ReservedTaskIdentifiers).ToDictionary();

    // Names that differ in the file but not in the identifiers generated from them, and
    // names whose identifiers clash with the generated code's own (`reserved`: the
    // identifier and what uses it). `sectionOf` gives the section a name opens.
    private static void CheckNamesDistinct(IEnumerable<string> names, Func<string, Section> sectionOf, IReadOnlyDictionary<string, string> reserved)
    {
        var byIdentifier = new Dictionary<string, string>();
        foreach (string name in names)
        {
            string identifier = Identifiers.Pascal(name);
            if (reserved.TryGetValue(identifier, out string? user))
                sectionOf(name).Problem($"name gives identifiers that clash with {user}");
            else if (byIdentifier.TryGetValue(identifier, out string? first))
                sectionOf(name).Problem($"name gives the same identifiers as '{first}'");
            else
                byIdentifier.Add(identifier, name);
        }
    }

    private static string NoNotification(AppDescription app, string name) => $"no notification '{name}'{Suggestions.DidYouMean(name, app.Notifications)}";

    private static void CheckRange(Action<string, string> field, string name, long? value, long minimum, long maximum)
    {
        if (value is long number && (number < minimum || number > maximum))
            field(name, $"{number} is out of range {minimum}..{maximum}");
    }
}
