// Bob: connects through the policy server and tries the service with NBCall, which
// delivers only if the service is waiting for a request; when it would block, bob
// says so and Calls, waiting his turn.
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
            if (!PolicyClient.Connect("bob", Caps.Policy, ServiceSlot))
                return;
            Console.WriteLine("bob: trying the service with NBCall 21");
            Message answer = Ipc.NBCall(ServiceSlot, Labels.Request, 1, 21);
            if (answer.Status == Error.WouldBlock)
            {
                Console.WriteLine("bob: NBCall would block: the service is busy; calling and waiting");
                answer = Ipc.Call(ServiceSlot, Labels.Request, 1, 21);
            }
            Console.Write("bob: the service answered ");
            Console.WriteDecimal(answer.Mr0);
            Console.WriteLine();
        }
    }
}
