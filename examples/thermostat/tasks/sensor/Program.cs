// The sensor: every Period milliseconds (the timer service's deadline) it reads the
// temperature of a TI TMP103 at 0x70 on I2C1, reports the reading, or the bus's error,
// to the control task, and shows it with the heater's state on an SSD1306 OLED at 0x3C
// on the same bus. After Rounds readings it ends the run. It holds endpoint
// capabilities to the i2c driver, the timer and the control, and a notification the
// timer signals; no peripheral at all.
//
// Both parts are driven by Keel.Devices' device drivers (docs/devices.md), which run in
// this task over its I2C client. On QEMU, which models no I2C, every transfer ends in
// the i2c driver's Timeout; under Renode (renode/devices.repl) the TMP103 answers with
// the temperature the monitor set and, Renode having no SSD1306, the display's address
// is not acknowledged (Nack).
using System;
using System.Runtime.InteropServices;
using Keel.Devices;
using Keel.Drivers;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Examples.Thermostat
{
    public static class Program
    {
        private const uint Period = 100;
        private const int Rounds = 3;
        // The timer's bit on the wake notification (app.toml, timer-events' badge).
        private const uint TimerBit = 1;

        private static readonly byte[] s_frame = new byte[Ssd1306.FrameBytes];

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

            var thermometer = new Tmp103<I2cClient>(i2c);
            var display = new Ssd1306<I2cClient>(i2c, s_frame);
            Console.WriteLine("display: ", display.Initialise());
            for (int round = 1; round <= Rounds; round++)
            {
                Error slept = timer.Sleep(Period, Caps.Wake, TimerBit, out _);
                if (slept != Error.Ok)
                {
                    Console.WriteLine("the timer failed: ", slept);
                    Task.Halt(1);
                    return;
                }
                Error reading = thermometer.Read(out Temperature temperature);
                // The TMP103 reads whole degrees.
                short celsius = (short)temperature.Celsius;
                Error reported = control.Report(reading, celsius, out bool heating);
                Error shown = Show(ref display, reading, celsius, heating);
                Console.Write("reading ");
                Console.WriteDecimal((uint)round);
                Console.Write(": ");
                if (reading == Error.Ok)
                    WriteCelsius(celsius);
                else
                    Console.Write(reading);
                Console.Write(", heater ");
                Console.Write(heating ? "on" : "off");
                Console.WriteLine(", display ", shown);
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

        // The reading on the display's first line ("23 C", or "no reading"), the heater on
        // the second.
        private static Error Show(ref Ssd1306<I2cClient> display, Error reading, short celsius, bool heating)
        {
            display.Clear();
            if (reading == Error.Ok)
            {
                int x = 0;
                if (celsius < 0)
                    x = display.DrawCharacter(x, 0, '-');
                uint degrees = (uint)(celsius < 0 ? -celsius : celsius);
                Span<char> digits = stackalloc char[5];
                int count = 0;
                do
                {
                    digits[count++] = (char)('0' + degrees % 10);
                    degrees /= 10;
                } while (degrees != 0);
                while (count > 0)
                    x = display.DrawCharacter(x, 0, digits[--count]);
                display.DrawText(x, 0, " C");
            }
            else
            {
                display.DrawText(0, 0, "no reading");
            }
            display.DrawText(0, 16, heating ? "heater on" : "heater off");
            return display.Show();
        }

        private static void WriteCelsius(short celsius)
        {
            if (celsius < 0)
                Console.Write('-');
            Console.WriteDecimal((uint)(celsius < 0 ? -celsius : celsius));
            Console.Write(" C");
        }
    }
}
