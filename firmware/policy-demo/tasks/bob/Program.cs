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
            if (!PolicyClient.Connect("bob", Caps.Policy, ServiceSlot))
                return;
            Console.WriteLine("bob: trying the service with NBCall 21");
            Message answer = Ipc.NBCall(ServiceSlot, Labels.Request, 1, 21);
            if (answer.Status == Error.WouldBlock)
            {
                Console.WriteLine("bob: NBCall would block: the service is busy; calling and waiting");
                answer = Ipc.Call(ServiceSlot, Labels.Request, 1, 21);
            }
            WriteAnswer(answer);

            Console.WriteLine("bob: done with the service; telling the policy server");
            Ipc.Call(Caps.Policy, Labels.Done);
            Console.WriteLine("bob: calling the service again with 23");
            WriteAnswer(Ipc.Call(ServiceSlot, Labels.Request, 1, 23));
        }

        private static void WriteAnswer(Message answer)
        {
            if (answer.Status != Error.Ok)
            {
                Console.Write("bob: the call failed: ");
                Console.Write(answer.Status);
                Console.Write(" (");
                Console.WriteDecimal((uint)answer.Status);
                Console.WriteLine(")");
                return;
            }
            Console.Write("bob: the service answered ");
            Console.WriteDecimal(answer.Mr0);
            Console.WriteLine();
        }
    }
}
