// A Call / ReplyRecv exchange between two kernel threads, and a Call the kernel must
// refuse, run by the real kernel code on the chip. Pools are static arrays built at
// compile time, as the system description will make them.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.Boards;
using Keel.Hal;
using Keel.Kernel;

namespace Keel.Tests.Images
{
    public static unsafe class KernelCore
    {
        private const int Client = 0;
        private const int Server = 1;
        private const uint EndpointSlot = 1;
        private const uint SendOnlySlot = 2;
        private const int SlotsPerThread = 4;

        private static readonly Tcb[] s_threads = new Tcb[2];
        private static readonly Endpoint[] s_endpoints = new Endpoint[1];
        private static readonly Notification[] s_notifications = new Notification[1];
        private static readonly CNode[] s_cnodes = new CNode[2];
        private static readonly CapSlot[] s_slots = new CapSlot[2 * SlotsPerThread];
        private static readonly ThreadQueue[] s_readyQueues = new ThreadQueue[4];
        private static readonly IrqBinding[] s_irqBindings = new IrqBinding[1];
        private static readonly TickSignal[] s_tickSignals = new TickSignal[0];
        private static readonly uint[] s_ipcBuffers = new uint[2 * IpcBuffer.Words];
        private static KernelState s_kernel;

        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            Boot();
            Console.WriteLine("kernel-core: booted 2 threads");

            // Whoever runs first, the server must be waiting before the client calls.
            if (s_kernel.Current == Client)
                Enter(Client, SyscallNumber.Yield);
            Expect(Enter(Server, SyscallNumber.Recv, EndpointSlot) == Client, "server blocks in Recv, client runs");
            Expect(Enter(Client, SyscallNumber.Call, EndpointSlot, MessageInfo.Create(5, 1, 0).Raw, mr0: 40) == Server, "Call hands over to the server");

            ref ThreadRegisters server = ref s_threads[Server].Regs;
            Console.Write("server got label ");
            Console.WriteDecimal(server.Info.Label);
            Console.Write(" badge ");
            Console.WriteDecimal(server.Badge);
            Console.Write(" mr0 ");
            Console.WriteDecimal(server.R7);
            Console.WriteLine();

            Expect(Enter(Server, SyscallNumber.ReplyRecv, EndpointSlot, MessageInfo.Create(6, 1, 0).Raw, mr0: server.R7 + 2) == Client, "ReplyRecv resumes the client");
            ref ThreadRegisters client = ref s_threads[Client].Regs;
            Console.Write("client got status ");
            Console.WriteDecimal((uint)client.Status);
            Console.Write(" label ");
            Console.WriteDecimal(client.Info.Label);
            Console.Write(" mr0 ");
            Console.WriteDecimal(client.R7);
            Console.WriteLine();

            Enter(Client, SyscallNumber.Call, SendOnlySlot, MessageInfo.Create(7, 1, 0).Raw, mr0: 1);
            Console.Write("Call without a reply right: status ");
            Console.WriteDecimal((uint)client.Status);
            Console.Write(", server still ");
            Console.WriteLine(s_threads[Server].State == ThreadState.BlockedOnReceive ? "waiting" : "disturbed");

            Board.Stop(Board.ExitSuccess);
        }

        private static void Boot()
        {
            s_kernel.Threads = s_threads;
            s_kernel.Endpoints = s_endpoints;
            s_kernel.Notifications = s_notifications;
            s_kernel.CNodes = s_cnodes;
            s_kernel.Slots = s_slots;
            s_kernel.ReadyQueues = s_readyQueues;
            s_kernel.IrqBindings = s_irqBindings;
            s_kernel.TickSignals = s_tickSignals;
            s_kernel.TimeSliceTicks = 10;
            uint* buffers = (uint*)Unsafe.AsPointer(ref s_ipcBuffers[0]);
            for (int t = 0; t < 2; t++)
            {
                s_cnodes[t].FirstSlot = t * SlotsPerThread;
                s_cnodes[t].SlotCount = SlotsPerThread;
                s_threads[t].CSpace = t;
                s_threads[t].Priority = 1;
                s_threads[t].IpcBuffer = buffers + t * IpcBuffer.Words;
            }
            Kernel.Kernel.Initialise(ref s_kernel);
            Kernel.Kernel.InstallCapability(ref s_kernel, Client * SlotsPerThread + (int)EndpointSlot, Capability.Create(CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, 7));
            Kernel.Kernel.InstallCapability(ref s_kernel, Client * SlotsPerThread + (int)SendOnlySlot, Capability.Create(CapType.Endpoint, 0, Rights.Write, 9));
            Kernel.Kernel.InstallCapability(ref s_kernel, Server * SlotsPerThread + (int)EndpointSlot, Capability.Create(CapType.Endpoint, 0, Rights.Read, 0));
            Kernel.Kernel.StartThread(ref s_kernel, Client);
            Kernel.Kernel.StartThread(ref s_kernel, Server);
            s_kernel.Current = Kernel.Kernel.Schedule(ref s_kernel);
        }

        // What the hardware layer does on an SVC: the thread's registers hold the call.
        private static int Enter(int thread, SyscallNumber number, uint cap = 0, uint info = 0, uint mr0 = 0)
        {
            ref ThreadRegisters regs = ref s_threads[thread].Regs;
            regs.R4 = cap;
            regs.R5 = info;
            regs.R6 = 0;
            regs.R7 = mr0;
            regs.R11 = (uint)number;
            int next = Kernel.Kernel.Syscall(ref s_kernel, thread);
            s_kernel.Current = next;
            return next;
        }

        private static void Expect(bool condition, string what)
        {
            Console.Write(condition ? "ok: " : "FAILED: ");
            Console.WriteLine(what);
        }
    }
}
