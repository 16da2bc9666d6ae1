// The button task: each press of the Nucleo-F401RE's blue user button (B1, on PC13,
// which reads low while pressed) toggles the green LED (LD2, on PA5). The press is an
// EXTI interrupt, and only sys holds EXTI: the task subscribes to PC13's falling edge,
// handing sys a capability to signal its `presses` notification, then sleeps on that
// notification; sys signals it from its own interrupt handler. Pins on two ports need
// two capabilities to sys (app.toml): `led` has PA5's badge, `button` PC13's.
//
// The task never ends: on a board it serves the button for as long as it runs. (No
// debouncing: a bouncing contact may toggle more than once per press.)
using System.Runtime.InteropServices;
using Keel.Drivers;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Examples.Button
{
    public static class Program
    {
        private const ushort Led = 1 << 5;          // PA5
        private const byte ButtonPin = 13;          // PC13

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var led = new SysClient(Caps.Led);
            var button = new SysClient(Caps.Button);

            if (!Check("PA5 configured as an output: ", led.Configure(Port.A, Led, PinMode.Output, OutputType.PushPull, Pull.None, 0))
                || !Check("PC13 configured as an input: ", button.Configure(Port.C, 1 << ButtonPin, PinMode.Input, OutputType.PushPull, Pull.None, 0))
                || !Check("subscribed to PC13's falling edge: ", button.Subscribe(Port.C, ButtonPin, Edge.Falling, Caps.PressSignal)))
                return;
            // The LED's capability gives no other pin, and the line is now taken.
            Check("driving PC13 through the LED's capability: ", led.Write(Port.C, 1 << ButtonPin, 0));
            Check("subscribing PC13 again: ", button.Subscribe(Port.C, ButtonPin, Edge.Rising, Caps.PressSignal));
            Console.WriteLine("waiting for presses");

            for (uint press = 1; ; press++)
            {
                Notifications.Wait(Caps.Presses, out Error waited);
                if (waited != Error.Ok)
                {
                    Check("waiting failed: ", waited);
                    return;
                }
                Error toggled = led.Toggle(Port.A, Led);
                Console.Write("press ");
                Console.WriteDecimal(press);
                Console.WriteLine(", LED toggled: ", toggled);
            }
        }

        private static bool Check(string what, Error status)
        {
            Console.Write(what);
            Console.Write(status);
            Console.WriteLine();
            return status == Error.Ok;
        }
    }
}
