// Platform calls: system calls numbered from 0x100 that the port answers itself,
// because they are about the board rather than about kernel objects.
//
// Design: a platform call is authority like a capability is, but over the whole
// system rather than over one object, so the system description grants each one to
// the tasks that need it (`platform-calls`, TaskConfig.PlatformCalls) and every
// other caller gets NotPermitted, with nothing done. Only the two calls that touch
// nothing but the caller are every task's: DebugWrite (the caller's own text on the
// console; the console is a debugging aid shared by all tasks, like their priority
// levels) and Exit (the caller stops itself, as blocking forever would).
//   0x100 DebugWrite(r4 = UTF-16 text, r5 = length): print on the kernel's console.
//         The text must lie inside the caller's own flash or RAM window; otherwise
//         nothing is printed and the status is InvalidArgument. The text is queued
//         (hal/Console.cs), never waited for: when the console's queue has no room
//         for all of it outside the kernel's share, it is dropped and the console
//         marks the gap. The status is Ok either way: the queue is shared by every
//         task, so a status that said "dropped" would tell the caller how much other
//         tasks have written, a channel between tasks that share no capability.
//   0x101 Halt(r4 = status): end the run (an emulator exits with the status). For
//         test, benchmark and demo images.
//   0x102 Exit: the task is finished (its entry point returned); the kernel stops
//         its thread until something restarts it. Handled by KernelPort, because it
//         changes the kernel's state.
//   0x103 FastpathCount: r6 = the IPCs the kernel's fastpath has completed since
//         boot (the benchmark shows it). A count over every task's IPC, so a task
//         that may read it learns about tasks it shares nothing with.
//   0x104 CheckInvariants: r4 = Ok and r5 = the number of kernel invariants that do
//         not hold (kernel/Invariants.cs, plus one if the port's boot configuration
//         changed since boot), for test images that attack the kernel.
//   0x105 Digest(r4 = address, r5 = length in bytes): r4 = Ok and r5 = a digest of
//         that memory, which must lie inside one task's RAM window (InvalidArgument
//         otherwise), so a test can check that an attack left other tasks' memory as
//         it was.
//   0x106 PendIrq(r4 = IRQ number): makes the interrupt pending, as its device would;
//         the IRQ must be one the system routes to a task (`irqs` in app.toml), else
//         InvalidArgument. The kernel then signals that task's notification as for the
//         device's own interrupt. For tests on an emulator that does not model what a
//         board does with `unprivileged-irq-trigger` (Renode applies the MPU to an
//         unprivileged STIR write whatever CCR.USERSETMPEND says).
//   CheckInvariants, Digest and PendIrq exist only when the system description enables
//   them (`[kernel] debug-invariants = true`): otherwise they are InvalidArgument, as
//   for an unknown number, because they read memory, take time or raise interrupts
//   no product should let a task.
// Unknown numbers in this range are InvalidArgument.
using Keel.Firmware.Boot;
using Keel.Hal;
using Keel.Hal.Arm;
using Keel.Kernel;

namespace Keel.Port
{
    public static unsafe class PlatformCalls
    {
        public const uint MaxDebugWriteChars = 256;

        // The calls no description needs to grant (see above).
        private const uint EveryTasksCalls = (1u << (int)(PlatformCallNumber.DebugWrite - PlatformCallNumber.First))
            | (1u << (int)(PlatformCallNumber.Exit - PlatformCallNumber.First));

        private static bool Permitted(PlatformCallNumber number, ref TaskConfig task) =>
            ((task.PlatformCalls | EveryTasksCalls) & (1u << (int)(number - PlatformCallNumber.First))) != 0;

        // `configurationChanged`: the port's own integrity check (KernelPort), added to
        // the kernel's invariants; run only for a permitted CheckInvariants.
        public static void Handle(ref KernelState kernel, ref ThreadRegisters regs, TaskConfig[] tasks, int caller, bool debugInvariants,
            delegate*<bool> configurationChanged, delegate*<uint, void> halt)
        {
            PlatformCallNumber number = (PlatformCallNumber)regs.R11;
            bool exists = number <= PlatformCallNumber.FastpathCount || (debugInvariants && number <= PlatformCallNumber.PendIrq);
            if (!exists)
            {
                regs.Status = Error.InvalidArgument;
                return;
            }
            if (!Permitted(number, ref tasks[caller]))
            {
                regs.Status = Error.NotPermitted;
                return;
            }
            switch (number)
            {
                case PlatformCallNumber.DebugWrite:
                    regs.Status = Write(regs.R4, regs.R5, ref tasks[caller]);
                    break;
                case PlatformCallNumber.Halt:
                    halt(regs.R4);
                    break;
                case PlatformCallNumber.FastpathCount:
                    regs.Status = Error.Ok;
                    regs.R6 = kernel.FastpathHits;
                    break;
                case PlatformCallNumber.CheckInvariants:
                    regs.R5 = (uint)Invariants.Check(ref kernel) + (configurationChanged() ? 1u : 0u);
                    regs.Status = Error.Ok;
                    break;
                case PlatformCallNumber.Digest:
                    regs.Status = Digest(regs.R4, regs.R5, tasks, out regs.R5);
                    break;
                case PlatformCallNumber.PendIrq:
                    regs.Status = PendIrq(ref kernel, regs.R4);
                    break;
            }
        }

        private static Error PendIrq(ref KernelState kernel, uint irq)
        {
            if (irq >= (uint)kernel.IrqBindings.Length || kernel.IrqBindings[irq].Badge == 0)
                return Error.InvalidArgument;
            Nvic.Pend(irq);
            return Error.Ok;
        }

        private static Error Write(uint text, uint length, ref TaskConfig task)
        {
            if (length > MaxDebugWriteChars)
                return Error.InvalidArgument;
            uint bytes = length * 2;
            if (!task.RamHolds(text, bytes) && !task.FlashHolds(text, bytes))
                return Error.InvalidArgument;
            Console.WriteFromTask((char*)text, (int)length);
            return Error.Ok;
        }

        private static Error Digest(uint start, uint length, TaskConfig[] tasks, out uint digest)
        {
            digest = 0;
            for (int i = 0; i < tasks.Length; i++)
            {
                if (tasks[i].RamHolds(start, length))
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
