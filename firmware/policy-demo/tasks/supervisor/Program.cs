// The supervisor: the rogue's fault handler (the badge of a fault, the rogue's
// fault-badge, says who faulted; only the kernel sends faults, marked IsFault, and
// anything else that arrives is no fault and gets no answer). Each fault is logged,
// the supervisor checks that the service the rogue attacked still answers, and
// replies with the restart label, twice; at the third fault it suspends the rogue
// through its thread capability, leaving it held stopped, and ends the demo.
using System.Runtime.InteropServices;
using Keel.Demo;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Supervisor
{
    public static class Program
    {
        private const uint MaxRestarts = 2;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("watching for faults");
            uint faults = 0;
            while (true)
            {
                Message fault = Ipc.Recv(Caps.Faults);
                if (!fault.IsFault)
                    continue;
                faults++;
                Console.Write(Badges.Name(fault.Badge));
                Console.Write(" faulted: ");
                Console.Write(FaultKinds.Name((FaultKind)fault.Label));
                Console.Write(" at address ");
                Console.WriteHex(fault.Mr1);
                Console.Write(", pc ");
                Console.WriteHex(fault.Mr0);
                Console.WriteLine();

                new ServiceClient(Caps.Service).Status(out uint served);
                Console.Write("the service still answers (");
                Console.WriteDecimal(served);
                Console.WriteLine(" requests served)");

                if (faults <= MaxRestarts)
                {
                    Console.Write("restarting the rogue (");
                    Console.WriteDecimal(faults);
                    Console.Write(" of ");
                    Console.WriteDecimal(MaxRestarts);
                    Console.WriteLine(")");
                    Ipc.Reply(FaultReply.Restart);
                    continue;
                }
                Error held = Threads.Suspend(Caps.Rogue);
                Console.Write("the rogue faulted ");
                Console.WriteDecimal(faults);
                Console.WriteLine(held == Error.Ok ? " times: holding it stopped" : " times, and could not be stopped");
                Console.WriteLine("demo complete");
                Task.Halt(0);
            }
        }
    }
}
