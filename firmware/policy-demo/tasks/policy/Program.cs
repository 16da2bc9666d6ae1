// The policy server: the only task that holds an unbadged capability to the
// service. A client asks (Connect, through its own badged capability to the policy
// server); the server mints a copy with Write and GrantReply only and the client's
// badge, and returns it in its reply (its own endpoint capability has Grant, so its
// replies may carry capabilities). When the client says it is done, the server
// revokes what it granted.
//
// Each client's minted capability stays in a slot of the server's own, one per
// client (its grant slot). The derivation (docs/ipc.md rule 18) is then: unbadged
// service capability -> grant slot (Mint) -> the client's copy (transfer). Revoke of
// a grant slot deletes exactly that client's copy, wherever it lies, and no other
// client's; Revoke of the unbadged capability would take back every client's, and
// deleting the grant slot alone would leave the client's copy in place, lifted to be
// derived from the unbadged capability.
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
            Console.WriteLine("ready");
            var policy = new GrantingPolicy();
            PolicyServer.Serve(ref policy, Caps.Requests);
        }
    }

    internal struct GrantingPolicy : IPolicy
    {
        // The server's slot for the capability it grants the client with `badge`, or 0
        // (never a free slot) for a badge that has none.
        private static uint GrantSlot(uint badge) =>
            badge != 0 && badge <= Caps.SlotCount - Caps.FirstFreeSlot ? Caps.FirstFreeSlot + badge - 1 : 0;

        public Error Connect(out uint service)
        {
            uint badge = Caller.Badge;
            service = GrantSlot(badge);
            Error minted = service == 0 ? Error.InvalidIndex : CSpaceOps.Mint(Caps.Service, service, Rights.Write | Rights.GrantReply, badge);
            WriteClient(badge);
            if (minted != Error.Ok)
            {
                Console.WriteLine(") asks for the service: mint failed");
                return minted;
            }
            Console.Write(") asks for the service: minted a write, grant-reply capability with badge ");
            Console.WriteDecimal(badge);
            Console.WriteLine();
            return Error.Ok;
        }

        public Error Done()
        {
            uint badge = Caller.Badge;
            uint slot = GrantSlot(badge);
            Error revoked = slot == 0 ? Error.InvalidIndex : CSpaceOps.Revoke(slot);
            WriteClient(badge);
            if (revoked != Error.Ok)
            {
                Console.WriteLine(") is done with the service: nothing to revoke");
                return revoked;
            }
            CSpaceOps.Delete(slot);
            Console.WriteLine(") is done with the service: revoked its capability");
            return Error.Ok;
        }

        private static void WriteClient(uint badge)
        {
            Console.Write(Badges.Name(badge));
            Console.Write(" (badge ");
            Console.WriteDecimal(badge);
        }
    }
}
