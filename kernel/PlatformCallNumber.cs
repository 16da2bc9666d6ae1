// Platform-call numbers: the system calls from 0x100 up that the hardware layer
// answers itself (hal/Port/PlatformCalls.cs, docs/abi.md).
//
// A file of its own, with no dependency, so that the build tool compiles the very
// same numbers when it turns a system description's `platform-calls` into the kernel's
// TaskConfig.PlatformCalls bits: the two can never disagree.
namespace Keel.Kernel;

/// <summary>
/// Platform calls (r11 from 0x100): answered by the hardware layer, not by the
/// kernel's objects (docs/abi.md). Part of the ABI: never renumber.
/// </summary>
public enum PlatformCallNumber : uint
{
    First = 0x100,
    DebugWrite = 0x100,
    Halt = 0x101,
    Exit = 0x102,
    FastpathCount = 0x103,
    /// <summary>Debug images only: r5 = the number of kernel invariants that do not hold (Invariants.Check).</summary>
    CheckInvariants = 0x104,
    /// <summary>Debug images only: r5 = a digest of r5 bytes of task RAM from r4 (tests check that memory did not change).</summary>
    Digest = 0x105,
    /// <summary>Debug images only: pends interrupt r4, which must be routed to a task (tests raise interrupts where an unprivileged STIR is not modelled).</summary>
    PendIrq = 0x106,
}
