// The counter: serves ICounter (RunningTotal.cs), keeping a running total in its own
// RAM, which no other task can read or write.
using System.Runtime.InteropServices;
using Keel.Tasks;
using Keel.UserLib;

namespace KeelApp.Counter
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("ready");
            var counter = new RunningTotal();
            CounterServer.Serve(ref counter, Caps.Requests);
        }
    }
}
