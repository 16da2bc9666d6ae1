// The debug-only platform calls (docs/abi.md): CheckInvariants, Digest and PendIrq,
// and the port's integrity check that CheckInvariants adds to the kernel's.
//
// Design: this code is in the port library, but no other code of the port names it.
// The only reference is the one the application's boot code (App/KernelMain.cs) makes
// when its generated SystemTables.DebugInvariants is true (`[kernel] debug-invariants`):
// it hands KernelPort.Start `DebugPlatformCalls.Entries`, and otherwise
// `DebugCalls.None`. That choice is a constant, so the C# compiler keeps only one arm,
// and ILC, which compiles only what is reachable, leaves the invariant checker
// (kernel/Invariants.cs), the digests and PendIrq out of every image without the
// option. Such an image answers the three numbers InvalidArgument, as for any unknown
// number (PlatformCalls.Handle).
using Keel.Firmware.Boot;
using Keel.Hal.Arm;
using Keel.Kernel;

namespace Keel.Port
{
    // What KernelPort needs of the debug calls: a step at the end of boot (the integrity
    // check's reference digest) and the handler. Both null: no debug calls.
    public unsafe struct DebugCalls
    {
        public delegate*<void> AtBoot;
        public delegate*<ref KernelState, ref ThreadRegisters, TaskConfig[], int, void> Handle;

        public static DebugCalls None => default;

        public bool Exist => Handle != null;
    }

    public static unsafe class DebugPlatformCalls
    {
        // The configuration digest (KernelPort.ConfigurationDigest) taken at boot.
        private static uint s_bootConfigurationDigest;

        public static DebugCalls Entries => new DebugCalls { AtBoot = &RecordConfiguration, Handle = &Handle };

        private static void RecordConfiguration() => s_bootConfigurationDigest = KernelPort.ConfigurationDigest();

        // A permitted call numbered CheckInvariants, Digest or PendIrq (PlatformCalls.Handle
        // has checked both).
        private static void Handle(ref KernelState kernel, ref ThreadRegisters regs, TaskConfig[] tasks, int caller)
        {
            switch ((PlatformCallNumber)regs.R11)
            {
                case PlatformCallNumber.CheckInvariants:
                    bool configurationChanged = KernelPort.ConfigurationDigest() != s_bootConfigurationDigest;
                    regs.R5 = (uint)Invariants.Check(ref kernel) + (configurationChanged ? 1u : 0u);
                    regs.Status = Error.Ok;
                    break;
                case PlatformCallNumber.Digest:
                    regs.Status = Digest(regs.R4, regs.R5, tasks, out regs.R5);
                    break;
                case PlatformCallNumber.PendIrq:
                    regs.Status = PendIrq(regs.R4, caller);
                    break;
            }
        }

        // Only an interrupt routed to the caller: another task's would forge its device.
        private static Error PendIrq(uint irq, int caller)
        {
            if (!KernelPort.RoutesIrqTo(irq, caller))
                return Error.InvalidArgument;
            Nvic.Pend(irq);
            return Error.Ok;
        }

        // Only over a task's whole RAM window: the digest of a part (a byte or two) inverts
        // to its contents, a read of another task's memory.
        private static Error Digest(uint start, uint length, TaskConfig[] tasks, out uint digest)
        {
            digest = 0;
            for (int i = 0; i < tasks.Length; i++)
            {
                if (start == tasks[i].RamBase && length == tasks[i].RamSize)
                {
                    digest = Fnv1a.Of((byte*)start, length);
                    return Error.Ok;
                }
            }
            return Error.InvalidArgument;
        }
    }

    // FNV-1a, 32 bits: a digest to compare memory before and after, not a secret.
    public static unsafe class Fnv1a
    {
        public const uint Basis = 2166136261;
        private const uint Prime = 16777619;

        public static uint Of(byte* start, uint length, uint digest = Basis)
        {
            for (uint i = 0; i < length; i++)
                digest = (digest ^ start[i]) * Prime;
            return digest;
        }
    }
}
