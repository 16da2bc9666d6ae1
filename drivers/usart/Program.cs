// The USART driver task's entry and loop: the only file of the driver that makes
// system calls. It builds the logic (UsartDriver.cs) over its instance's registers
// (app.toml's [tasks.<name>.config], generated into DriverConfig: the build grants the
// instance's region), then serves IUsart on its `requests` endpoint and the
// instance's interrupt on its bound notification from one loop: a request
// goes to the generated UsartServer, a notification to UsartDriver.OnInterrupt, after
// which the interrupt is acknowledged (`irq`) and the subscriber signalled if it has
// something to hear.
//
// Clock and pins: through its `sys` slot (the sys task's endpoint, with the badge the
// build mints from the configuration) it enables the instance's clock and routes its
// TX and RX pins to their alternate function first, as a board needs (through
// `sys-<port>` for a pin on another port).
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

        private static readonly byte[] s_transmit = new byte[256];
        private static readonly byte[] s_receive = new byte[256];

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Error pins = new SysClient(Caps.Sys).EnableClock(DriverConfig.Peripheral);
            if (pins == Error.Ok)
                pins = new SysClient(DriverConfig.TxSys).Configure(DriverConfig.TxPort, DriverConfig.TxPin, PinMode.Alternate, OutputType.PushPull, Pull.Up, DriverConfig.TxAlternateFunction);
            if (pins == Error.Ok)
                pins = new SysClient(DriverConfig.RxSys).Configure(DriverConfig.RxPort, DriverConfig.RxPin, PinMode.Alternate, OutputType.PushPull, Pull.Up, DriverConfig.RxAlternateFunction);
            if (pins != Error.Ok)
            {
                Console.WriteLine("usart: sys refused the clock or the pins: ", pins);
                return;
            }
            var service = new Service
            {
                Driver = new UsartDriver<MmioBlock>(new MmioBlock(DriverConfig.RegistersBase), s_transmit, s_receive),
            };
            service.Driver.Start(DriverConfig.BusClockHz, DriverConfig.Baud);

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
