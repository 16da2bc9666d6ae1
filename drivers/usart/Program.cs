// The USART driver task's entry and loop: the only file of the driver that makes
// system calls. It builds the logic (UsartDriver.cs) over USART1's registers (the
// `usart1` region app.toml grants it), then serves IUsart on its `requests` endpoint
// and USART1's interrupt (IRQ 37) on its bound notification from one loop: a request
// goes to the generated UsartServer, a notification to UsartDriver.OnInterrupt, after
// which the interrupt is acknowledged (`irq`) and the subscriber signalled if it has
// something to hear.
//
// Clock and pins: through its `sys` slot (the sys task's endpoint, badge
// SysBadge.For(Port.A, PA9 | PA10, Peripheral.Usart1)) it enables USART1's clock and
// routes PA9 (TX) and PA10 (RX) to alternate function 7 first, as a board needs.
//
// Its CSpace (docs/drivers.md lists the slots): `requests`, `irq`, `sys`,
// then free slots: the first receives a transferred notification, the second keeps the
// subscriber's (so cap-slots = its caps + 3).
using System;
using System.Runtime.InteropServices;
using Keel.Drivers.Usart;
using Keel.Hal;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;
using Console = Keel.UserLib.Console;

namespace Keel.Drivers.UsartTask
{
    public static class Program
    {
        private const uint ReceiveSlot = Caps.FirstFreeSlot;
        private const uint SubscriberSlot = Caps.FirstFreeSlot + 1;

        // USART1 is on APB2, at 84 MHz on both boards (board/*/Board.cs).
        private const uint BusClockHz = 84_000_000;
        private const uint Baud = 115_200;
        private const ushort Pins = (1 << 9) | (1 << 10);
        private const byte AlternateFunctionUsart = 7;

        private static readonly byte[] s_transmit = new byte[256];
        private static readonly byte[] s_receive = new byte[256];

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var sys = new SysClient(Caps.Sys);
            Error clock = sys.EnableClock(Peripheral.Usart1);
            Error pins = clock == Error.Ok ? sys.Configure(Port.A, Pins, PinMode.Alternate, OutputType.PushPull, Pull.Up, AlternateFunctionUsart) : clock;
            if (pins != Error.Ok)
            {
                Console.WriteLine("usart: sys refused USART1's clock or pins: ", pins);
                return;
            }
            var service = new Service
            {
                Driver = new UsartDriver<MmioBlock>(new MmioBlock(Keel.Hal.Stm32f4.Usart.Usart1.Base), s_transmit, s_receive),
            };
            service.Driver.Start(BusClockHz, Baud);

            Message message = UsartServer.Receive(Caps.Requests, ReceiveSlot);
            while (message.Status == Error.Ok)
            {
                if (message.Notified)
                {
                    UsartEvents events = service.Driver.OnInterrupt();
                    Notifications.AcknowledgeIrq(Caps.Irq);
                    if (events != UsartEvents.None && service.Subscribed)
                        Notifications.Signal(SubscriberSlot);
                    message = UsartServer.Receive(Caps.Requests, ReceiveSlot);
                }
                else
                {
                    message = UsartServer.Handle(ref service, in message, Caps.Requests, ReceiveSlot);
                }
            }
            // Only a receive on a capability that is gone ends the loop.
            Console.WriteLine("usart: stopped: ", message.Status);
        }

        private struct Service : IUsart
        {
            public UsartDriver<MmioBlock> Driver;
            public bool Subscribed;

            public Error Write(ReadOnlySpan<byte> data, out int accepted) => Driver.Write(data, out accepted);

            public Error Read(Span<byte> buffer, out int received) => Driver.Read(buffer, out received);

            // Keeps a notification the driver may signal; anything else is refused and
            // the previous subscriber stays.
            public Error Subscribe(uint notification)
            {
                if (CSpaceOps.Identify(notification, out CapType type, out Rights rights) != Error.Ok
                    || type != CapType.Notification || (rights & Rights.Write) == 0)
                    return Error.InvalidArgument;
                CSpaceOps.Delete(SubscriberSlot);
                Error moved = CSpaceOps.Move(notification, SubscriberSlot);
                Subscribed = moved == Error.Ok;
                return moved;
            }

            public Error Losses(out uint overruns, out uint dropped)
            {
                overruns = Driver.Overruns;
                dropped = Driver.Dropped;
                return Error.Ok;
            }
        }
    }
}
