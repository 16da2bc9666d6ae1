// Alice: connects through the policy server and Calls the service twice, waiting as
// long as it takes. Her second request is answered after the policy server has
// revoked bob's capability: revoking his takes nothing of hers.
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
            if (!ServiceAccess.Connect(Caps.Policy, ServiceSlot))
                return;
            Request("calling the service with ", 20);
            Request("calling the service again with ", 22);
        }

        private static void Request(string saying, uint number)
        {
            Console.Write(saying);
            Console.WriteDecimal(number);
            Console.WriteLine();
            new ServiceClient(ServiceSlot).Request(number, out uint answer);
            Console.Write("the service answered ");
            Console.WriteDecimal(answer);
            Console.WriteLine();
        }
    }
}
