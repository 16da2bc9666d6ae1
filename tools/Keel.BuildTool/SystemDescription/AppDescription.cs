// The system description as read from app.toml, before any check. A field the file
// leaves out or gets the wrong type is null here (the reader has already reported
// it), so the checker can still judge every other field and report all mistakes in one
// pass. Integers stay `long` until checked: a value out of range must be reported as
// written, not after a silent conversion. `Source` places the checker's errors in the file.
using Keel.Kernel;

namespace Keel.BuildTool.SystemDescription;

public sealed record AppDescription(
    string TomlPath,
    SourceMap Source,
    string? Name,
    string? Board,
    KernelDescription? Kernel,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<string> Notifications,
    IReadOnlyList<TickSignalDescription> TickSignals,
    IReadOnlyList<TaskDescription> Tasks);

public sealed record KernelDescription(long? Flash, long? Ram, long? Stack, long? TickHz, long? TimeSliceTicks, bool? UnprivilegedIrqTrigger,
    bool? DebugInvariants);

// A notification the kernel signals with `Badge` every `EveryTicks` ticks (its
// `every-ticks` and `badge` in [notifications]).
public sealed record TickSignalDescription(string Notification, long EveryTicks, long Badge);

public sealed record TaskDescription(
    string Name,
    string? Project,
    string? Driver,
    long? Priority,
    long? Stack,
    long? Flash,
    long? Ram,
    IReadOnlyList<string> Peripherals,
    IReadOnlyList<IrqDescription> Irqs,
    string? FaultHandler,
    long? FaultBadge,
    string? BoundNotification,
    long? CapSlots,
    IReadOnlyList<CapDescription> Caps,
    IReadOnlyList<string> PlatformCalls,
    IReadOnlyList<string> TrustedPeripherals,
    DriverConfigDescription? Config = null,
    DriverConfiguration? ResolvedConfig = null,
    string? Console = null);

// A driver task's `[tasks.<name>.config]` as written (docs/system-description.md):
// which instance, and its pins by function (`tx = "PA9"`); `Pins` holds every other
// string field, judged against the instance's functions by DriverConfigChecker.
public sealed record DriverConfigDescription(string? Instance, IReadOnlyList<(string Function, string Pin)> Pins, long? Baud, long? Speed, string? ChipSelect);

// A platform call (docs/abi.md) a task may be allowed in `platform-calls`. DebugOnly
// calls exist only in an image with `[kernel] debug-invariants = true`.
public sealed record PlatformCall(string Name, PlatformCallNumber Number, bool DebugOnly)
{
    // Its bit in TaskConfig.PlatformCalls: bit n allows number 0x100 + n.
    public uint Bit => 1u << (int)(Number - PlatformCallNumber.First);
}

// The platform calls a description may name, with the kernel's numbers for them
// (kernel/PlatformCallNumber.cs, compiled into this tool). DebugWrite and Exit are
// every task's and are not listed.
public static class PlatformCallNames
{
    // Ends the run; a test application's test task is the one task granted it.
    public const string Halt = "halt";

    public static readonly IReadOnlyList<PlatformCall> All =
    [
        new(Halt, PlatformCallNumber.Halt, DebugOnly: false),
        new("fastpath-count", PlatformCallNumber.FastpathCount, DebugOnly: false),
        new("check-invariants", PlatformCallNumber.CheckInvariants, DebugOnly: true),
        new("digest", PlatformCallNumber.Digest, DebugOnly: true),
        new("pend-irq", PlatformCallNumber.PendIrq, DebugOnly: true),
    ];

    public static PlatformCall? Find(string name) => All.FirstOrDefault(call => call.Name == name);

    // TaskConfig.PlatformCalls of a task whose `platform-calls` passed the checks.
    public static uint Mask(IEnumerable<string> names) => names.Aggregate(0u, (mask, name) => mask | Find(name)!.Bit);
}

public sealed record IrqDescription(int Index, long? Irq, string? Notification, long? Badge);

// A capability in a task's initial slot `Slot` (1-based, in declaration order).
// `Kind` is null when the entry does not name exactly one object. `Object` is the
// endpoint, notification or task the cap names, `Irq` the interrupt of an irq cap.
// `Badge` is null when the entry gives none (the tables then hold 0, unbadged): only
// endpoint and notification caps may give one.
public sealed record CapDescription(string Name, uint Slot, CapKind? Kind, string? Object, long? Irq, CapRights Rights, long? Badge)
{
    // "endpoint 'policy', write, grant-reply, badge 3" or "irq 38, write", for
    // generated comments and reports.
    public string Summary =>
        (Kind == CapKind.IrqHandler ? $"irq {Irq}" : $"{CapKindNames.Field(Kind!.Value)} '{Object}'")
        + $", {CapRightNames.Describe(Rights)}" + (Badge is > 0 ? $", badge {Badge}" : "");
}

// Values as the kernel's boot tables encode them (CapConfig.Kind = the kernel's CapType).
public enum CapKind : byte
{
    Endpoint = 1,
    Notification = 2,
    Thread = 4,
    IrqHandler = 5,
}

// The field of a cap entry in app.toml that gives each kind and names its object.
public static class CapKindNames
{
    public static readonly IReadOnlyList<(string Field, CapKind Kind)> All = new[]
    {
        ("endpoint", CapKind.Endpoint),
        ("notification", CapKind.Notification),
        ("thread", CapKind.Thread),
        ("irq", CapKind.IrqHandler),
    };

    public static string Field(CapKind kind) => All.First(entry => entry.Kind == kind).Field;
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
