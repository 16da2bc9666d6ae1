// Answers IAdder's protocol (label 1, three words in, their sum out) packed by hand
// with userlib's Ipc calls, checking what the generated server checks that matters
// here (label and length), as a careful hand-written server would.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Bench.HandServer
{
    public static class Program
    {
        private const uint AddLabel = 1;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Message request = Ipc.Recv(Caps.Requests);
            while (true)
            {
                if (request.Label == AddLabel && request.Info.Length == 3 && request.Info.ExtraCaps == 0)
                    request = Ipc.ReplyRecv(Caps.Requests, 0, 1, request.Mr0 + request.Mr1 + request.Mr2);
                else
                    request = Ipc.ReplyRecv(Caps.Requests, (uint)Error.MalformedMessage);
            }
        }
    }
}
