// The demo's protocols, shared by its tasks as source (each task is its own program):
// three typed IPC interfaces (docs/drivers.md), from which every task's build
// generates the client and server code it uses; who each badge stands for; the
// clients' first step.
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Demo
{
    // The policy server, called by clients through their own badged capability.
    [IpcInterface]
    public interface IPolicy
    {
        // Grants the caller a capability to the service (Write and GrantReply, with the
        // caller's badge): the reply carries it, and it lands in the client's receive slot.
        Error Connect([Transfer] out uint service);

        // The caller is finished with the service: the policy server revokes what it granted.
        Error Done();
    }

    // The service, called by the clients (through the capabilities the policy server
    // minted) and by the supervisor.
    [IpcInterface]
    public interface IService
    {
        // Twice `number`, once it is written to the journal.
        Error Request(uint number, out uint answer);

        // How many requests the service has answered.
        Error Status(out uint served);
    }

    // The journal, called by the service.
    [IpcInterface]
    public interface IJournal
    {
        Error Entry(uint client, uint number);
    }

    // Badges are chosen in app.toml (the clients' policy capabilities, the
    // supervisor's service capability, the rogue's fault-badge); the policy server
    // mints each client's service capability with the client's badge.
    public static class Badges
    {
        public const uint Alice = 1;
        public const uint Bob = 2;
        public const uint Rogue = 6;
        public const uint Supervisor = 9;

        public static string Name(uint badge) => badge switch
        {
            Alice => "alice",
            Bob => "bob",
            Rogue => "rogue",
            Supervisor => "the supervisor",
            _ => "a stranger",
        };
    }

    public static class ServiceAccess
    {
        // Asks the policy server (through `policyCap`) for the service; the granted
        // capability arrives in `slot`. Returns whether it did. (The kernel begins each
        // line with the caller's name.)
        public static bool Connect(uint policyCap, uint slot)
        {
            Console.WriteLine("asking the policy server for the service");
            Error granted = new PolicyClient(policyCap, slot).Connect(out uint service);
            CSpaceOps.Identify(slot, out CapType type, out Rights rights);
            if (granted != Error.Ok || service != slot || type != CapType.Endpoint)
            {
                Console.WriteLine("the policy server did not grant the service");
                return false;
            }
            Console.Write("got an endpoint capability (");
            Console.Write(RightsText(rights));
            Console.Write(") in slot ");
            Console.WriteDecimal(slot);
            Console.WriteLine();
            return true;
        }

        private static string RightsText(Rights rights) => rights switch
        {
            Rights.Write | Rights.GrantReply => "write, grant-reply",
            Rights.Write => "write",
            _ => "unexpected rights",
        };
    }
}
