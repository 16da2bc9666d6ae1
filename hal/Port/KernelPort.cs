// The kernel port: the C# half of every kernel entry on the Cortex-M.
//
// Exceptions.S saves the running thread and calls one of the entry routines here;
// each asks the portable kernel (kernel/) what to do and gets back the thread to run
// next; SwitchTo returns that thread's ThreadContext (rebuilding the thread first if
// the kernel asked for a restart), and Exceptions.S restores it, loading its MPU
// regions if it belongs to another task. All kernel entries run at the same, lowest
// exception priority, so they never nest: the kernel is a single-threaded program
// that runs between two task instructions. Faults run at the highest priority so that a fault
// inside the kernel is caught (and is a panic) instead of escalating silently.
//
// The entries are exported with [RuntimeExport] rather than [UnmanagedCallersOnly]:
// they are called only from Exceptions.S, run no garbage collector and need none of
// the reverse-P/Invoke transition that the latter adds to every kernel entry.
//
// One thread per task: thread i is task i of the system description.
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.Firmware.Boot;
using Keel.Hal;
using Keel.Hal.Arm;
using Keel.Kernel;

namespace Keel.Port
{
    public static unsafe class KernelPort
    {
        private static KernelState s_kernel;
        private static ThreadContext[] s_contexts;
        private static TaskConfig[] s_tasks;
        private static MpuRegionConfig[] s_regions;
        private static IrqConfig[] s_irqs;
        private static TaskImage* s_images;
        private static delegate*<int, string> s_taskName;
        private static delegate*<uint, void> s_halt;
        private static DebugCalls s_debugCalls;
        private static bool s_started;
        private static uint s_coreClockHz, s_tickHz;
        private static MpuRegionConfig s_mainStackGuard;
        private static ThreadContext s_idleContext;
        private static ThreadRegisters s_idleRegisters;
        private static readonly uint[] s_idleStack = new uint[IdleStackWords];

        // Every kernel entry (SVC, PendSV, SysTick, each routed interrupt and the
        // console's) runs at this one priority, so that none preempts another and the
        // kernel is never re-entered: the lowest the NVIC implements, read back from it
        // at boot (Nvic.LowestImplementedPriority) rather than written as 0xFF. The chip
        // drops a priority's unimplemented bits everywhere, but a model that keeps them
        // in the system handlers' registers and drops them in the interrupts' (Renode
        // 1.16) would otherwise rank every interrupt above the system calls.
        private static byte s_kernelEntryPriority;
        private const byte HighestPriority = 0x00;
        private const uint ThumbState = 1u << 24;
        // Idle needs room for one exception frame (it never uses the FPU), and an
        // 8-byte-aligned top.
        private const int IdleStackWords = 2 * ThreadContext.HardwareFrameWords;

        [DllImport("*", EntryPoint = "keel_set_current")]
        [SuppressGCTransition]
        private static extern void SetCurrent(ThreadContext* context);

        [DllImport("*", EntryPoint = "keel_idle_address")]
        [SuppressGCTransition]
        private static extern uint IdleAddress();

        [DllImport("*", EntryPoint = "keel_main_stack_guard_address")]
        [SuppressGCTransition]
        private static extern uint MainStackGuardAddress();

        [DllImport("*", EntryPoint = "keel_enter_first_task")]
        [SuppressGCTransition]
        private static extern void EnterFirstTask();

        [DllImport("*", EntryPoint = "keel_forget_loaded_context")]
        [SuppressGCTransition]
        private static extern void ForgetLoadedContext(ThreadContext* context);

        [DllImport("*", EntryPoint = "keel_publish_kernel_state")]
        [SuppressGCTransition]
        private static extern void PublishKernelState(void* state);

        [DllImport("*", EntryPoint = "keel_paint_stack")]
        [SuppressGCTransition]
        private static extern void PaintStack(uint* from, uint* to);

        [DllImport("*", EntryPoint = "keel_task_image_table")]
        [SuppressGCTransition]
        private static extern TaskImage* TaskImageTable();

