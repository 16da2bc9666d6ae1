// The kernel port: the C# half of every kernel entry on the Cortex-M.
//
// Exceptions.S saves the running thread and calls one of the entry routines here;
// each asks the portable kernel (kernel/) what to do and gets back the thread to run
// next; SwitchTo makes that thread current (rebuilding it first if the kernel asked
// for a restart, and loading its MPU regions if it belongs to another task), and
// Exceptions.S restores it. All kernel entries run at the same, lowest exception
// priority, so they never nest: the kernel is a single-threaded program that runs
// between two task instructions. Faults run at the highest priority so that a fault
// inside the kernel is caught (and is a panic) instead of escalating silently.
//
// One thread per task: thread i is task i of the system description.
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
        private static TaskImage* s_images;
        private static delegate*<int, string> s_taskName;
        private static delegate*<uint, void> s_halt;
        private static int s_mpuOwner;
        private static ThreadContext s_bootContext;
        private static ThreadRegisters s_bootRegisters;

        private const byte LowestPriority = 0xFF;
        private const byte HighestPriority = 0x00;
        private const uint MpuCtrlEnable = 1u << 0;
        private const uint MpuCtrlPrivilegedDefaultMap = 1u << 2;
        private const uint ThumbState = 1u << 24;
        private const int MpuRegions = 8;

        [DllImport("*", EntryPoint = "keel_set_current")]
        [SuppressGCTransition]
        private static extern void SetCurrent(ThreadRegisters* registers, ThreadContext* context);

        [DllImport("*", EntryPoint = "keel_enter_first_task")]
        [SuppressGCTransition]
        private static extern void EnterFirstTask();

        [DllImport("*", EntryPoint = "keel_task_image_table")]
        [SuppressGCTransition]
        private static extern TaskImage* TaskImageTable();

        // Boot: takes the application's pools and tables, sets up the CPU, starts every
        // task and enters the first one. Does not return.
        public static void Start(ref KernelState kernel, ThreadContext[] contexts, TaskConfig[] tasks, MpuRegionConfig[] regions,
            CapConfig[] caps, IrqConfig[] irqs, uint coreClockHz, uint tickHz, delegate*<int, string> taskName, delegate*<uint, void> halt)
        {
            s_kernel = kernel;
            s_contexts = contexts;
            s_tasks = tasks;
            s_regions = regions;
            s_images = TaskImageTable();
            s_taskName = taskName;
            s_halt = halt;
            s_mpuOwner = KernelState.NoThread;

            s_kernel.Hooks.UnmaskIrq = &UnmaskIrq;
            s_kernel.Hooks.ReportUnhandledFault = &ReportUnhandledFault;
            Kernel.Kernel.Initialise(ref s_kernel);
            LoadCapabilities(caps);
            RouteInterrupts(irqs);
            for (int task = 0; task < tasks.Length; task++)
            {
                ref Tcb thread = ref s_kernel.Threads[task];
                ref TaskConfig config = ref tasks[task];
                thread.EntryPoint = s_images[task].Entry;
                thread.StackTop = config.RamBase + config.StackSize;
                thread.IpcBuffer = (uint*)thread.StackTop;
                thread.Priority = config.Priority;
                thread.CSpace = task;
                thread.RestartPending = true;
                if (config.FaultHandlerSlot != 0)
                    thread.FaultHandler = s_kernel.Slots[s_kernel.CNodes[task].FirstSlot + (int)config.FaultHandlerSlot];
                Kernel.Kernel.StartThread(ref s_kernel, task);
            }

            ConfigureCpu();
            if (!SysTick.Start(coreClockHz, tickHz))
                Keel.Runtime.Panic.Fail("SysTick cannot make the configured tick rate from the core clock");
            SetCurrent((ThreadRegisters*)Unsafe(ref s_bootRegisters), (ThreadContext*)Unsafe(ref s_bootContext));
            EnterFirstTask();
        }

        private static void* Unsafe<T>(ref T value) => System.Runtime.CompilerServices.Unsafe.AsPointer(ref value);

        private static void LoadCapabilities(CapConfig[] caps)
        {
            for (int i = 0; i < caps.Length; i++)
            {
                ref CapConfig config = ref caps[i];
                ref Capability slot = ref s_kernel.Slots[(int)config.Slot];
                slot.Type = config.Kind == 1 ? CapType.Endpoint : CapType.Notification;
                slot.Object = config.Object;
                slot.Rights = (Rights)config.Rights;
                slot.Badge = config.Badge;
            }
        }

        private static void RouteInterrupts(IrqConfig[] irqs)
        {
            for (int i = 0; i < irqs.Length; i++)
            {
                ref IrqConfig irq = ref irqs[i];
                s_kernel.IrqBindings[irq.Irq].Notification = irq.Notification;
                s_kernel.IrqBindings[irq.Irq].Badge = irq.Badge;
                Nvic.SetPriority((uint)irq.Irq, LowestPriority);
                Nvic.Enable((uint)irq.Irq);
            }
        }

        private static void ConfigureCpu()
        {
            Scb.Shpr2.Modify(0xFFu << Scb.Shpr2SvcShift, (uint)LowestPriority << Scb.Shpr2SvcShift);
            Scb.Shpr3.Modify((0xFFu << Scb.Shpr3PendSvShift) | (0xFFu << Scb.Shpr3SysTickShift),
                ((uint)LowestPriority << Scb.Shpr3PendSvShift) | ((uint)LowestPriority << Scb.Shpr3SysTickShift));
            Scb.Shpr1.Write(HighestPriority);
            Scb.Shcsr.SetBits(Scb.ShcsrMemFaultEnable | Scb.ShcsrBusFaultEnable | Scb.ShcsrUsageFaultEnable);
            Scb.Ccr.SetBits(Scb.CcrDivideByZeroTrap);
            Scb.Cpacr.SetBits(Scb.CpacrFpuFullAccess);
            Mpu.Ctrl.Write(MpuCtrlEnable | MpuCtrlPrivilegedDefaultMap);
        }

        // ---- Kernel entries (called from Exceptions.S with the current thread saved) ----

        [UnmanagedCallersOnly(EntryPoint = "keel_svc_entry")]
        private static void OnSvc()
        {
            int caller = s_kernel.Current;
            if (caller == KernelState.NoThread)
            {
                SwitchTo(Kernel.Kernel.Schedule(ref s_kernel));
                return;
            }
            ref ThreadRegisters regs = ref s_kernel.Threads[caller].Regs;
            if (regs.R11 >= PlatformCalls.First)
            {
                PlatformCalls.Handle(ref regs, ref s_tasks[caller], s_halt);
                SwitchTo(caller);
                return;
            }
            SwitchTo(Kernel.Kernel.Syscall(ref s_kernel, caller));
        }

        [UnmanagedCallersOnly(EntryPoint = "keel_pendsv_entry")]
        private static void OnPendSv() => SwitchTo(Kernel.Kernel.Schedule(ref s_kernel));

        [UnmanagedCallersOnly(EntryPoint = "keel_systick_entry")]
        private static void OnSysTick() => SwitchTo(Kernel.Kernel.Tick(ref s_kernel));

        // An external interrupt: masked here until its owner acknowledges it, so a
        // level-triggered source cannot storm the kernel in the meantime.
        [UnmanagedCallersOnly(EntryPoint = "keel_irq_entry")]
        private static void OnInterrupt()
        {
            uint irq = (Scb.Icsr.Read() & Scb.IcsrActiveMask) - 16;
            Nvic.Disable(irq);
            SwitchTo(Kernel.Kernel.Interrupt(ref s_kernel, irq));
        }

        [UnmanagedCallersOnly(EntryPoint = "keel_fault_entry")]
        private static void OnTaskFault(uint exception)
        {
            int thread = s_kernel.Current;
            FaultInfo fault = FaultInfo.Read(exception, s_contexts[thread].HardwareFrame);
            SwitchTo(Kernel.Kernel.Fault(ref s_kernel, thread, fault.Kind, fault.Pc, fault.Address, fault.Status));
        }

        [UnmanagedCallersOnly(EntryPoint = "keel_kernel_fault")]
        private static void OnKernelFault(uint* frame, uint exception, uint exceptionReturn)
        {
            FaultInfo fault = FaultInfo.Read(exception, frame);
            Console.Write("\nkernel fault: ");
            fault.Print();
            Console.Write(" lr ");
            Console.WriteHex(frame[5]);
            Console.Write(" hfsr ");
            Console.WriteHex(Scb.Hfsr.Read());
            Console.WriteLine();
            Keel.Runtime.Panic.Fail("fault in the kernel");
        }

        // ---- Switching ----

        private static void SwitchTo(int next)
        {
            if (next == KernelState.NoThread)
                Keel.Runtime.Panic.Fail("no runnable thread: give the application an idle task at the lowest priority");
            ref Tcb thread = ref s_kernel.Threads[next];
            if (thread.RestartPending)
                Rebuild(next, ref thread);
            if (next != s_mpuOwner)
                LoadMpu(next);
            SetCurrent((ThreadRegisters*)Unsafe(ref thread.Regs), (ThreadContext*)Unsafe(ref s_contexts[next]));
        }

        // A (re)started task: fresh statics from its image, cleared registers, and an
        // exception frame at the top of its stack that "returns" to its entry point.
        private static void Rebuild(int task, ref Tcb thread)
        {
            ref TaskImage image = ref s_images[task];
            uint* from = (uint*)image.DataLoad;
            for (uint* to = (uint*)image.DataStart; to < (uint*)image.DataEnd; to++, from++)
                *to = *from;
            for (uint* to = (uint*)image.BssStart; to < (uint*)image.BssEnd; to++)
                *to = 0;

            uint* frame = (uint*)thread.StackTop - 8;
            for (int i = 0; i < 5; i++)
                frame[i] = 0; // r0-r3, r12
            frame[5] = 0; // lr: keel_task_start never returns
            frame[6] = thread.EntryPoint & ~1u;
            frame[7] = ThumbState;
            thread.Regs = default;
            s_contexts[task].StackPointer = (uint)frame;
            s_contexts[task].ExceptionReturn = ThreadContext.ReturnToThreadOnProcessStack;
            thread.RestartPending = false;
        }

        private static void LoadMpu(int task)
        {
            ref TaskConfig config = ref s_tasks[task];
            for (int region = 0; region < MpuRegions; region++)
            {
                Mpu.Rnr.Write((uint)region);
                if (region < config.RegionCount)
                {
                    ref MpuRegionConfig r = ref s_regions[config.FirstRegion + region];
                    Mpu.Rbar.Write(r.Rbar);
                    Mpu.Rasr.Write(r.Rasr);
                }
                else
                {
                    Mpu.Rasr.Write(0);
                }
            }
            s_mpuOwner = task;
        }

        // ---- Platform hooks the kernel calls ----

        private static void UnmaskIrq(uint irq) => Nvic.Enable(irq);

        private static void ReportUnhandledFault(int thread, FaultKind kind, uint pc, uint address, uint status)
        {
            Console.Write("keel: task ");
            Console.Write(s_taskName(thread));
            Console.Write(" faulted (");
            Console.Write(FaultInfo.KindName(kind));
            Console.Write(") at pc ");
            Console.WriteHex(pc);
            Console.Write(", address ");
            Console.WriteHex(address);
            Console.WriteLine(", and has no fault handler: suspended");
        }
    }
}
