// The supervisor: the rogue's fault handler (its fault-handler capability's badge
// says who faulted). Each fault is logged, the supervisor checks that the service the
// rogue attacked still answers, and replies with the restart label, twice; at the
// third fault it suspends the rogue through its thread capability, leaving it held
// stopped, and ends the demo.
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