        // Boot: takes the application's pools (in `kernel`) and tables, sets up the CPU,
        // starts every task and enters the first one. Does not return.
        // `unprivilegedIrqTrigger`: let tasks pend interrupts through the NVIC's STIR
        // (the system description's `unprivileged-irq-trigger`, for test images).
        // `debugCalls`: the debug-only platform calls (`debug-invariants`), or DebugCalls.None.
        public static void Start(ref KernelState kernel, ThreadContext[] contexts, TaskConfig[] tasks, MpuRegionConfig[] regions,
            CapConfig[] caps, IrqConfig[] irqs, TickSignalConfig[] tickSignals, bool unprivilegedIrqTrigger, DebugCalls debugCalls,
            uint coreClockHz, uint tickHz, delegate*<int, string> taskName, delegate*<uint, void> halt)
        {
            s_kernel = kernel;
            PublishKernelState(Unsafe(ref s_kernel));
            s_contexts = contexts;
            s_tasks = tasks;
            s_regions = regions;
            s_irqs = irqs;
            s_images = TaskImageTable();
            s_taskName = taskName;
            s_halt = halt;
            s_mainStackGuard = EncodeMainStackGuard();
            s_debugCalls = debugCalls;

            s_kernel.Hooks.UnmaskIrq = &UnmaskIrq;
            s_kernel.Hooks.ReportUnhandledFault = &ReportUnhandledFault;
            // Before Initialise, which starts each tick signal's countdown from its period.
            LoadTickSignals(tickSignals);
            Kernel.Kernel.Initialise(ref s_kernel);
            for (int task = 0; task < tasks.Length; task++)
                s_kernel.CNodes[task] = new CNode { FirstSlot = tasks[task].FirstSlot, SlotCount = tasks[task].SlotCount };
            LoadCapabilities(caps);
            s_kernelEntryPriority = Nvic.LowestImplementedPriority();
            RouteInterrupts();
            for (int task = 0; task < tasks.Length; task++)
            {
                ref Tcb thread = ref s_kernel.Threads[task];
                ref TaskConfig config = ref tasks[task];
                if (config.RegionCount != MpuRegion.RegionCount)
                    Keel.Runtime.Panic.Fail("a task's MPU table must hold exactly eight regions (keel_resume loads eight)");
                ref ThreadContext context = ref s_contexts[task];
                context.Registers = (ThreadRegisters*)Unsafe(ref thread.Regs);
                regions[config.FirstRegion + (int)MpuRegion.KernelStackGuardRegion] = s_mainStackGuard;
                context.MpuRegions = (MpuRegionConfig*)Unsafe(ref regions[config.FirstRegion]);
                context.Control = ThreadContext.ThreadModeUnprivileged;
                thread.IpcBuffer = (uint*)StackTop(ref config);
                thread.Priority = KernelPriority(config.Priority);
                thread.CSpace = task;
                thread.RestartPending = true;
                if (config.FaultEndpoint != TaskConfig.NoFaultHandler)
                    Kernel.Kernel.SetFaultHandler(ref s_kernel, task, config.FaultEndpoint, config.FaultBadge);
                // After Initialise, which unbinds every thread.
                if (config.BoundNotification != KernelState.NoNotification)
                    Kernel.Kernel.BindNotification(ref s_kernel, task, config.BoundNotification);
                Kernel.Kernel.StartThread(ref s_kernel, task);
            }

            s_coreClockHz = coreClockHz;
            s_tickHz = tickHz;
            ConfigureCpu(unprivilegedIrqTrigger);
            // The first SVC's entry saves the boot code into idle's context, which it
            // then prepares afresh (OnSvc).
            s_idleContext.Registers = (ThreadRegisters*)Unsafe(ref s_idleRegisters);
            s_idleContext.Control = ThreadContext.ThreadModePrivileged;
            SetCurrent((ThreadContext*)Unsafe(ref s_idleContext));
            if (debugCalls.AtBoot != null)
                debugCalls.AtBoot();
            // Interrupts are taken only from here, with the MPU on (ConfigureCpu) and idle's
            // context current, so an interrupt has a context to save into: a line already
            // pending (a device a bootloader left running) waits until now. The console's
            // interrupt is the kernel's own (OnInterrupt); from here the console queues and
            // no kernel entry waits for the UART.
            Nvic.SetPriority(Console.Irq, s_kernelEntryPriority);
            Nvic.Enable(Console.Irq);
            for (int i = 0; i < s_irqs.Length; i++)
                Nvic.Enable((uint)s_irqs[i].Irq);
            Console.StartQueueing();
            EnterFirstTask();
        }

