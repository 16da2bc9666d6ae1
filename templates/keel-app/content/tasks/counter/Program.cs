// The counter: serves ICounter, keeping a running total in its own RAM, which no
// other task can read or write.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace KeelApp.Counter
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("counter: ready");
            var counter = new RunningTotal();
            CounterServer.Serve(ref counter, Caps.Requests);
        }
    }

    internal struct RunningTotal : ICounter
    {
        private uint _total;

        public Error Add(uint amount, out uint total)
        {
            total = _total;
            if (amount > CounterLimits.MaxAmount)
                return Error.InvalidArgument;
            _total += amount;
            total = _total;
            return Error.Ok;
        }
    }
}
