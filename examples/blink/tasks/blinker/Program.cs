// The blinker: the Nucleo-F401RE's green LED (LD2, on PA5) on and off through the sys
// task, at each tick of its tick signal, a fixed number of times, then the run ends.
// Its one capability to sys has the badge of PA5 alone (app.toml), so sys refuses it any
// other pin: it shows that once, on PA6, before it starts.
using System.Runtime.InteropServices;
using Keel.Drivers;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Examples.Blink
{
    public static class Program
    {
        private const ushort Led = 1 << 5;       // PA5
        private const ushort NotOurs = 1 << 6;   // PA6
        private const uint Changes = 6;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var sys = new SysClient(Caps.Led);
            Error status = sys.Configure(Port.A, Led, PinMode.Output, OutputType.PushPull, Pull.None, 0);
            Report("PA5 configured as an output: ", status);
            if (status != Error.Ok)
                Task.Halt(1);
            Report("PA6 is not ours: ", sys.Write(Port.A, NotOurs, 0));

            for (uint change = 1; change <= Changes; change++)
            {
                Notifications.Wait(Caps.Tick, out status);
                if (status != Error.Ok)
                    break;
                bool on = (change & 1) != 0;
                status = on ? sys.Write(Port.A, Led, 0) : sys.Write(Port.A, 0, Led);
                Console.Write(on ? "LED on (" : "LED off (");
                Console.WriteDecimal(change);
                Console.Write(" of ");
                Console.WriteDecimal(Changes);
                Console.WriteLine("): ", status);
                if (status != Error.Ok)
                    break;
            }
            Console.WriteLine(status == Error.Ok ? "done" : "stopped");
            Task.Halt(status == Error.Ok ? 0u : 1u);
        }

        private static void Report(string what, Error status)
        {
            Console.Write(what);
            Console.Write(status);
            Console.WriteLine();
        }
    }
}
