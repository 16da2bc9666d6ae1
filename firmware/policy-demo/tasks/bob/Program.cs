// Bob: connects through the policy server and tries the service with NBCall, which
// delivers only if the service is waiting for a request; when it would block, bob
// says so and Calls, waiting his turn. Once answered he tells the policy server he is
// done, and it revokes his capability; his next Call finds the slot empty.
using System.Runtime.InteropServices;
using Keel.Demo;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Bob
{
    public static class Program
    {
        private const uint ServiceSlot = Caps.FirstFreeSlot;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            if (!ServiceAccess.Connect(Caps.Policy, ServiceSlot))
                return;
            var service = new ServiceClient(ServiceSlot);
            Console.WriteLine("trying the service with NBCall 21");
            Error status = service.WithoutWaiting.Request(21, out uint answer);
            if (status == Error.WouldBlock)
            {
                Console.WriteLine("NBCall would block: the service is busy; calling and waiting");
                status = service.Request(21, out answer);
            }
            WriteAnswer(status, answer);

            Console.WriteLine("done with the service; telling the policy server");
            new PolicyClient(Caps.Policy, ServiceSlot).Done();
            Console.WriteLine("calling the service again with 23");
            status = service.Request(23, out answer);
            WriteAnswer(status, answer);
        }

        private static void WriteAnswer(Error status, uint answer)
        {
            if (status != Error.Ok)
            {
                Console.Write("the call failed: ");
                Console.Write(status);
                Console.Write(" (");
                Console.WriteDecimal((uint)status);
                Console.WriteLine(")");
                return;
            }
            Console.Write("the service answered ");
            Console.WriteDecimal(answer);
            Console.WriteLine();
        }
    }
}
