// The sys task's entry and loop: the only file of sys that makes system calls. It
// builds the logic (SysDriver.cs) over the chip's registers, reached through the
// regions app.toml grants it (`rcc`, `gpio`, `syscfg-exti`), then serves ISys on its
// `requests` endpoint and the EXTI interrupts on its bound notification from one loop:
// a request is handled by the generated SysServer, a notification (its word the OR of
// the EXTI interrupts' badges) by SysDriver.HandleInterrupts.
//
// Its CSpace, in the order app.toml declares it (docs/drivers.md lists the slots):
// `requests`, the IRQ-handler caps `exti0` .. `exti4`, `exti9_5`, `exti15_10`, then
// free slots: the first receives a subscriber's notification, the 16 after it keep one
// per EXTI line (so sys needs cap-slots = its 8 caps + 1 + 1 + 16 = 26).
using System.Runtime.InteropServices;
using Keel.Drivers;
using Keel.Hal;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;
using Console = Keel.UserLib.Console;

namespace Keel.Drivers.SysTask
{
    public static class Program
    {
        private const uint ReceiveSlot = Caps.FirstFreeSlot;
        private const uint FirstLineSlot = Caps.FirstFreeSlot + 1;

        // The badge of each EXTI line's subscriber, built into the image.
        private static readonly uint[] s_subscribers = new uint[Exti.PinLines];

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var sys = new SysDriver<MmioBlock, KernelCalls>(
                new MmioBlock(Rcc.Base), new MmioBlock(GpioPort.FirstPortBase), new MmioBlock(Syscfg.Base), new MmioBlock(Exti.Base),
                default, FirstLineSlot, s_subscribers);
            sys.Start();

            Message message = SysServer.Receive(Caps.Requests, ReceiveSlot);
            while (message.Status == Error.Ok)
            {
                if (message.Notified)
                {
                    sys.HandleInterrupts(message.Badge);
                    message = SysServer.Receive(Caps.Requests, ReceiveSlot);
                }
                else
                {
                    message = SysServer.Handle(ref sys, in message, Caps.Requests, ReceiveSlot);
                }
            }
            // Only a receive on a capability that is gone ends the loop.
            Console.WriteLine("sys: stopped: ", message.Status);
        }

        // The kernel's side of EXTI subscriptions, with userlib's system calls.
        private struct KernelCalls : ISysKernel
        {
            public Error Move(uint source, uint destination) => CSpaceOps.Move(source, destination);

            public Error Delete(uint slot) => CSpaceOps.Delete(slot);

            public bool IsSignallableNotification(uint slot) =>
                CSpaceOps.Identify(slot, out CapType type, out Rights rights) == Error.Ok
                && type == CapType.Notification && (rights & Rights.Write) != 0;

            public Error Signal(uint slot) => Notifications.Signal(slot);

            public Error AcknowledgeIrq(int group) => Notifications.AcknowledgeIrq(group switch
            {
                0 => Caps.Exti0,
                1 => Caps.Exti1,
                2 => Caps.Exti2,
                3 => Caps.Exti3,
                4 => Caps.Exti4,
                ExtiGroups.Lines5To9 => Caps.Exti95,
                _ => Caps.Exti1510,
            });
        }
    }
}