        // The system description numbers priorities as people do (0 is the most
        // important); the kernel's ready queues run the highest index first.
        private static byte KernelPriority(byte described) => (byte)(s_kernel.ReadyQueues.Length - 1 - described);

        private static void* Unsafe<T>(ref T value) => System.Runtime.CompilerServices.Unsafe.AsPointer(ref value);

        private static void LoadCapabilities(CapConfig[] caps)
        {
            for (int task = 0; task < s_tasks.Length; task++)
            {
                ref TaskConfig config = ref s_tasks[task];
                for (int i = config.FirstCap; i < config.FirstCap + config.CapCount; i++)
                {
                    ref CapConfig cap = ref caps[i];
                    Kernel.Kernel.InstallCapability(ref s_kernel, config.FirstSlot + (int)cap.Slot,
                        Capability.Create((CapType)cap.Kind, cap.Object, (Rights)cap.Rights, cap.Badge));
                }
            }
        }

        // Binds each routed interrupt to its notification and gives it the kernel entries'
        // priority; its line is enabled only at the end of boot (Start).
        private static void RouteInterrupts()
        {
            for (int i = 0; i < s_irqs.Length; i++)
            {
                ref IrqConfig irq = ref s_irqs[i];
                s_kernel.IrqBindings[irq.Irq].Notification = irq.Notification;
                s_kernel.IrqBindings[irq.Irq].Badge = irq.Badge;
                Nvic.SetPriority((uint)irq.Irq, s_kernelEntryPriority);
            }
        }

        // Whether the system description routes `irq` to `task` (its `irqs`).
        internal static bool RoutesIrqTo(uint irq, int task)
        {
            for (int i = 0; i < s_irqs.Length; i++)
            {
                if ((uint)s_irqs[i].Irq == irq)
                    return s_irqs[i].Task == task;
            }
            return false;
        }

        private static void LoadTickSignals(TickSignalConfig[] tickSignals)
        {
            for (int i = 0; i < tickSignals.Length; i++)
            {
                ref TickSignalConfig config = ref tickSignals[i];
                s_kernel.TickSignals[i].Notification = config.Notification;
                s_kernel.TickSignals[i].Badge = config.Badge;
                s_kernel.TickSignals[i].EveryTicks = config.EveryTicks;
            }
        }

        private static void ConfigureCpu(bool unprivilegedIrqTrigger)
        {
            Scb.Shpr2.Modify(0xFFu << Scb.Shpr2SvcShift, (uint)s_kernelEntryPriority << Scb.Shpr2SvcShift);
            Scb.Shpr3.Modify((0xFFu << Scb.Shpr3PendSvShift) | (0xFFu << Scb.Shpr3SysTickShift),
                ((uint)s_kernelEntryPriority << Scb.Shpr3PendSvShift) | ((uint)s_kernelEntryPriority << Scb.Shpr3SysTickShift));
            Scb.Shpr1.Write(HighestPriority);
            Scb.Shcsr.SetBits(Scb.ShcsrMemFaultEnable | Scb.ShcsrBusFaultEnable | Scb.ShcsrUsageFaultEnable);
            Scb.Ccr.SetBits(Scb.CcrDivideByZeroTrap);
            // Bus errors must be precise, so that each is charged to the code that caused
            // it, never to whichever thread runs when an imprecise one arrives: the
            // default memory map's stores (the kernel's) unbuffered here, and a task's
            // peripherals mapped strongly-ordered (the system description's regions).
            Scb.Actlr.SetBits(Scb.ActlrDisableWriteBuffer);
            if (unprivilegedIrqTrigger)
                Scb.Ccr.SetBits(Scb.CcrUnprivilegedSoftwareTrigger);
            // Before any FPU instruction: keep FPU state out of exception frames
            // (Exceptions.S: the port switches it in kernel memory instead).
            Scb.Fpccr.ClearBits(Scb.FpccrAutomaticStateSave | Scb.FpccrLazyStateSave);
            Scb.Cpacr.SetBits(Scb.CpacrFpuFullAccess);
            // The guard is in every task's MPU image too; loading it here covers the
            // rest of boot and idle before the first task's image is loaded.
            Mpu.Rbar.Write(s_mainStackGuard.Rbar);
            Mpu.Rasr.Write(s_mainStackGuard.Rasr);
            Mpu.Ctrl.Write(Mpu.CtrlEnable | Mpu.CtrlPrivilegedDefaultMap);
        }

