// The reporter: prints a few lines with the ordinary Console API, which its app.toml
// (console = "usart") sends to USART1 through the USART driver instead of the kernel's
// debug console. One line is longer than the driver takes in one Write (48 bytes), and
// one has a character that is not ASCII. It then waits two ticks of its tick signal,
// for the driver to send what it still holds, and ends the run.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Examples.UartConsole
{
    public static class Program
    {
        private const uint Lines = 3;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("reporter: hello from USART1");
            for (uint line = 1; line <= Lines; line++)
            {
                Console.Write("reporter: reading ");
                Console.WriteDecimal(line);
                Console.Write(" of ");
                Console.WriteDecimal(Lines);
                Console.Write(" = ");
                Console.WriteHex(0xC0DE0000 + line);
                Console.WriteLine();
            }
            Console.WriteLine("reporter: a line longer than one write to the driver, which takes 48 bytes at a time");
            Console.WriteLine("reporter: 21\u00b0C");
            Console.WriteLine("reporter: done: ", Error.Ok);

            for (int tick = 0; tick < 2; tick++)
                Notifications.Wait(Caps.Tick, out _);
            Task.Halt(0);
        }
    }
}
