// The kernel image of an application: its entry point and its object pools.
//
// This file is compiled into each application's kernel image together with the
// SystemTables that `Keel.BuildTool system` generates from the application's
// app.toml (sdk/targets/Keel.App.targets), so the pools are sized by the system
// description and built by ILC at compile time: the kernel allocates nothing,
// and a system that does not fit its RAM fails at link time, not at run time. The
// debug-only platform calls are handed to the port only when the description enables
// them: a constant choice, so the other images do not hold their code at all
// (hal/Port/DebugPlatformCalls.cs).
using System.Runtime.InteropServices;
using Keel.Boards;
using Keel.Kernel;
using Keel.Port;

namespace Keel.Firmware.Boot
{
    public static unsafe class KernelMain
    {
        // Priorities 0..31 in the system description.
        private const int PriorityLevels = 32;

        private static readonly Tcb[] s_threads = new Tcb[SystemTables.TaskCount];
        private static readonly ThreadContext[] s_contexts = new ThreadContext[SystemTables.TaskCount];
        private static readonly Endpoint[] s_endpoints = new Endpoint[SystemTables.EndpointCount];
        private static readonly Notification[] s_notifications = new Notification[SystemTables.NotificationCount];
        private static readonly CNode[] s_cnodes = new CNode[SystemTables.TaskCount];
        private static readonly CapSlot[] s_slots = new CapSlot[SystemTables.TotalCapSlots];
        private static readonly ThreadQueue[] s_readyQueues = new ThreadQueue[PriorityLevels];
        private static readonly IrqBinding[] s_irqBindings = new IrqBinding[SystemTables.IrqCount];
        private static readonly TickSignal[] s_tickSignals = new TickSignal[SystemTables.TickSignalCount];

        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            KernelState kernel = default;
            kernel.Threads = s_threads;
            kernel.Endpoints = s_endpoints;
            kernel.Notifications = s_notifications;
            kernel.CNodes = s_cnodes;
            kernel.Slots = s_slots;
            kernel.ReadyQueues = s_readyQueues;
            kernel.IrqBindings = s_irqBindings;
            kernel.TickSignals = s_tickSignals;
            kernel.TimeSliceTicks = SystemTables.TimeSliceTicks;
            KernelPort.Start(ref kernel, s_contexts, SystemTables.Tasks, SystemTables.Regions, SystemTables.Caps, SystemTables.Irqs,
                SystemTables.TickSignals, SystemTables.UnprivilegedIrqTrigger,
                SystemTables.DebugInvariants ? DebugPlatformCalls.Entries : DebugCalls.None, Board.CoreClockHz, SystemTables.TickHz, &SystemTables.TaskName, &Board.Stop);
        }
    }
}
