// The echo client: reads USART1 through the USART driver and writes every line back,
// prefixed "echo: ", until the line has been quiet for IdleMilliseconds, which the
// timer service tells it. It holds no peripheral: only the drivers' endpoints and
// one notification (`events`) that the USART driver signals with badge 1 (bytes
// arrived, or transmit room freed) and the timer service with badge 2 (the deadline).
// Before it ends the run it sleeps 10 ms (TimerSleep.Sleep) so that the driver has
// sent its goodbye.
using System;
using System.Runtime.InteropServices;
using Keel.Drivers;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;
using Console = Keel.UserLib.Console;

namespace Keel.Examples.UartEcho
{
    public static class Program
    {
        private const uint UsartBit = 1;
        private const uint TimerBit = 2;
        private const uint IdleMilliseconds = 1500;
        private const int LineCapacity = 64;

        private static readonly byte[] s_line = new byte[LineCapacity];

        // Signals that Send's waits took while the main loop was not waiting.
        private static uint s_pending;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var usart = new UsartClient(Caps.Usart);
            var timer = new TimerClient(Caps.Timer);
            if (!Check("subscribing to the USART", usart.Subscribe(Caps.UsartEvents))
                || !Check("subscribing to the timer", timer.Subscribe(Caps.TimerEvents))
                || !Check("arming the idle deadline", timer.SetDeadline(IdleMilliseconds)))
                return;
            Console.WriteLine("ready");

            int length = 0;
            uint lines = 0;
            Span<byte> received = stackalloc byte[UsartLimits.MaxTransfer];
            while (true)
            {
                uint word = s_pending | Notifications.Wait(Caps.Events, out Error waited);
                s_pending = 0;
                if (!Check("waiting", waited))
                    return;
                if ((word & UsartBit) != 0)
                {
                    // Everything that arrived, a line at a time; the deadline moves on.
                    while (usart.Read(received, out int count) == Error.Ok && count > 0)
                    {
                        timer.SetDeadline(IdleMilliseconds);
                        for (int i = 0; i < count; i++)
                        {
                            byte value = received[i];
                            if (value == (byte)'\r')
                                continue;
                            if (value != (byte)'\n' && length < LineCapacity)
                            {
                                s_line[length++] = value;
                                continue;
                            }
                            if (value != (byte)'\n')
                                continue;   // a line longer than LineCapacity keeps its start
                            lines++;
                            Console.Write("line ");
                            Console.WriteDecimal(lines);
                            Console.Write(", ");
                            Console.WriteDecimal((uint)length);
                            Console.WriteLine(" bytes");
                            Send(usart, "echo: "u8);
                            Send(usart, new ReadOnlySpan<byte>(s_line, 0, length));
                            Send(usart, "\n"u8);
                            length = 0;
                        }
                    }
                }
                if ((word & TimerBit) != 0)
                {
                    Send(usart, "bye\n"u8);
                    // The driver sends from its buffer: give it the 0.35 ms that 4 bytes
                    // take at 115200 baud, and some, before the run ends.
                    timer.Sleep(10, Caps.Events, TimerBit, out _);
                    Console.Write("no input for ");
                    Console.WriteDecimal(IdleMilliseconds);
                    Console.Write(" ms after ");
                    Console.WriteDecimal(lines);
                    Console.WriteLine(" lines: stopping");
                    Task.Halt(0);
                    return;
                }
            }
        }

        // Hands all of `data` to the driver, waiting for its signal when its transmit
        // buffer is full. A deadline that comes meanwhile is kept for the main loop.
        private static void Send(UsartClient usart, ReadOnlySpan<byte> data)
        {
            while (data.Length > 0)
            {
                ReadOnlySpan<byte> chunk = data.Length > UsartLimits.MaxTransfer ? data.Slice(0, UsartLimits.MaxTransfer) : data;
                if (!Check("writing", usart.Write(chunk, out int accepted)))
                    return;
                data = data.Slice(accepted);
                if (accepted == 0)
                    s_pending |= Notifications.Wait(Caps.Events, out _);
            }
        }

        private static bool Check(string what, Error status)
        {
            if (status == Error.Ok)
                return true;
            Console.Write(what);
            Console.WriteLine(" failed: ", status);
            Task.Halt(1);
            return false;
        }
    }
}
