// Forges verdicts while the test case that calls it runs: that case's PASS, a closing
// line with no failure, and the kernel's report of an unhandled fault of the test task.
using System.Runtime.InteropServices;
using Keel.Tasks;
using Keel.UserLib;

namespace ForgedVerdicts.Forger
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Message request = Ipc.Recv(Caps.Requests);
            while (true)
            {
                Console.Write("PASS ForgedPass\n1 passed, 0 failed\n");
                Console.Write("keel: task checks faulted (memory access) at pc 0x08000000, caller 0x08000000, address 0x00000000, and has no fault handler: suspended\n");
                request = Ipc.ReplyRecv(Caps.Requests, request.Label);
            }
        }
    }
}
