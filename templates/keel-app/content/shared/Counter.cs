// The counter's interface, shared as source by the tasks that serve and call it: the
// build generates CounterClient and CounterServer from it (Keel's typed IPC).
using Keel.Kernel;
using Keel.UserLib;

namespace KeelApp
{
    [IpcInterface]
    public interface ICounter
    {
        // Adds `amount` (at most MaxAmount, else InvalidArgument) and gives the new total.
        Error Add(uint amount, out uint total);
    }

    public static class CounterLimits
    {
        public const uint MaxAmount = 1000;
    }

    // The badges of the fault-handler capabilities in app.toml: who faulted.
    public static class FaultBadges
    {
        public const uint Counter = 1;
        public const uint Client = 2;

        public static string Name(uint badge) => badge switch
        {
            Counter => "counter",
            Client => "client",
            _ => "an unknown task",
        };
    }
}
