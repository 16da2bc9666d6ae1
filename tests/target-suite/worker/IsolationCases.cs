// Cases about what the hardware enforces: the MPU matrix, interrupts delivered to
// notifications, and floating-point state across context switches.
//
// The MPU matrix. Each worker, in its own cases, reads and writes every other task's
// RAM and stack, the kernel's RAM, peripherals it was not given, and writes flash. Each
// attempt is one step: the worker announces the fault it expects (a memory-access fault
// at exactly that address), makes the access, and is restarted by the driver at the
// next step when the fault matched. An access that does not fault fails the case.
using System.Threading;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Suite
{
    public static unsafe partial class Cases
    {
        // Peripherals no worker is given (app.toml grants them tim2 only), at the same
        // address on both boards: TIM4 and USART2, the kernel's console.
        private const uint UngrantedTimer = 0x40000800;
        private const uint UngrantedConsole = 0x40004400;

        // TIM2's auto-reload register, which every worker is given.
        private const uint GrantedTimerReload = 0x40000000 + 0x2C;

        private static uint s_ownData = 0x5A5A5A5A;

        private static void Isolation(int kind, uint step)
        {
            if (kind == Catalogue.MpuOwnMemory)
            {
                OwnMemory();
                return;
            }
            // Flash is only written (reading one's own is allowed); every other target is
            // read at an even step and written at the next.
            bool writesOnly = kind == Catalogue.MpuFlashWrite;
            bool write = writesOnly || step % 2 == 1;
            uint address = Attempt(kind, writesOnly ? step : step / 2);
            if (address == 0)
                Report.Pass();
            Report.ExpectFault(FaultKind.MemoryAccess, address);
            if (write)
                Volatile.Write(ref *(uint*)address, 0xDEADBEEF);
            else
                Volatile.Read(ref *(uint*)address);
            Report.FailAt(write ? "a write that must fault did not" : "a read that must fault did not", address);
        }

        // The address of the `attempt`-th target of an MPU case, or 0 when it has none left.
        private static uint Attempt(int kind, uint attempt)
        {
            switch (kind)
            {
                case Catalogue.MpuOtherRam:
                case Catalogue.MpuOtherStack:
                    int other = OtherTask(attempt);
                    if (other < 0)
                        return 0;
                    uint ramBase = Windows.RamBase(other);
                    // The last word of the window (statics), or the top of the stack.
                    return kind == Catalogue.MpuOtherRam
                        ? ramBase + Windows.RamSize(other) - 4
                        : ramBase + Windows.StackSize(other) - 8;
                case Catalogue.MpuKernelRam:
                    return attempt switch
                    {
                        0 => Layout.KernelRamBase,
                        1 => Layout.KernelRamBase + Layout.KernelRamSize - 4,
                        _ => 0,
                    };
                case Catalogue.MpuPeripheral:
                    return attempt switch
                    {
                        0 => UngrantedTimer,
                        1 => UngrantedConsole,
                        _ => 0,
                    };
                default:
                    return attempt switch
                    {
                        0 => Windows.FlashBase(Layout.SelfIndex) + 0x100,
                        1 => Layout.KernelFlashBase + 0x100,
                        2 => Windows.FlashBase(OtherTask(0)) + 0x100,
                        _ => 0,
                    };
            }
        }

        // The `n`-th task other than this one, or -1 past the last.
        private static int OtherTask(uint n)
        {
            int task = (int)n < Layout.SelfIndex ? (int)n : (int)n + 1;
            return task < Windows.TaskCount ? task : -1;
        }

        private static void OwnMemory()
        {
            Volatile.Write(ref s_ownData, Volatile.Read(ref s_ownData) + 1);
            Check.Equal(Volatile.Read(ref s_ownData), 0x5A5A5A5B, "own statics");

            uint local = 0x1234;
            uint* onStack = &local;
            Volatile.Write(ref *onStack, 0x4321);
            Check.Equal(Volatile.Read(ref *onStack), 0x4321, "own stack");
            uint ramBase = Windows.RamBase(Layout.SelfIndex);
            Check.True((uint)onStack >= ramBase && (uint)onStack < ramBase + Windows.StackSize(Layout.SelfIndex), "the stack lies in its window");

            uint* flash = (uint*)Windows.FlashBase(Layout.SelfIndex);
            Check.True(Volatile.Read(ref *flash) != 0xFFFFFFFF, "own flash reads as code");

            uint* reload = (uint*)GrantedTimerReload;
            uint saved = Volatile.Read(ref *reload);
            Volatile.Write(ref *reload, 0x1234);
            Check.Equal(Volatile.Read(ref *reload), 0x1234, "the granted timer's register");
            Volatile.Write(ref *reload, saved);
            Report.Pass();
        }

        // Pends the worker's own interrupt from software: through the NVIC's STIR, as on
        // a board, or, on Renode, which applies the MPU to an unprivileged STIR write
        // whatever CCR.USERSETMPEND says, through the PendIrq platform call.
        private static void RaiseOwnIrq()
        {
            if (SuiteEmulator.IsRenode)
                Check.Ok(Interrupts.Pend(Worker.OwnIrq), "PendIrq");
            else
                Interrupts.Trigger(Worker.OwnIrq);
        }

        private static void IrqToNotification()
        {
            if (Self != Alpha)
                return;
            RaiseOwnIrq();
            uint word = Notifications.Wait(Caps.IrqNote, out Error status);
            Check.Ok(status, "Wait on the interrupt's notification");
            Check.Equal(word, 0x40 + Self, "the interrupt's badge");
            Check.Ok(Notifications.AcknowledgeIrq(Caps.Irq), "IrqAck");
            Report.Pass();
        }

        // Delivered once, the interrupt is masked: pending it again signals nothing
        // until IrqAck unmasks it, and then the pending interrupt is delivered.
        private static void IrqMaskedUntilAck()
        {
            if (Self != Beta)
                return;
            RaiseOwnIrq();
            Check.Equal(Notifications.Wait(Caps.IrqNote, out _), 0x40 + Self, "the first delivery");
            RaiseOwnIrq();
            Check.Equal(Notifications.Poll(Caps.IrqNote, out _), 0, "the word while masked");
            Check.Ok(Notifications.AcknowledgeIrq(Caps.Irq), "IrqAck");
            Check.Equal(Notifications.Poll(Caps.IrqNote, out _), 0x40 + Self, "the word after IrqAck");
            Report.Pass();
        }

        private static void IrqAckNeedsIrqCap()
        {
            if (Self != Alpha)
                return;
            Check.Status(Notifications.AcknowledgeIrq(Caps.Ep), Error.WrongType, "IrqAck through an endpoint cap");
            Check.Status(Notifications.AcknowledgeIrq(Free0), Error.EmptySlot, "IrqAck through an empty slot");
            Check.Ok(CSpaceOps.Copy(Caps.Irq, Free0), "Copy of the IRQ cap");
            Check.Ok(CSpaceOps.Mint(Caps.Irq, Free1, Rights.Read, 0), "Mint of the IRQ cap without Write");
            Check.Status(Notifications.AcknowledgeIrq(Free1), Error.MissingRight, "IrqAck without Write");
            Check.Ok(Notifications.AcknowledgeIrq(Free0), "IrqAck through the copy");
            Check.Status(Interrupts.Pend(Worker.OwnIrq + Workers.Count), Error.InvalidArgument, "PendIrq of an IRQ routed to no task");
            Report.Pass();
        }

        // Gamma and delta, of one priority, fill all 32 single-precision registers with
        // their own patterns and Yield to each other from inside the probe, many
        // times; each checks its registers after every switch.
        private static void FpuContextSurvivesSwitch()
        {
            const int rounds = 20;
            if (Self < Gamma)
                return;
            for (int round = 0; round < rounds; round++)
            {
                uint wrong = Probes.YieldKeepingFpu(Self * 0x01000000u + (uint)round * 0x100);
                Check.Equal(wrong, 0, "floating-point registers changed across a switch");
            }
            if (Self == Delta)
            {
                Ipc.Yield();
                Report.Pass();
            }
        }
    }
}
