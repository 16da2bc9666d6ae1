// The control: serves IThermostat. Each reading turns the heater (the LED on PA5,
// through sys) on below Setpoint.Low and off above Setpoint.High; a failed reading turns
// it off, since a heater must not run on a temperature nobody knows. Each decision is
// reported on the console and, through the usart driver, on USART1.
using System;
using System.Runtime.InteropServices;
using Keel.Drivers;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;
using Console = Keel.UserLib.Console;

namespace Keel.Examples.Thermostat
{
    internal struct Control : IThermostat
    {
        public const ushort Led = 1 << 5;   // PA5, the heater

        private readonly SysClient _sys;
        private readonly UsartClient _usart;
        private bool _heating;

        public Control(SysClient sys, UsartClient usart)
        {
            _sys = sys;
            _usart = usart;
            _heating = false;
        }

        public Error Report(Error reading, short celsius, out bool heating)
        {
            if (reading != Error.Ok)
                _heating = false;
            else if (celsius < Setpoint.Low)
                _heating = true;
            else if (celsius > Setpoint.High)
                _heating = false;
            heating = _heating;

            Error led = _heating ? _sys.Write(Port.A, Led, 0) : _sys.Write(Port.A, 0, Led);
            if (reading == Error.Ok)
            {
                Console.WriteDecimal((uint)(celsius < 0 ? -celsius : celsius));
                Console.Write(celsius < 0 ? " C below zero" : " C");
            }
            else
            {
                Console.Write("no temperature (");
                Console.Write(reading);
                Console.Write(")");
            }
            Console.Write(_heating ? ", heater on" : ", heater off");
            Console.Write(", LED ");
            Console.Write(led);
            Console.Write(", UART ");
            Console.Write(Send(_heating ? "heater on\n"u8 : "heater off\n"u8));
            Console.WriteLine();
            return Error.Ok;
        }

        // Writes the report line on USART1; the driver's buffer takes it whole or in part.
        private readonly Error Send(ReadOnlySpan<byte> line)
        {
            Error status = _usart.Write(line, out int accepted);
            return status == Error.Ok && accepted < line.Length ? Error.WouldBlock : status;
        }
    }

    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var sys = new SysClient(Caps.Led);
            Error configured = sys.Configure(Port.A, Control.Led, PinMode.Output, OutputType.PushPull, Pull.None, 0);
            Console.WriteLine("LED configured: ", configured);
            var control = new Control(sys, new UsartClient(Caps.Usart));
            ThermostatServer.Serve(ref control, Caps.Requests);
        }
    }
}
