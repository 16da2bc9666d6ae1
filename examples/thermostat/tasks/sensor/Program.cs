// The sensor: every Period milliseconds (the timer service's deadline) it reads the
// temperature of a TI TMP103 at 0x70 on I2C1 through the i2c driver, and reports the
// reading, or the driver's error, to the control task. After Rounds readings it ends
// the run. It holds endpoint capabilities to the i2c driver, the timer and the
// control, and a notification the timer signals; no peripheral at all.
//
// The TMP103 keeps its temperature in register 0 as a signed byte in degrees Celsius:
// a register read is WriteRead(address, [register], 1 byte). On QEMU, which models no
// I2C, every read ends in the driver's Timeout.
using System;
using System.Runtime.InteropServices;
using Keel.Drivers;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Examples.Thermostat
{
    public static class Program
    {
        private const byte Tmp103Address = 0x70;
        private const byte Tmp103Temperature = 0x00;
        private const uint Period = 100;
        private const int Rounds = 3;
        // The timer's bit on the wake notification (app.toml, timer-events' badge).
        private const uint TimerBit = 1;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var i2c = new I2cClient(Caps.I2c);
            var timer = new TimerClient(Caps.Timer);
            var control = new ThermostatClient(Caps.Control);
            Error subscribed = timer.Subscribe(Caps.TimerEvents);
            if (subscribed != Error.Ok)
            {
                Console.WriteLine("the timer refused the subscription: ", subscribed);
                Task.Halt(1);
                return;
            }

            Span<byte> register = stackalloc byte[1] { Tmp103Temperature };
            Span<byte> value = stackalloc byte[1];
            for (int round = 1; round <= Rounds; round++)
            {
                Error slept = timer.Sleep(Period, Caps.Wake, TimerBit, out _);
                if (slept != Error.Ok)
                {
                    Console.WriteLine("the timer failed: ", slept);
                    Task.Halt(1);
                    return;
                }
                Error reading = i2c.WriteRead(Tmp103Address, register, value);
                Error reported = control.Report(reading, (sbyte)value[0], out bool heating);
                Console.Write("reading ");
                Console.WriteDecimal((uint)round);
                Console.Write(": ");
                Console.Write(reading);
                Console.Write(", heater ");
                Console.WriteLine(heating ? "on" : "off");
                if (reported != Error.Ok)
                {
                    Console.WriteLine("the control failed: ", reported);
                    Task.Halt(1);
                    return;
                }
            }
            Console.WriteLine("done");
            Task.Halt(0);
        }
    }
}
