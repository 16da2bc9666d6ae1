// The system description as read from app.toml, before any check. A field the file
// leaves out or gets the wrong type is null here (the reader has already reported
// it), so the checker can still judge every other field and report all mistakes in one
// pass. Integers stay `long` until checked: a value out of range must be reported as
// written, not after a silent conversion.
namespace Keel.BuildTool.SystemDescription;

public sealed record AppDescription(
    string TomlPath,
    string? Name,
    string? Board,
    KernelDescription? Kernel,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<string> Notifications,
    IReadOnlyList<TaskDescription> Tasks);

public sealed record KernelDescription(long? Flash, long? Ram, long? Stack, long? TickHz, long? TimeSliceTicks);

public sealed record TaskDescription(
    string Name,
    string? Project,
    long? Priority,
    long? Stack,
    long? Flash,
    long? Ram,
    IReadOnlyList<string> Peripherals,
    IReadOnlyList<IrqDescription> Irqs,
    string? FaultHandler,
    IReadOnlyList<CapDescription> Caps);

public sealed record IrqDescription(int Index, long? Irq, string? Notification, long? Badge);

// A capability in a task's initial slot `Slot` (1-based, in declaration order).
// `Kind` is null when the entry names neither an endpoint nor a notification (or both).
public sealed record CapDescription(string Name, uint Slot, CapKind? Kind, string? Object, CapRights Rights, long? Badge)
{
    // "endpoint 'policy', write, grant-reply, badge 3", for generated comments and reports.
    public string Summary =>
        $"{Kind.ToString()!.ToLowerInvariant()} '{Object}', {CapRightNames.Describe(Rights)}" + (Badge is > 0 ? $", badge {Badge}" : "");
}

// Values as the kernel's boot tables encode them (CapConfig.Kind).
public enum CapKind : byte
{
    Endpoint = 1,
    Notification = 2,
}

// Values as the kernel's boot tables encode them (CapConfig.Rights).
[Flags]
public enum CapRights : byte
{
    None = 0,
    Read = 1 << 0,
    Write = 1 << 1,
    Grant = 1 << 2,
    GrantReply = 1 << 3,
}

// The spelling of rights in app.toml, for reading them and for writing them back in
// generated comments and reports.
public static class CapRightNames
{
    public static readonly IReadOnlyList<(string Name, CapRights Right)> All = new[]
    {
        ("read", CapRights.Read),
        ("write", CapRights.Write),
        ("grant", CapRights.Grant),
        ("grant-reply", CapRights.GrantReply),
    };

    public static CapRights? Parse(string name)
    {
        foreach (var (candidate, right) in All)
        {
            if (candidate == name)
                return right;
        }
        return null;
    }

    public static string Describe(CapRights rights) =>
        rights == CapRights.None ? "no rights" : string.Join(", ", All.Where(entry => rights.HasFlag(entry.Right)).Select(entry => entry.Name));
}
