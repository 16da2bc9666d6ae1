// The policy server: the only task that holds an unbadged capability to the
// service. A client asks (Connect, through its own badged capability to the policy
// server); the server mints a copy with Write and GrantReply only and the client's
// badge, keeps it, and attaches it to its reply (its own endpoint capability has
// Grant, so its replies may carry capabilities): what the client gets is derived from
// what the server kept. The service tells the policy server about every request it
// serves (Served); a client whose grant is for one request only (bob) loses it once
// that request is served: the server revokes the capability it kept, which deletes
// the client's, wherever it lies, and then deletes its own.
using System.Runtime.InteropServices;
using Keel.Demo;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Policy
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("policy: ready");
            while (true)
            {
                Message request = Ipc.Recv(Caps.Requests);
                if (request.Badge == Badges.Service && request.Label == Labels.Served)
                    Served(request.Mr0);
                else if (request.Label == Labels.Connect)
                    Connect(request.Badge);
                else
                    Ipc.Reply(Labels.Refused);
            }
        }

        // Where the capability minted for the client with this badge is kept.
        private static uint GrantSlot(uint client) => Caps.FirstFreeSlot + client;

        private static void Connect(uint client)
        {
            Error minted = CSpaceOps.Mint(Caps.Service, GrantSlot(client), Rights.Write | Rights.GrantReply, client);
            Console.Write("policy: ");
            Console.Write(Badges.Name(client));
            Console.Write(" (badge ");
            Console.WriteDecimal(client);
            if (minted != Error.Ok)
            {
                Console.WriteLine(") asks for the service: mint failed");
                Ipc.Reply(Labels.Refused);
                return;
            }
            Console.Write(") asks for the service: minted a write, grant-reply capability with badge ");
            Console.WriteDecimal(client);
            Console.WriteLine();
            Task.AttachCap(GrantSlot(client));
            Ipc.Reply(Labels.Granted, extraCaps: 1);
        }

        private static void Served(uint client)
        {
            if (!Grants.OneRequestOnly(client))
                return;
            Error revoked = CSpaceOps.Revoke(GrantSlot(client));
            CSpaceOps.Delete(GrantSlot(client));
            Console.Write("policy: the service has served ");
            Console.Write(Badges.Name(client));
            Console.Write(" (badge ");
            Console.WriteDecimal(client);
            Console.WriteLine(revoked == Error.Ok ? ") his one request: revoked his capability" : ") his one request: revoking failed");
        }
    }
}
