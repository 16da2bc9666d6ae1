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
//   0x100 DebugWrite(r4 = UTF-16 text, r5 = length): print on the kernel's console,
//         each line begun with the caller's name (hal/ConsoleQueue.cs).
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
//         that memory, which must be one task's whole RAM window (InvalidArgument
//         otherwise), so a test can check that an attack left other tasks' memory as
//         it was. Never part of a window: the digest of a byte or two inverts to their
//         contents, a read of another task's RAM.
//   0x106 PendIrq(r4 = IRQ number): makes the interrupt pending, as its device would;
//         the IRQ must be one the system routes to the caller (its `irqs` in
//         app.toml), else InvalidArgument: another task's would forge its device.
//         The kernel then signals the caller's notification as for the device's own
//         interrupt. For tests on an emulator that does not model what a
//         board does with `unprivileged-irq-trigger` (Renode applies the MPU to an
//         unprivileged STIR write whatever CCR.USERSETMPEND says).
//   CheckInvariants, Digest and PendIrq exist only when the system description enables
//   them (`[kernel] debug-invariants = true`): otherwise they are InvalidArgument, as
//   for an unknown number, because they read memory, take time or raise interrupts
//   no product should let a task. They are answered by DebugPlatformCalls, which the
//   boot code hands the port only in such an image, so no other image holds their code.
// Unknown numbers in this range are InvalidArgument.
using Keel.Firmware.Boot;
using Keel.Hal;
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

        // `debugCalls`: the debug-only calls (DebugPlatformCalls), or DebugCalls.None.
        // `taskName`: a task's name from its index.
        public static void Handle(ref KernelState kernel, ref ThreadRegisters regs, TaskConfig[] tasks, int caller,
            DebugCalls* debugCalls, delegate*<uint, void> halt, delegate*<int, string> taskName)
        {
            PlatformCallNumber number = (PlatformCallNumber)regs.R11;
            bool exists = number <= PlatformCallNumber.FastpathCount || (debugCalls->Exist && number <= PlatformCallNumber.PendIrq);
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
            // The debug calls by one comparison, outside the switch: as cases of it they
            // made ILC test DebugWrite last (debug_write_256c: 12,607 -> 12,610
            // instructions); this way it costs 12,602.
            if (number >= PlatformCallNumber.CheckInvariants)
            {
                debugCalls->Handle(ref kernel, ref regs, tasks, caller);
                return;
            }
            switch (number)
            {
                case PlatformCallNumber.DebugWrite:
                    regs.Status = Write(regs.R4, regs.R5, ref tasks[caller], caller, taskName(caller));
                    break;
                case PlatformCallNumber.Halt:
                    halt(regs.R4);
                    break;
                case PlatformCallNumber.FastpathCount:
                    regs.Status = Error.Ok;
                    regs.R6 = kernel.FastpathHits;
                    break;
            }
        }

        private static Error Write(uint text, uint length, ref TaskConfig task, int caller, string name)
        {
            if (length > MaxDebugWriteChars)
                return Error.InvalidArgument;
            uint bytes = length * 2;
            if (!task.RamHolds(text, bytes) && !task.FlashHolds(text, bytes))
                return Error.InvalidArgument;
            Console.WriteFromTask(caller, name, (char*)text, (int)length);
            return Error.Ok;
        }
    }
}