        // A no-access region over the lowest bytes of the main stack
        // (keel_main_stack_guard, sdk/targets/keel-image.ld): a kernel stack overflow faults
        // there, privileged or not, instead of overwriting the kernel's data below.
        private static MpuRegionConfig EncodeMainStackGuard()
        {
            MpuEncodeError error = MpuRegion.TryEncode(MpuRegion.KernelStackGuardRegion, MainStackGuardAddress(), MpuRegion.KernelStackGuardSize,
                MpuAccess.NoAccess, MpuMemoryType.Sram, executeNever: true, subregionDisable: 0, out MpuRegion guard);
            if (error != MpuEncodeError.None)
                Keel.Runtime.Panic.Fail("the main stack's guard cannot be an MPU region (keel-image.ld aligns it)");
            return new MpuRegionConfig { Rbar = guard.Rbar, Rasr = guard.Rasr };
        }

        private static bool InMainStackGuard(uint address) =>
            address - MainStackGuardAddress() < MpuRegion.KernelStackGuardSize;

        // ---- Kernel entries (called from Exceptions.S with the current thread saved) ----

        [RuntimeExport("keel_svc_entry")]
        private static ThreadContext* OnSvc()
        {
            int caller = s_kernel.Current;
            if (caller == KernelState.NoThread)
            {
                // Only boot makes an SVC with no thread running (keel_enter_first_task),
                // and its save landed in idle's context: make idle afresh. The tick
                // starts here, not during boot: no kernel entry can interrupt this one,
                // so the first tick finds the system fully started.
                if (s_started)
                    Keel.Runtime.Panic.Fail("an SVC with no thread running (idle makes none)");
                s_started = true;
                PrepareIdle();
                if (!SysTick.Start(s_coreClockHz, s_tickHz))
                    Keel.Runtime.Panic.Fail("SysTick cannot make the configured tick rate from the core clock");
                return SwitchTo(Kernel.Kernel.Schedule(ref s_kernel));
            }
            ref Tcb thread = ref Pool.At(s_kernel.Threads, caller);
            // The fastpath first, before telling a system call from a platform call: it
            // takes neither kind of number it does not know, and a caller it returns goes
            // on without the checks below (it restarts nobody).
            int next = Kernel.Kernel.TrySyscallFastpath(ref s_kernel, caller, ref thread);
            if (next == caller)
                return ResumeCurrent;
            if (next != Kernel.Kernel.SyscallNotTaken)
                return SwitchTo(next);
            ref ThreadRegisters regs = ref thread.Regs;
            // Refused before it starts, not when a repeat turns out to be needed: whether
            // one is depends on other CSpaces (Kernel.MayRepeat).
            if (Kernel.Kernel.MayRepeat(regs.R11) && !CanRepeat(caller))
                return SwitchTo(Kernel.Kernel.Fault(ref s_kernel, caller,
                    new FaultRecord { Kind = FaultKind.BadSyscall, Status = regs.R11 }, contextLost: false));
            next = regs.R11 < (uint)PlatformCallNumber.First
                ? Kernel.Kernel.SyscallGeneral(ref s_kernel, caller, ref thread)
                : PlatformCall(caller, ref regs);
            if (thread.RepeatSyscall)
                next = RepeatSyscall(caller, ref thread, next);
            if (next != caller)
                return SwitchTo(next);
            // A thread that restarted itself must be rebuilt (SwitchTo) before it resumes.
            return thread.RestartPending ? SwitchTo(caller) : ResumeCurrent;
        }

