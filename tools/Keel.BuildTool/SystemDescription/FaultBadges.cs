// Fault badges: the badge a task's fault messages carry, which tells its fault handler
// which task faulted. The kernel holds a task's fault-handler capability itself (no
// CSpace has it) and marks the fault messages it writes (docs/ipc.md, rule 14), so the
// badge is not what proves a fault; it only has to name the task, so it is unique among
// the badges on that endpoint: the other tasks' fault badges and those the description
// gives caps to it. A task's `fault-badge` is its badge (AppChecker refuses one that is
// 0 or collides); without one the build gives it the smallest badge still free there,
// in task order, and every task's Caps.g.cs names it (FaultBadges.<Task>).
namespace Keel.BuildTool.SystemDescription;

public static class FaultBadges
{
    // The fault badge of every task with a fault handler, by task name, for a
    // description that passed the checks.
    public static IReadOnlyDictionary<string, uint> Assign(AppDescription app)
    {
        var badges = new Dictionary<string, uint>();
        foreach (var handled in app.Tasks.Where(task => task.FaultHandler is not null).GroupBy(task => task.FaultHandler!))
        {
            var used = CapBadges(app, handled.Key).Select(cap => cap.Badge)
                .Concat(handled.Select(task => task.FaultBadge ?? 0)).ToHashSet();
            long free = 1;
            foreach (var task in handled)
            {
                if (task.FaultBadge is not long badge)
                {
                    while (used.Contains(free))
                        free++;
                    badge = free++;
                }
                badges.Add(task.Name, (uint)badge);
            }
        }
        return badges;
    }

    // The badged caps the description gives to `endpoint`, with the task holding each.
    public static IEnumerable<(string Task, string Cap, long Badge)> CapBadges(AppDescription app, string endpoint) =>
        app.Tasks.SelectMany(task => task.Caps
            .Where(cap => cap.Kind == CapKind.Endpoint && cap.Object == endpoint && cap.Badge is > 0)
            .Select(cap => (task.Name, cap.Name, cap.Badge!.Value)));
}
