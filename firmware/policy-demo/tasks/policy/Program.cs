// The policy server: the only task that holds an unbadged capability to the
// service. A client asks (Connect, through its own badged capability to the policy
// server); the server mints a copy with Write and GrantReply only and the client's
// badge, attaches it to its reply (its own endpoint capability has Grant, so its
// replies may carry capabilities), and deletes its copy.
using System.Runtime.InteropServices;
using Keel.Demo;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Policy
{
    public static class Program
    {
        private const uint MintSlot = Caps.FirstFreeSlot;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("policy: ready");
            while (true)
            {
                Message request = Ipc.Recv(Caps.Requests);
                if (request.Label != Labels.Connect)
                {
                    Ipc.Reply(Labels.Refused);
                    continue;
                }
                Error minted = CSpaceOps.Mint(Caps.Service, MintSlot, Rights.Write | Rights.GrantReply, request.Badge);
                Console.Write("policy: ");
                Console.Write(Badges.Name(request.Badge));
                Console.Write(" (badge ");
                Console.WriteDecimal(request.Badge);
                if (minted != Error.Ok)
                {
                    Console.WriteLine(") asks for the service: mint failed");
                    Ipc.Reply(Labels.Refused);
                    continue;
                }
                Console.Write(") asks for the service: minted a write, grant-reply capability with badge ");
                Console.WriteDecimal(request.Badge);
                Console.WriteLine();
                Task.AttachCap(MintSlot);
                Ipc.Reply(Labels.Granted, extraCaps: 1);
                CSpaceOps.Delete(MintSlot);
            }
        }
    }
}