        // The kernel stopped the caller's system call part-way (a long Revoke) and wants it
        // issued again: the pc in the thread's exception frame goes back onto its SVC
        // instruction (always 16-bit in Thumb), so the thread makes the same call, with the
        // registers the kernel left as they were, when it next runs - after the interrupts
        // now pending, which the CPU takes as this entry returns (they share its priority).
        // OnSvc has refused such a call from a thread that cannot repeat it (CanRepeat).
        // Returns the thread to run next.
        private static int RepeatSyscall(int caller, ref Tcb thread, int next)
        {
            thread.RepeatSyscall = false;
            Pool.At(s_contexts, caller).HardwareFrame[ThreadContext.FramePc] -= SvcInstructionBytes;
            return next;
        }

        // Whether the port can move the caller back onto its SVC: the frame was stacked by
        // the hardware with the thread's own privilege; the port rewrites it only when it
        // lies in the task's own RAM window, and only when the SVC was not inside an IT
        // block, whose state the frame has already advanced past the SVC.
        private static bool CanRepeat(int caller)
        {
            uint* frame = Pool.At(s_contexts, caller).HardwareFrame;
            return Pool.At(s_tasks, caller).RamHolds((uint)frame, ThreadContext.HardwareFrameWords * sizeof(uint))
                && (frame[ThreadContext.FrameXpsr] & ThreadContext.XpsrItStateMask) == 0;
        }

        private const uint SvcInstructionBytes = 2;

        // A platform call (docs/abi.md); returns the thread to run next.
        private static int PlatformCall(int caller, ref ThreadRegisters regs)
        {
            if ((PlatformCallNumber)regs.R11 == PlatformCallNumber.Exit)
                return Kernel.Kernel.Exit(ref s_kernel, caller);
            PlatformCalls.Handle(ref s_kernel, ref regs, s_tasks, caller, (DebugCalls*)Unsafe(ref s_debugCalls), s_halt, s_taskName);
            return caller;
        }

        // What no task may ever change, hashed at boot and again by CheckInvariants
        // (DebugPlatformCalls, so only debug images hold this code): the MPU regions and
        // windows of every task and the thread mode and regions each thread is resumed
        // with. Any privileged write a task could steer into the kernel's RAM would most
        // want to change exactly these.
        internal static uint ConfigurationDigest()
        {
            uint digest = Fnv1a.Of((byte*)Unsafe(ref s_regions[0]), (uint)(s_regions.Length * sizeof(MpuRegionConfig)));
            digest = Fnv1a.Of((byte*)Unsafe(ref s_tasks[0]), (uint)(s_tasks.Length * sizeof(TaskConfig)), digest);
            for (int task = 0; task < s_tasks.Length; task++)
                digest = s_contexts[task].DigestFixedFields(digest);
            return s_idleContext.DigestFixedFields(digest);
        }

        [RuntimeExport("keel_pendsv_entry")]
        private static ThreadContext* OnPendSv() => SwitchTo(Kernel.Kernel.Schedule(ref s_kernel));

        // No tick restarts a thread, so the thread that was running resumes as it was
        // saved when the tick keeps it (or idle).
        [RuntimeExport("keel_systick_entry")]
        private static ThreadContext* OnSysTick()
        {
            int current = s_kernel.Current;
            int next = Kernel.Kernel.Tick(ref s_kernel);
            return next == current ? ResumeCurrent : SwitchTo(next);
        }

        // An external interrupt: masked here until its owner acknowledges it, so a
        // level-triggered source cannot storm the kernel in the meantime. The console's
        // is the kernel's own: it sends the next queued bytes (the console stops its
        // interrupt once the queue is empty) and the interrupted thread goes on.
        [RuntimeExport("keel_irq_entry")]
        private static ThreadContext* OnInterrupt()
        {
            uint irq = (Scb.Icsr.Read() & Scb.IcsrActiveMask) - 16;
            if (irq == Console.Irq)
            {
                Console.OnTransmitReady();
                return ResumeCurrent;
            }
            Nvic.Disable(irq);
            // Delivering a signal restarts no thread (as for OnSysTick).
            int current = s_kernel.Current;
            int next = Kernel.Kernel.Interrupt(ref s_kernel, irq);
            return next == current ? ResumeCurrent : SwitchTo(next);
        }

