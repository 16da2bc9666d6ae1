// Platform calls: system calls numbered from 0x100 that the port answers itself,
// because they are about the board rather than about kernel objects.
//   0x100 DebugWrite(r4 = UTF-16 text, r5 = length): print on the kernel's console.
//         The text must lie inside the caller's own flash or RAM window; otherwise
//         nothing is printed and the status is InvalidArgument.
//   0x101 Halt(r4 = status): end the run (an emulator exits with the status). For
//         test, benchmark and demo images.
//   0x102 Exit: the task is finished (its entry point returned); the kernel stops
//         its thread until something restarts it. Handled by KernelPort, because it
//         changes the kernel's state.
//   0x103 FastpathCount: r6 = the IPCs the kernel's fastpath has completed since
//         boot (the benchmark shows it). Handled by KernelPort, which holds the
//         kernel's state.
//   0x104 CheckInvariants: r4 = Ok and r5 = the number of kernel invariants that do
//         not hold (kernel/Invariants.cs), for test images that attack the kernel. Only
//         when the system description enables it (`[kernel] debug-invariants = true`):
//         otherwise InvalidArgument, as for an unknown number, because the check reads
//         the whole kernel state and takes time no product should let a task spend.
// Unknown numbers in this range are InvalidArgument.
using Keel.Firmware.Boot;
using Keel.Hal;
using Keel.Kernel;

namespace Keel.Port
{
    public static unsafe class PlatformCalls
    {
        public const uint MaxDebugWriteChars = 256;

        public static void Handle(ref KernelState kernel, ref ThreadRegisters regs, ref TaskConfig task, bool debugInvariants,
            delegate*<uint, void> halt)
        {
            switch ((PlatformCallNumber)regs.R11)
            {
                case PlatformCallNumber.DebugWrite:
                    regs.Status = Write(regs.R4, regs.R5, ref task);
                    break;
                case PlatformCallNumber.Halt:
                    halt(regs.R4);
                    break;
                case PlatformCallNumber.CheckInvariants when debugInvariants:
                    regs.R5 = (uint)Invariants.Check(ref kernel);
                    regs.Status = Error.Ok;
                    break;
                default:
                    regs.Status = Error.InvalidArgument;
                    break;
            }
        }

        private static Error Write(uint text, uint length, ref TaskConfig task)
        {
            if (length > MaxDebugWriteChars)
                return Error.InvalidArgument;
            uint bytes = length * 2;
            if (!Within(text, bytes, task.RamBase, task.RamSize) && !Within(text, bytes, task.FlashBase, task.FlashSize))
                return Error.InvalidArgument;
            Console.Write((char*)text, (int)length);
            return Error.Ok;
        }

        private static bool Within(uint start, uint length, uint windowBase, uint windowSize) =>
            start >= windowBase && start - windowBase <= windowSize && length <= windowSize - (start - windowBase);
    }
}
