// Takes a capability the client hands out (derived from the client's), then waits in
// Recv through it, telling the client in the same system call (NBSendRecv), so the
// client times its Revoke only once the revokee waits. The Revoke deletes the
// capability and wakes it with Revoked; it takes the next one. Its priority is below
// the client's, so its own work is never inside a timed call. Not a timed loop itself,
// so plain C#.
using System.Runtime.InteropServices;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Bench.Revokee
{
    public static class Program
    {
        private const uint Held = Caps.FirstFreeSlot;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Task.ReceiveCapInto(Held);
            while (true)
            {
                Ipc.Recv(Caps.Handout);
                Ipc.NBSendRecv(Caps.Waiting, Held, 0);
            }
        }
    }
}
