// The service: answers each request with twice its number, telling clients apart
// only by the badge of the capability they called through. Every request is written
// to the journal first (a Call to a lower-priority task), so the service is busy,
// and not waiting for requests, until the journal has answered.
using System.Runtime.InteropServices;
using Keel.Demo;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Service
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("service: ready");
            uint served = 0;
            Message request = Ipc.Recv(Caps.Requests);
            while (true)
            {
                uint label = Labels.Answer;
                uint answer = 0;
                switch (request.Label)
                {
                    case Labels.Request:
                        served++;
                        Console.Write("service: request from "); // gdb stop: served is 1 here at the first request (DebuggerTests)
                        Console.Write(Badges.Name(request.Badge));
                        Console.Write(" (badge ");
                        Console.WriteDecimal(request.Badge);
                        Console.Write("): ");
                        Console.WriteDecimal(request.Mr0);
                        Console.WriteLine(", writing it to the journal");
                        Ipc.Call(Caps.Journal, Labels.Entry, 2, request.Badge, request.Mr0);
                        answer = request.Mr0 * 2;
                        break;
                    case Labels.Status:
                        answer = served;
                        break;
                    default:
                        label = Labels.Refused;
                        break;
                }
                request = Ipc.ReplyRecv(Caps.Requests, label, 1, answer);
            }
        }
    }
}
