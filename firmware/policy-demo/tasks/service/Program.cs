// The service: answers each request with twice its number, telling clients apart
// only by the badge of the capability they called through. Every request is written
// to the journal first (a Call to a lower-priority task), so the service is busy,
// and not waiting for requests, until the journal has answered.
using System.Runtime.InteropServices;
using Keel.Demo;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Service
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("ready");
            var service = new DoublingService();
            ServiceServer.Serve(ref service, Caps.Requests);
        }
    }

    internal struct DoublingService : IService
    {
        private uint _served;

        public Error Request(uint number, out uint answer)
        {
            _served++;
            Console.Write("request from "); // gdb stop: number is 20 here at the first request (DebuggerTests)
            Console.Write(Badges.Name(Caller.Badge));
            Console.Write(" (badge ");
            Console.WriteDecimal(Caller.Badge);
            Console.Write("): ");
            Console.WriteDecimal(number);
            Console.WriteLine(", writing it to the journal");
            new JournalClient(Caps.Journal).Entry(Caller.Badge, number);
            answer = Twice(number);
            return Error.Ok;
        }

        // Small enough that the optimised build inlines it and its line has no code of
        // its own; the debug build keeps it a call (DebuggerTests stops on its line).
        private static uint Twice(uint number) => number * 2; // gdb stop: an otherwise-inlined helper

        public Error Status(out uint served)
        {
            served = _served;
            return Error.Ok;
        }
    }
}
