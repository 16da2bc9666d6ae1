// The counter's logic, a file of its own with no system call in it, so that the host
// tests (tests/host) compile it for .NET as the build compiles it for the chip.
using Keel.Kernel;

namespace KeelApp.Counter
{
    public struct RunningTotal : ICounter
    {
        private uint _total;

        public Error Add(uint amount, out uint total)
        {
            total = _total;
            if (amount > CounterLimits.MaxAmount)
                return Error.InvalidArgument;
            _total += amount;
            total = _total;
            return Error.Ok;
        }
    }
}