        // A fault of the code that ran on the process stack: a task thread, or idle.
        // Whatever exception the thread was entering when its frame could not be stacked
        // stays pending (ARMv7-M B1.5.6). An interrupt or a tick is nobody's in
        // particular and is taken next; but an SVC, or a UsageFault, MemManage or
        // BusFault of its own instruction, is the faulting thread's, and would otherwise
        // run as a system call or a fault of whichever thread runs next: each is
        // withdrawn. Only the running thread raises these (bus faults are precise,
        // ConfigureCpu), so this never drops another thread's.
        [RuntimeExport("keel_fault_entry")]
        private static ThreadContext* OnTaskFault(uint exception)
        {
            Scb.Shcsr.ClearBits(Scb.ShcsrSynchronousPending);
            int thread = s_kernel.Current;
            if (thread == KernelState.NoThread)
                OnKernelFault((uint*)s_idleContext.StackPointer, exception, s_idleContext.ExceptionReturn);
            uint* frame = Pool.At(s_contexts, thread).HardwareFrame;
            ref TaskConfig task = ref Pool.At(s_tasks, thread);
            bool frameInOwnRam = task.RamHolds((uint)frame, ThreadContext.HardwareFrameWords * sizeof(uint));
            FaultInfo fault = FaultInfo.Read(exception, frame, frameInOwnRam);
            if (fault.Kind == FaultKind.StackOverflow)
                fault.ReturnAddress = ReturnAddresses.Find(fault.Address, ref task);
            return SwitchTo(Kernel.Kernel.Fault(ref s_kernel, thread, fault.Record, fault.ContextLost));
        }

        // A fault in the kernel, idle included: a panic with its report.
        [RuntimeExport("keel_kernel_fault")]
        private static void OnKernelFault(uint* frame, uint exception, uint exceptionReturn)
        {
            Console.Finish();
            FaultInfo fault = FaultInfo.Read(exception, frame, frameInOwnMemory: true);
            bool stackOverflow = fault.Kind == FaultKind.StackOverflow || InMainStackGuard(fault.Address);
            Console.Write(stackOverflow ? "\nkernel stack overflow: " : "\nkernel fault: ");
            fault.Print();
            Console.Write("\n ");
            if (fault.Kind != FaultKind.StackOverflow)
            {
                WriteRegister("r0", frame[0]);
                WriteRegister("r1", frame[1]);
                WriteRegister("r2", frame[2]);
                WriteRegister("r3", frame[3]);
                WriteRegister("r12", frame[4]);
                Console.Write("\n ");
                WriteRegister("lr", frame[5]);
                WriteRegister("xpsr", frame[7]);
            }
            WriteRegister("sp", (uint)frame);
            WriteRegister("hfsr", fault.Hfsr);
            WriteRegister("exc_return", exceptionReturn);
            Console.WriteLine();
            Keel.Runtime.Panic.Fail(stackOverflow ? "the kernel's stack overflowed" : "fault in the kernel");
        }

        private static void WriteRegister(string name, uint value)
        {
            Console.Write(" ");
            Console.Write(name);
            Console.Write(" ");
            Console.WriteHex(value);
        }

        // ---- Switching ----

        // What an entry returns to resume the thread it interrupted (idle included)
        // exactly as it was saved: keel_resume then only reloads r4-r11 (the kernel may
        // have written results there) and the EXC_RETURN, and leaves the MPU, CONTROL,
        // the FPU and PSP as they are. Only for a thread that is not being rebuilt.
        private static ThreadContext* ResumeCurrent => null;

        // The context keel_resume restores: the thread's, rebuilt first if the kernel
        // restarted it, or idle's when nothing can run.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ThreadContext* SwitchTo(int next)
        {
            if (next == KernelState.NoThread)
                return (ThreadContext*)Unsafe(ref s_idleContext);
            ref Tcb thread = ref Pool.At(s_kernel.Threads, next);
            if (thread.RestartPending)
                Rebuild(next, ref thread);
            return (ThreadContext*)Unsafe(ref Pool.At(s_contexts, next));
        }

