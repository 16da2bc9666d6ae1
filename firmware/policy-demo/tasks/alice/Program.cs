// Alice: connects through the policy server and Calls the service, waiting as long
// as it takes.
using System.Runtime.InteropServices;
using Keel.Demo;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Alice
{
    public static class Program
    {
        private const uint ServiceSlot = Caps.FirstFreeSlot;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            if (!PolicyClient.Connect("alice", Caps.Policy, ServiceSlot))
                return;
            Console.WriteLine("alice: calling the service with 20");
            Message answer = Ipc.Call(ServiceSlot, Labels.Request, 1, 20);
            Console.Write("alice: the service answered ");
            Console.WriteDecimal(answer.Mr0);
            Console.WriteLine();
        }
    }
}
