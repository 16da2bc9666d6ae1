// Alice: connects through the policy server and Calls the service, waiting as long
// as it takes, twice: her grant, unlike bob's, lasts.
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
            CallService(20, "alice: calling the service with ");
            CallService(30, "alice: calling the service again with ");
        }

        private static void CallService(uint number, string saying)
        {
            Console.Write(saying);
            Console.WriteDecimal(number);
            Console.WriteLine();
            Message answer = Ipc.Call(ServiceSlot, Labels.Request, 1, number);
            Console.Write("alice: the service answered ");
            Console.WriteDecimal(answer.Mr0);
            Console.WriteLine();
        }
    }
}
