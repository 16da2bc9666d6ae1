// Capabilities: the only way a thread can name a kernel object.
//
// Design: a capability is a small value (type, object index, rights, badge)
// stored in a CSpace slot. It holds an index into one of the kernel's fixed
// pools rather than a pointer, so a whole CSpace is plain data that the boot
// code can lay down at compile time and the host tests can compare byte for
// byte. Rights are bit flags, so diminishing is an AND and "rights never grow"
// reduces to "no code path ORs a right into an existing capability"
// (CSpace.Derive is the only place that builds one capability from another).
//
// Reply capabilities reuse the same shape: the object is the calling thread.
// There is at most one per Call and the caller's TCB records where it lies
// (Reply.cs), so it is removed, never left dead, when the Call ends.

using System.Runtime.InteropServices;

namespace Keel.Kernel;

public enum CapType : byte
{
    Null = 0,
    Endpoint = 1,
    Notification = 2,
    Reply = 3,
    Thread = 4,
    IrqHandler = 5,
}

/// <summary>Rights, as bit flags. A right is never added to a capability once it exists.</summary>
public enum Rights : byte
{
    None = 0,
    /// <summary>Receive on an endpoint; Wait or Poll on a notification.</summary>
    Read = 1,
    /// <summary>Send or Call on an endpoint; Signal a notification; invoke a thread or IRQ capability.</summary>
    Write = 2,
    /// <summary>Transfer capabilities with a message; a Call through it also yields a reply capability.</summary>
    Grant = 4,
    /// <summary>A Call through it yields a reply capability, but carries no capabilities.</summary>
    GrantReply = 8,
    All = Read | Write | Grant | GrantReply,
}

[StructLayout(LayoutKind.Sequential)]
public struct Capability
{
    public CapType Type;
    public Rights Rights;

    /// <summary>Index of the object in its pool (for Reply: the calling thread; for IrqHandler: the IRQ number).</summary>
    public int Object;

    /// <summary>Endpoint and notification capabilities only; zero means unbadged. At most MaxBadge.</summary>
    public uint Badge;

    /// <summary>
    /// The widest badge, 28 bits: Mint refuses a wider one, and the build (which compiles
    /// this file too) the same in a system description, so a badge means one thing everywhere.
    /// </summary>
    public const uint MaxBadge = (1u << 28) - 1;

    public readonly bool IsEmpty => Type == CapType.Null;

    public readonly bool Has(Rights rights) => (Rights & rights) == rights;

    public readonly bool HasAny(Rights rights) => (Rights & rights) != Rights.None;

    public static Capability Create(CapType type, int obj, Rights rights, uint badge)
    {
        Capability cap = default;
        cap.Type = type;
        cap.Object = obj;
        cap.Rights = rights;
        cap.Badge = badge;
        return cap;
    }
}
