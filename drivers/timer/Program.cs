// The timer service task's entry and loop: the only file of the service that makes
// system calls. It builds the logic (TimerService.cs) over TIM5's registers (the
// `tim5` region app.toml grants it), then serves ITimer on its `requests` endpoint and
// TIM5's interrupt (IRQ 50) on its bound notification from one loop. After every
// message it asks the logic which deadlines have come (TimerService.Update, which also
// programs the next interrupt) and signals each of those clients' notifications.
//
// Clock: through its `sys` slot (the sys task's endpoint, badge
// SysBadge.For(Port.A, 0, Peripheral.Tim5)) it enables TIM5's clock first, as a board
// needs.
//
// Its CSpace (docs/drivers.md lists the slots): `requests`, `irq`, `sys`,
// then free slots: the first receives a transferred notification, the
// TimerService.MaxClients after it keep one per client record (so cap-slots = its
// caps + 1 + MaxClients).
using System.Runtime.InteropServices;
using Keel.Drivers.Timer;
using Keel.Hal;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;
using Console = Keel.UserLib.Console;

namespace Keel.Drivers.TimerTask
{
    public static class Program
    {
        private const uint ReceiveSlot = Caps.FirstFreeSlot;
        private const uint FirstClientSlot = Caps.FirstFreeSlot + 1;
        private const int MaxClients = TimerService<MmioBlock>.MaxClients;

        private static readonly TimerClientRecord[] s_clients = new TimerClientRecord[MaxClients];

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Error clock = new SysClient(Caps.Sys).EnableClock(Peripheral.Tim5);
            if (clock != Error.Ok)
            {
                Console.WriteLine("timer: sys refused TIM5's clock: ", clock);
                return;
            }
            var service = new Service { Timer = new TimerService<MmioBlock>(new MmioBlock(TimerRegisters.Tim5Base), s_clients) };
            service.Timer.Start();

            Message message = TimerServer.Receive(Caps.Requests, ReceiveSlot);
            while (message.Status == Error.Ok)
            {
                if (message.Notified)
                {
                    SignalDue(ref service.Timer);
                    Notifications.AcknowledgeIrq(Caps.Irq);
                    message = TimerServer.Receive(Caps.Requests, ReceiveSlot);
                }
                else
                {
                    // SetDeadline and Cancel reprogram the timer (and signal a deadline
                    // of 0) before their reply.
                    message = TimerServer.Handle(ref service, in message, Caps.Requests, ReceiveSlot);
                }
            }
            Console.WriteLine("timer: stopped: ", message.Status);
        }

        private static void SignalDue(ref TimerService<MmioBlock> timer)
        {
            uint due = timer.Update();
            for (int client = 0; due != 0; client++, due >>= 1)
            {
                if ((due & 1) != 0)
                    Notifications.Signal(FirstClientSlot + (uint)client);
            }
        }

        private struct Service : ITimer
        {
            public TimerService<MmioBlock> Timer;

            public Error Now(out uint milliseconds)
            {
                milliseconds = Timer.NowMilliseconds();
                return Error.Ok;
            }

            public Error Subscribe(uint notification)
            {
                if (CSpaceOps.Identify(notification, out CapType type, out Rights rights) != Error.Ok
                    || type != CapType.Notification || (rights & Rights.Write) == 0)
                    return Error.InvalidArgument;
                Error taken = Timer.Subscribe(Caller.Badge, out int client);
                if (taken != Error.Ok)
                    return taken;
                uint slot = FirstClientSlot + (uint)client;
                CSpaceOps.Delete(slot);
                return CSpaceOps.Move(notification, slot);
            }

            public Error SetDeadline(uint millisecondsFromNow)
            {
                Error status = Timer.SetDeadline(Caller.Badge, millisecondsFromNow);
                if (status == Error.Ok)
                    SignalDue(ref Timer);
                return status;
            }

            public Error Cancel()
            {
                Error status = Timer.Cancel(Caller.Badge);
                if (status == Error.Ok)
                    SignalDue(ref Timer);
                return status;
            }
        }
    }
}
