// What `keel inspect` prints: the kernel's state (KernelSnapshot) in the names the
// application's app.toml gives (tasks, endpoints, notifications, capabilities), one view
// at a time, as columns of plain text (so that a view can be read in a log and compared
// in a test). Thread i is task i of the description, as the port starts them.
using System.Text;
using Keel.BuildTool.SystemDescription;

namespace Keel.Cli.Inspect;

public sealed class InspectViews(KernelSnapshot kernel, SystemLayout layout, KernelImage image, ITargetMemory memory)
{
    public static readonly string[] Names = ["tasks", "caps", "endpoints", "notifications", "stacks"];

    private const int NoThread = -1, NoSlot = -1;

    public IReadOnlyList<string> Show(string view) => view switch
    {
        "tasks" => Tasks(),
        "caps" => Caps(),
        "endpoints" => Endpoints(),
        "notifications" => Notifications(),
        "stacks" => Stacks(),
        _ => throw new ArgumentException($"no view {view}", nameof(view)),
    };

    // Each task's state, its priority as app.toml gives it, and a fault being reported.
    public IReadOnlyList<string> Tasks()
    {
        var rows = new List<string[]> { new[] { "task", "priority", "state" } };
        var faults = new List<string>();
        for (int thread = 0; thread < kernel.Threads.Count; thread++)
        {
            Fields tcb = kernel.Threads[thread];
            int priority = kernel.PriorityLevels - 1 - (int)tcb.U("Priority");
            rows.Add([Task(thread), priority.ToString(), State(thread)]);
            Fields fault = tcb.Part("Fault");
            if (fault.U("Kind") != 0)
                faults.Add($"{Task(thread)} faulted: {FaultKindName(fault)} at address 0x{fault.U("Address"):x8}, pc 0x{fault.U("Pc"):x8}, caller 0x{fault.U("ReturnAddress"):x8}");
        }
        return [.. Columns(rows), .. faults];
    }

    public string State(int thread)
    {
        Fields tcb = kernel.Threads[thread];
        Fields ipc = tcb.Part("Ipc");
        string kind = ipc.Name("Kind");
        bool faulting = tcb.Part("Fault").U("Kind") != 0;
        return tcb.Name("State") switch
        {
            "Runnable" => thread == kernel.Current ? "running" : tcb.Flag("RestartPending") ? "ready, to start afresh" : "ready",
            "Inactive" => tcb.Flag("RestartPending") ? "stopped (restarts when resumed)" : "stopped",
            "BlockedOnSend" when faulting => $"faulted: reporting to its fault handler on endpoint {Endpoint(ipc.I("Object"))}",
            "BlockedOnSend" => $"blocked in {kind} on endpoint {Endpoint(ipc.I("Object"))}",
            "BlockedOnReceive" => $"blocked in Recv on endpoint {Endpoint(ipc.I("Object"))}",
            "BlockedOnReply" when faulting => $"faulted: held by {ReplyHolder(tcb)}, which has not replied",
            "BlockedOnReply" => $"blocked in Call: waiting for the reply of {ReplyHolder(tcb)}",
            "BlockedOnNotification" => $"waiting on notification {Notification(ipc.I("Object"))}",
            string other => other,
        };
    }

    // Each task's capability slots that hold one: its app.toml name, kind, object, rights,
    // badge, and where it was derived from (Revoke of that deletes it).
    public IReadOnlyList<string> Caps()
    {
        var rows = new List<string[]> { new[] { "task", "slot", "name", "kind", "object", "rights", "badge", "derived from" } };
        for (int task = 0; task < kernel.CNodes.Count; task++)
        {
            int first = kernel.CNodes[task].I("FirstSlot");
            int count = kernel.CNodes[task].I("SlotCount");
            for (int index = 0; index < count; index++)
            {
                Fields slot = kernel.Slots[first + index];
                Fields cap = slot.Part("Cap");
                if (cap.Name("Type") == "Null")
                    continue;
                uint badge = cap.U("Badge");
                rows.Add([Task(task), index.ToString(), CapName(task, index), cap.Name("Type"), ObjectName(cap),
                    CapRightNames.Describe((CapRights)cap.U("Rights")), badge == 0 ? "" : badge.ToString(), Parent(first + index)]);
            }
        }
        return Columns(rows);
    }

    // Each endpoint's queue, in order: its senders or its receivers.
    public IReadOnlyList<string> Endpoints()
    {
        var rows = new List<string[]> { new[] { "endpoint", "queue" } };
        for (int endpoint = 0; endpoint < kernel.Endpoints.Count; endpoint++)
            rows.Add([Endpoint(endpoint), Queue(kernel.Endpoints[endpoint].Part("Queue"))]);
        return Columns(rows);
    }

    public IReadOnlyList<string> Notifications()
    {
        var rows = new List<string[]> { new[] { "notification", "word", "signalled", "waiting", "bound to" } };
        for (int notification = 0; notification < kernel.Notifications.Count; notification++)
        {
            Fields n = kernel.Notifications[notification];
            int bound = n.I("BoundThread");
            rows.Add([Notification(notification), $"0x{n.U("Word"):x8}", n.Flag("Signalled") ? "yes" : "no", Queue(n.Part("Waiters")),
                bound == NoThread ? "" : Task(bound)]);
        }
        return Columns(rows);
    }

