// Hostile CPU state (issue 13): each case is a worker attacking the kernel port with
// what a task controls besides its system-call arguments — its stack pointer, its FPU
// registers, breakpoints — and the rest of the system checking that the attack
// reached nothing outside the attacker:
// - before the attack the attacker asks the driver to digest the RAM windows of the
//   workers that do not run during it (Measure): they have exited, are blocked, or
//   have not been scheduled yet, so nothing may change them until the verdict, when
//   the driver digests them again; it runs the kernel's invariant check (which
//   includes the port's boot tables) at both moments;
// - a fault must reach the driver as the attacker's, of the kind announced, and no
//   Recv of the driver may return anything but Ok (a call it did not make);
// - a kernel panic or an ended run leaves the remaining cases without a result.
//
// The attacker moves its stack pointer only inside the assembly probes
// (HostileProbes.S), which never return to C# with it. A frame the hardware stacks
// with FPU state (on a kernel that lets it) is the 8-word basic frame plus s0-s15,
// FPSCR and a reserved word: ExtendedFrameBytes under the stack pointer.
using System.Threading;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Suite
{
    public static unsafe partial class Cases
    {
        private const uint ExtendedFrameBytes = 0x68;

        // s<n> = FpuSeed + n in an attacker's or a victim's registers.
        private const uint FpuSeed = 0xA5C30000;
        private const int FpuWords = 33; // s0-s31, FPSCR

        // How far past the top of its window F1(c)'s stack pointer lies: the frame
        // below it is half inside the window, half outside.
        private const uint AcrossTheTop = 0x10;

        // F1(b) aims a frame at every KernelRamStride-th address of the kernel's RAM.
        private const uint KernelRamStride = 0x100;

        private const uint MpuControl = 0xE000ED94;

        // r6 as a refused FastpathCount must leave it.
        private const uint Untouched = 0x600D600D;

        private static uint TaskBit(uint task) => 1u << (int)task;

        private static uint OtherWorkers => (TaskBit(Alpha) | TaskBit(Beta) | TaskBit(Gamma) | TaskBit(Delta)) & ~TaskBit(Self);

        private static uint RamTop(int task) => Windows.RamBase(task) + Windows.RamSize(task);

        private static void Measure(uint tasks) => Ipc.Call(Caps.Control, Labels.Measure, 1, tasks);

        private static ThreadRegisters SystemCall(SyscallNumber number, uint r4 = 0, uint r5 = 0) =>
            new ThreadRegisters { R4 = r4, R5 = r5, R11 = (uint)number };

        private static void TrapOn(uint stack, ThreadRegisters call) => Probes.TrapOn(stack, &call);

        // The next fault is a stack overflow of a frame that could not be stacked under
        // `stack` (the address is the stack pointer before or after the hardware moved it).
        private static void ExpectStackOverflowUnder(uint stack, uint answer = FaultAnswer.Restart) =>
            Report.ExpectFault(FaultKind.StackOverflow, stack - ExtendedFrameBytes, stack, answer);

        // How many of s0-s31 differ from seed + n.
        private static uint FpuRegistersNotFrom(uint seed)
        {
            uint* registers = stackalloc uint[FpuWords];
            Probes.ReadFpu(registers);
            uint differing = 0;
            for (uint n = 0; n < 32; n++)
            {
                if (registers[n] != seed + n)
                    differing++;
            }
            return differing;
        }

        // This thread has not used the FPU since it started: none of its registers
        // holds what FillFpu(FpuSeed) put in someone's, and all of them and FPSCR are 0.
        private static void CheckFpuFresh(string leaked, string notZero)
        {
            uint* registers = stackalloc uint[FpuWords];
            Probes.ReadFpu(registers);
            uint foreign = 0;
            uint nonzero = 0;
            for (uint n = 0; n < FpuWords; n++)
            {
                if (n < 32 && registers[n] == FpuSeed + n)
                    foreign++;
                if (registers[n] != 0)
                    nonzero++;
            }
            Check.Equal(foreign, 0, leaked);
            Check.Equal(nonzero, 0, notZero);
        }

        // F1(a), write: delta's FPU frame lies at the very base of its RAM window during
        // a Yield. Nothing may be saved below it, in the top of gamma's window (the
        // driver compares the digests), and its registers come back as they were.
        private static void FpuFrameAtWindowBaseWritesNothingBelow()
        {
            if (Self != Delta)
                return;
            Measure(OtherWorkers);
            Probes.FillFpu(FpuSeed);
            TrapOn(Windows.RamBase(Layout.SelfIndex) + ExtendedFrameBytes, SystemCall(SyscallNumber.Yield));
            Check.Equal(FpuRegistersNotFrom(FpuSeed), 0, "FP registers changed across the Yield");
            Report.Pass();
        }

        // F1(a), read: the same frame during a Call that gamma answers after writing the
        // top of its own window, just below delta's: delta's registers must come back
        // as they were, not loaded from gamma's memory.
        private static void FpuFrameAtWindowBaseReadsNothingBelow()
        {
            if (Self == Gamma)
            {
                Ipc.Recv(Caps.Ep);
                uint* top = (uint*)RamTop(Layout.GammaIndex) - 16;
                for (uint i = 0; i < 16; i++)
                    Volatile.Write(ref top[i], ~(FpuSeed + 16 + i));
                Ipc.Reply(0);
            }
            else if (Self == Delta)
            {
                Check.Equal(Windows.RamBase(Layout.SelfIndex), RamTop(Layout.GammaIndex), "delta's RAM base against gamma's RAM top");
                Measure(TaskBit(Alpha) | TaskBit(Beta));
                Probes.FillFpu(FpuSeed);
                TrapOn(Windows.RamBase(Layout.SelfIndex) + ExtendedFrameBytes,
                    SystemCall(SyscallNumber.Call, Caps.EpCall, MessageInfo.Create(0, 0, 0).Raw));
                Check.Equal(FpuRegistersNotFrom(FpuSeed), 0, "FP registers after a Call gamma answered");
                Report.Pass();
            }
        }

        // F1(b): alpha, with FPU state, moves its stack pointer to one address of the
        // kernel's RAM after another and spins until the tick preempts it: each entry
        // is a stack overflow of alpha's, the kernel's invariants and boot tables hold
        // at the verdict, and alpha is as unprivileged as before, under the MPU:
        // kernel RAM and the MPU's registers still fault.
        private static void FpuFrameInKernelRamIsStackOverflow(uint step)
        {
            if (Self != Alpha)
                return;
            uint attacks = Layout.KernelRamSize / KernelRamStride;
            if (step == 0)
                Measure(OtherWorkers);
            if (step < attacks)
            {
                uint stack = Layout.KernelRamBase + (step + 1) * KernelRamStride;
                ExpectStackOverflowUnder(stack);
                Probes.FillFpu(FpuSeed);
                Probes.SpinOn(stack);
            }
            uint privileged = step == attacks ? Layout.KernelRamBase : step == attacks + 1 ? MpuControl : 0;
            if (privileged == 0)
                Report.Pass();
            Report.ExpectFault(FaultKind.MemoryAccess, privileged);
            Volatile.Read(ref *(uint*)privileged);
            Report.FailAt("a privileged-only read did not fault", privileged);
        }

        // F1(c): delta's FPU frame straddles the top of its window during a Yield: a
        // stack overflow of delta's, not a fault inside the kernel.
        private static void FpuFrameAcrossWindowTopIsStackOverflow(uint step)
        {
            if (Self != Delta)
                return;
            if (step == 0)
            {
                uint stack = RamTop(Layout.SelfIndex) + AcrossTheTop;
                Measure(OtherWorkers);
                ExpectStackOverflowUnder(stack);
                Probes.FillFpu(FpuSeed);
                TrapOn(stack, SystemCall(SyscallNumber.Yield));
                Report.Fail("a Yield across the RAM's top returned");
            }
            Report.Pass();
        }

        // F2: delta signals the note with its stack pointer in gamma's window, where no
        // frame can be stacked. The fault is delta's; the Signal is nobody's (alpha,
        // waiting on the note since before the measure, must never wake), and the
        // driver, the next thread to run, must not find a system call it did not make
        // (it checks every status).
        private static void UnstackableSvcIsNotRun(uint step)
        {
            if (Self == Alpha)
            {
                Notifications.Wait(Caps.Note, out _);
                Report.Fail("an unstackable Signal was carried out");
            }
            else if (Self == Delta)
            {
                if (step == 0)
                {
                    uint stack = Windows.RamBase(Layout.GammaIndex) + Windows.RamSize(Layout.GammaIndex) / 2;
                    Measure(OtherWorkers);
                    ExpectStackOverflowUnder(stack);
                    TrapOn(stack, SystemCall(SyscallNumber.Signal, Caps.NoteSignal));
                    Report.Fail("an unstackable Signal returned");
                }
                Report.Pass();
            }
        }

        // F2, nothing runnable: delta, with FPU state, yields with its stack pointer in
        // gamma's window while the driver pauses, so its fault finds no receiver and
        // nothing else can run. The kernel must idle without a panic and deliver the
        // fault, delta's, once the driver receives again.
        private static void UnstackableSvcWithNothingRunnable(uint step)
        {
            if (Self != Delta)
                return;
            if (step == 0)
            {
                uint stack = Windows.RamBase(Layout.GammaIndex) + Windows.RamSize(Layout.GammaIndex) / 2;
                Measure(OtherWorkers);
                ExpectStackOverflowUnder(stack);
                Ipc.Call(Caps.Control, Labels.Pause);
                Probes.FillFpu(FpuSeed);
                TrapOn(stack, SystemCall(SyscallNumber.Yield));
                Report.Fail("an unstackable Yield returned");
            }
            Report.Pass();
        }

        // F3: alpha fills every FPU register and FPSCR and blocks; beta, which never
        // used the FPU, runs next and must find none of alpha's values: all zero.
        private static void FpuRegistersDoNotLeakToAnotherTask()
        {
            if (Self == Alpha)
            {
                Measure(TaskBit(Gamma) | TaskBit(Delta));
                Probes.FillFpu(FpuSeed);
                Ipc.Recv(Caps.Ep2);
                Report.Fail("a Recv nobody sends to returned");
            }
            else if (Self == Beta)
            {
                CheckFpuFresh("FP registers holding alpha's values", "FP registers or FPSCR not 0 in a fresh task");
                Report.Pass();
            }
        }

        // F3, restart: alpha fills every FPU register and FPSCR and faults; restarted,
        // it must find none of its old values: all zero.
        private static void FpuRegistersDoNotSurviveRestart(uint step)
        {
            if (Self != Alpha)
                return;
            if (step == 0)
            {
                Measure(OtherWorkers);
                Report.ExpectFault(FaultKind.UndefinedInstruction, 0);
                Probes.FillFpu(FpuSeed);
                Probes.Undefined();
                Report.Fail("an undefined instruction did not fault");
            }
            CheckFpuFresh("FP registers holding values from before", "FP registers or FPSCR not 0 after a restart");
            Report.Pass();
        }

        // F4, F9: the description gives the workers no platform calls; Halt(0) would
        // end the run as a success, and FastpathCount would tell alpha about IPC it
        // has no part in. Both are refused and change nothing, and the run goes on to
        // this case's verdict.
        private static void HaltAndFastpathCountNeedPermission()
        {
            if (Self != Alpha)
                return;
            Measure(OtherWorkers);
            Check.Status(Syscall.Invoke((uint)PlatformCallNumber.Halt, 0).Status, Error.NotPermitted, "Halt(0)");
            ThreadRegisters count = Syscall.Invoke((uint)PlatformCallNumber.FastpathCount, 0, 0, Untouched);
            Check.Status(count.Status, Error.NotPermitted, "FastpathCount");
            Check.Equal(count.R6, Untouched, "r6 after a refused FastpathCount");
            Report.Pass();
        }

        // The debug-only calls exist in this system (debug-invariants) but are the
        // driver's alone: a worker is refused, and nothing comes back with the refusal.
        private static void DebugCallsNeedPermission()
        {
            // Gamma: a worker granted none of the debug-only platform calls.
            if (Self != Gamma)
                return;
            Check.Status(Task.CheckInvariants(out uint violations), Error.NotPermitted, "CheckInvariants");
            Check.Equal(violations, 0, "the violation count returned with the refusal");
            const uint length = 4;
            Check.Status(Task.Digest(Windows.RamBase(Layout.SelfIndex), length, out uint digest), Error.NotPermitted, "Digest of its own RAM");
            Check.Equal(digest, length, "r5 after a refused Digest");
            Check.Status(Interrupts.Pend(Worker.OwnIrq), Error.NotPermitted, "PendIrq of its own IRQ");
            Report.Pass();
        }

        // Granted the debug-only calls, alpha still reaches no further than they promise:
        // Digest only over a whole task's RAM window (the digest of a byte or two inverts to
        // their contents: a read of another task's RAM), and PendIrq only an interrupt
        // routed to the caller (another's would forge its device's interrupt).
        private static void DebugCallsStayInReach()
        {
            if (Self != Alpha)
                return;
            int beta = Layout.BetaIndex;
            Check.Status(Task.Digest(Windows.RamBase(beta), 1, out _), Error.InvalidArgument, "Digest of one byte of beta's RAM");
            Check.Status(Task.Digest(Windows.RamBase(beta) + 4, Windows.RamSize(beta) - 4, out _), Error.InvalidArgument,
                "Digest of all of beta's RAM but its first word");
            Check.Ok(Task.Digest(Windows.RamBase(beta), Windows.RamSize(beta), out _), "Digest of beta's whole RAM window");
            Check.Status(Interrupts.Pend(Worker.OwnIrq + 1), Error.InvalidArgument, "PendIrq of beta's IRQ");
            Report.Pass();
        }

        // F5, resume: delta, spinning with its stack pointer in kernel RAM, is preempted
        // by the tick: a stack overflow, which the driver answers with Resume. There is
        // no frame to resume from: delta must start again (and run its next step), not
        // return from the kernel through a frame read at that stack pointer. (An
        // interrupt rather than an SVC, so the case is about F5 alone, not F2.)
        private static void ResumeAfterUnstackableFrameRestarts(uint step)
        {
            if (Self != Delta)
                return;
            if (step == 0)
            {
                uint stack = Layout.KernelRamBase + Layout.KernelRamSize / 2;
                Measure(OtherWorkers);
                ExpectStackOverflowUnder(stack, FaultAnswer.Resume);
                Probes.SpinOn(stack);
            }
            Report.Pass();
        }

        // F5, Suspend and Resume: the same fault, which the driver holds unanswered; it
        // tells alpha, which suspends and resumes delta through its thread capability.
        // Delta must start again, as above.
        private static void SuspendResumeAfterUnstackableFrameRestarts(uint step)
        {
            if (Self == Alpha)
            {
                Check.Equal(Ipc.Recv(Caps.LogRead).Label, Delta, "the driver's word that it holds delta's fault");
                Check.Ok(Threads.Suspend(Caps.Peer), "ThreadSuspend of delta");
                Check.Ok(Threads.Resume(Caps.Peer), "ThreadResume of delta");
            }
            else if (Self == Delta)
            {
                if (step == 0)
                {
                    uint stack = Layout.KernelRamBase + Layout.KernelRamSize / 2;
                    Measure(TaskBit(Beta) | TaskBit(Gamma));
                    ExpectStackOverflowUnder(stack, FaultAnswer.Hold);
                    Probes.SpinOn(stack);
                }
                Report.Pass();
            }
        }

        // F7: semihosting SYS_EXIT from alpha must not reach the host, which would end
        // the run here with status 0. An emulator that does not take semihosting from
        // unprivileged code makes the BKPT a fault of alpha's (QEMU: a HardFault, kind
        // other), or ignores it (Renode); either way alpha goes on to the verdict.
        private static void SemihostingFromTaskDoesNotEndRun(uint step)
        {
            if (Self != Alpha)
                return;
            if (step == 0)
            {
                Measure(OtherWorkers);
                Report.ExpectFault(FaultKind.Other, 0);
                Probes.SemihostingExit();
            }
            Report.Pass();
        }
    }
}
