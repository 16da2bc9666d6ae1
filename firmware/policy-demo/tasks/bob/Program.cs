// Bob: connects through the policy server and tries the service with NBCall, which
// delivers only if the service is waiting for a request; when it would block, bob
// says so and Calls, waiting his turn. His grant was for one request: the policy
// server revokes it once the service has served him, so his next Call finds his slot
// empty, as Identify confirms.
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

            Console.WriteLine("bob: calling the service again with 22");
            answer = Ipc.Call(ServiceSlot, Labels.Request, 1, 22);
            CSpaceOps.Identify(ServiceSlot, out CapType type, out _);
            if (answer.Status == Error.EmptySlot && type == CapType.Null)
            {
                Console.Write("bob: the call failed with EmptySlot: slot ");
                Console.WriteDecimal(ServiceSlot);
                Console.WriteLine(" is empty, the capability was revoked");
                return;
            }
            Console.Write("bob: the call ended with status ");
            Console.WriteDecimal((uint)answer.Status);
            Console.WriteLine(" - the revocation did not take");
        }
    }
}