    // How deep each task's stack has been since it last started: the words above the
    // lowest one still holding the port's paint (keel_stack_paint), against app.toml's stack.
    // The port paints a stack when it builds the task's first frame, so a task that has
    // not run since boot has none yet, and neither has a stack that overflowed.
    public IReadOnlyList<string> Stacks()
    {
        uint paint = image.Symbol(KernelImage.StackPaintSymbol)
            ?? throw new InvalidDataException($"the image has no symbol {KernelImage.StackPaintSymbol}: its stacks are not painted (rebuild it with this Keel)");
        var rows = new List<string[]> { new[] { "task", "stack", "used", "free", "" } };
        foreach (TaskLayout task in layout.Tasks)
        {
            int size = (int)task.Task.Stack!.Value;
            byte[] stack = memory.Read((uint)task.Ram.Base, size);
            int unused = 0;
            while (unused + 4 <= size && BitConverter.ToUInt32(stack, unused) == paint)
                unused += 4;
            int used = size - unused;
            var notes = new List<string>();
            if (unused == 0)
                notes.Add("no paint left: not started since boot, or overflowed");
            if (task.Index < kernel.Threads.Count && kernel.Threads[task.Index].Flag("RestartPending"))
                notes.Add("starts afresh when it next runs");
            rows.Add([task.Task.Name, size.ToString(), $"{used} ({used * 100 / size}%)", unused.ToString(), string.Join("; ", notes)]);
        }
        return Columns(rows);
    }

    private string Queue(Fields queue)
    {
        var members = new List<string>();
        for (int thread = queue.I("Head"); thread != NoThread && members.Count <= kernel.Threads.Count; thread = kernel.Threads[thread].I("Next"))
        {
            Fields tcb = kernel.Threads[thread];
            string how = tcb.Name("State") switch
            {
                "BlockedOnSend" => tcb.Part("Fault").U("Kind") != 0 ? "fault" : tcb.Part("Ipc").Name("Kind"),
                "BlockedOnReceive" => "Recv",
                _ => "Wait",
            };
            members.Add($"{Task(thread)} ({how})");
        }
        return string.Join(", ", members);
    }

    // Who holds the reply capability that answers a thread's Call: a thread whose caller
    // slot holds it, or the task whose CSpace slot does.
    private string ReplyHolder(Fields tcb)
    {
        int holder = tcb.I("ReplyHolder");
        if (holder != NoThread)
            return Task(holder);
        int slot = tcb.I("ReplySlot");
        return slot == NoSlot ? "nobody (the reply capability was deleted)" : $"{Task(SlotOwner(slot))} (slot {SlotIndex(slot)})";
    }

    private string Parent(int slot)
    {
        int depth = kernel.Slots[slot].I("Depth");
        if (depth == 0)
            return "";
        for (int previous = kernel.Slots[slot].I("Previous"); previous != NoSlot; previous = kernel.Slots[previous].I("Previous"))
        {
            if (kernel.Slots[previous].I("Depth") < depth)
                return $"{Task(SlotOwner(previous))} slot {SlotIndex(previous)}";
        }
        return "";
    }

    private int SlotOwner(int slot)
    {
        for (int task = 0; task < kernel.CNodes.Count; task++)
        {
            int first = kernel.CNodes[task].I("FirstSlot");
            if (slot >= first && slot < first + kernel.CNodes[task].I("SlotCount"))
                return task;
        }
        return NoThread;
    }

    private int SlotIndex(int slot) => slot - kernel.CNodes[SlotOwner(slot)].I("FirstSlot");

    private string CapName(int task, int index) =>
        task < layout.Tasks.Count ? layout.Tasks[task].Task.Caps.FirstOrDefault(cap => cap.Slot == index)?.Name ?? "" : "";

    private string ObjectName(Fields cap)
    {
        int obj = cap.I("Object");
        return cap.Name("Type") switch
        {
            "Endpoint" => Endpoint(obj),
            "Notification" => Notification(obj),
            "Thread" => Task(obj),
            "Reply" => $"reply to {Task(obj)}",
            "IrqHandler" => $"IRQ {obj}",
            _ => obj.ToString(),
        };
    }

    // The kernel's FaultKind as words: MemoryAccess is "memory access".
    private static string FaultKindName(Fields fault) =>
        string.Concat(fault.Name("Kind").Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private string Task(int thread) => thread == NoThread ? "none" : thread < layout.Tasks.Count ? layout.Tasks[thread].Task.Name : $"thread {thread}";

    private string Endpoint(int index) => index >= 0 && index < layout.App.Endpoints.Count ? layout.App.Endpoints[index] : $"#{index}";

    private string Notification(int index) => index >= 0 && index < layout.App.Notifications.Count ? layout.App.Notifications[index] : $"#{index}";

    // Rows as columns two spaces apart, the last one unpadded.
    private static IReadOnlyList<string> Columns(List<string[]> rows)
    {
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        return rows.Select(row =>
        {
            var line = new StringBuilder();
            for (int column = 0; column < row.Length; column++)
                line.Append(column == row.Length - 1 ? row[column] : row[column].PadRight(widths[column] + 2));
            return line.ToString().TrimEnd();
        }).ToArray();
    }
}
