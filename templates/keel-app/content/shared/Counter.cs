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
}
