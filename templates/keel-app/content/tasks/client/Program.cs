// The client: adds to the counter through its capability, then tries to read
// memory it was not given. The MPU stops that load, and the kernel sends the fault to
// the client's fault handler (the supervisor); the client never reaches the line after.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace KeelApp.Client
{
    public static unsafe class Program
    {
        // RCC, the chip's reset and clock controller: no task of this application was granted it.
        private const uint ClockController = 0x4002_3800;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var counter = new CounterClient(Caps.Counter);
            for (uint amount = 1; amount <= 3; amount++)
            {
                Error status = counter.Add(amount * 10, out uint total);
                Console.Write("added ");
                Console.WriteDecimal(amount * 10);
                Console.Write(", total ");
                Console.WriteDecimal(total);
                Console.WriteLine(": ", status);
            }
            Console.WriteLine("adding 5000: ", counter.Add(5000, out _));
            Console.WriteLine("reading the clock controller, which was not granted");
            uint stolen = *(uint*)ClockController;
            Console.Write("read ");
            Console.WriteHex(stolen);
            Console.WriteLine(" - isolation is broken");
        }
    }
}
