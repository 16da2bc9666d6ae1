// The well-behaved server: answers the client's requests with Protocol's function, using
// ReplyRecv, while hostile tasks throw messages at it through send-only capabilities.
// A message that is not the client's request gets the same kind of reply, which the
// kernel drops because a Send leaves no one to reply to (rule 6); the server never
// needs to tell them apart to stay correct, only to stay alive.
using System.Runtime.InteropServices;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Fuzz
{
    public static class Server
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Message request = Ipc.Recv(Caps.Service);
            while (true)
            {
                bool fromClient = request.Badge == Badges.ServiceClient && request.Label == Labels.Ask;
                uint answer = fromClient ? Service.Answer(request.Mr0) : 0;
                request = Ipc.ReplyRecv(Caps.Service, Labels.Answer, 1, answer);
            }
        }
    }
}