        // Idle: when no thread can run, the kernel returns to a privileged thread-mode
        // loop (keel_idle: wait for an interrupt) on a stack of its own, which the
        // next kernel entry saves and abandons like any thread. It belongs to no task,
        // so it needs no MPU regions (privileged code has the default memory map),
        // and the kernel's state says no thread is running.
        private static void PrepareIdle()
        {
            uint* frame = (uint*)Unsafe(ref s_idleStack[IdleStackWords - ThreadContext.HardwareFrameWords]);
            BuildFrame(frame, IdleAddress());
            s_idleContext.StackPointer = (uint)frame;
            s_idleContext.ExceptionReturn = ThreadContext.ReturnToThreadOnProcessStack;
        }

        // The top of a task's stack, at the bottom of its RAM window; its IPC buffer lies
        // just above it (docs/abi.md).
        private static uint StackTop(ref TaskConfig config) => config.RamBase + config.StackSize;

        // An exception frame that "returns" to `entry` with cleared registers.
        private static void BuildFrame(uint* frame, uint entry)
        {
            for (int i = 0; i < ThreadContext.HardwareFrameWords; i++)
                frame[i] = 0; // r0-r3, r12, lr (the code never returns), pc, xPSR
            frame[ThreadContext.FramePc] = entry & ~1u;
            frame[ThreadContext.FrameXpsr] = ThumbState;
        }

        // A (re)started task: fresh statics from its image, cleared registers (the FPU's
        // too), its stack painted (keel inspect reads its high-water mark by the paint),
        // and an exception frame at the top of its stack that "returns" to its entry
        // point with r0 = its IPC buffer (userlib's keel_task_start).
        private static void Rebuild(int task, ref Tcb thread)
        {
            ref TaskImage image = ref s_images[task];
            uint* from = (uint*)image.DataLoad;
            for (uint* to = (uint*)image.DataStart; to < (uint*)image.DataEnd; to++, from++)
                *to = *from;
            for (uint* to = (uint*)image.BssStart; to < (uint*)image.BssEnd; to++)
                *to = 0;

            uint* frame = (uint*)StackTop(ref s_tasks[task]) - ThreadContext.HardwareFrameWords;
            PaintStack((uint*)s_tasks[task].RamBase, frame);
            BuildFrame(frame, image.Entry);
            frame[0] = (uint)thread.IpcBuffer;
            thread.Regs = default;
            ref ThreadContext context = ref s_contexts[task];
            context.StackPointer = (uint)frame;
            context.ExceptionReturn = ThreadContext.ReturnToThreadOnProcessStack;
            for (int i = 0; i < ThreadContext.FpuWords; i++)
                context.Fpu[i] = 0;
            ForgetLoadedContext((ThreadContext*)Unsafe(ref context));
            thread.RestartPending = false;
        }

        // ---- Platform hooks the kernel calls ----

        private static void UnmaskIrq(uint irq) => Nvic.Enable(irq);

        // Room for the report with a task name of a hundred characters.
        private const int FaultReportCapacity = 240;

        // One text, so that with the console's queue nearly full it is printed whole or
        // dropped whole (and the gap marked), never cut where one of its parts did not fit.
        private static void ReportUnhandledFault(int thread, FaultRecord fault)
        {
            char* text = stackalloc char[FaultReportCapacity];
            var report = new ConsoleLine(text, FaultReportCapacity);
            report.Append("keel: task ");
            report.Append(s_taskName(thread));
            report.Append(" faulted (");
            report.Append(FaultKinds.Name(fault.Kind));
            report.Append(") at pc ");
            report.AppendHex(fault.Pc);
            report.Append(", caller ");
            report.AppendHex(fault.ReturnAddress);
            report.Append(", address ");
            report.AppendHex(fault.Address);
            report.Append(", and has no fault handler: suspended\n");
            Console.Write(report);
        }
    }
}
