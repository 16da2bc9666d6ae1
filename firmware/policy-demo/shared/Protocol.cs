// The demo's protocol, shared by its tasks as source (each task is its own program):
// message labels, who each badge stands for, the clients' first step, and the names
// of the errors the demo prints.
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Demo
{
    public static class Labels
    {
        public const uint Connect = 1;   // client -> policy: may I use the service?
        public const uint Granted = 2;   // policy -> client: yes, the capability is attached
        public const uint Refused = 3;   // policy -> client, or service -> anyone: no
        public const uint Request = 4;   // client -> service: MR0 = a number
        public const uint Answer = 5;    // service -> caller: MR0 = the answer
        public const uint Status = 6;    // supervisor -> service: how many requests so far?
        public const uint Entry = 7;     // service -> journal: MR0 = client badge, MR1 = number
        public const uint Written = 8;   // journal -> service
        public const uint Done = 9;      // client -> policy: finished with the service
        public const uint Revoked = 10;  // policy -> client: the service capability is taken back
    }

    // Badges are chosen in app.toml (the clients' policy capabilities, the
    // supervisor's service capability, the rogue's fault-handler capability); the
    // policy server mints each client's service capability with the client's badge.
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

    public static class PolicyClient
    {
        // Asks the policy server (through `policyCap`) for the service; the granted
        // capability arrives in `slot`. Returns whether it did.
        public static bool Connect(string name, uint policyCap, uint slot)
        {
            Console.Write(name);
            Console.WriteLine(": asking the policy server for the service");
            Task.ReceiveCapInto(slot);
            Message reply = Ipc.Call(policyCap, Labels.Connect);
            CSpaceOps.Identify(slot, out CapType type, out Rights rights);
            Console.Write(name);
            if (reply.Status != Error.Ok || reply.Label != Labels.Granted || reply.Info.ExtraCaps != 1 || type != CapType.Endpoint)
            {
                Console.WriteLine(": the policy server did not grant the service");
                return false;
            }
            Console.Write(": got an endpoint capability (");
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
