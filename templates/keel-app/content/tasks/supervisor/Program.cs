// The supervisor: the fault handler of the counter and the client (app.toml's
// fault-handler). A faulted task is stopped and its fault arrives here as a message
// the kernel marks as a fault (IsFault: no task can send one), whose badge says who it
// was (FaultBadges, which the build generates); the supervisor reports it, lets every
// other task run on for two periods of its settle signal (a task at any priority gets
// the processor while the supervisor waits), and ends the run. A product would restart
// the faulted task instead: replying with FaultReply.Restart does that.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace KeelApp.Supervisor
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("watching for faults");
            Message fault = Ipc.Recv(Caps.Faults);
            while (!fault.IsFault)
                fault = Ipc.Recv(Caps.Faults);
            Console.Write(TaskName(fault.Badge));
            Console.Write(" faulted: ");
            Console.Write(FaultKinds.Name((FaultKind)fault.Label));
            Console.Write(" at address ");
            Console.WriteHex(fault.Mr1);
            Console.Write(", pc ");
            Console.WriteHex(fault.Mr0);
            Console.WriteLine();
            // The first signal may already be pending; after the second, a whole period has passed.
            Notifications.Wait(Caps.Settle, out _);
            Notifications.Wait(Caps.Settle, out _);
            Console.WriteLine("done");
            Task.Halt(0);
        }

        private static string TaskName(uint faultBadge) => faultBadge switch
        {
            FaultBadges.Counter => "counter",
            FaultBadges.Client => "client",
            _ => "an unknown task",
        };
    }
}
