// The application's shared code, compiled into each task that uses it: the adder's
// protocol (a typed IPC interface, docs/drivers.md) and the arithmetic it serves, which
// the test task also tests directly (a unit test on the target).
using Keel.Kernel;
using Keel.UserLib;

namespace AppTests
{
    [IpcInterface]
    public interface IAdder
    {
        // a + b, held at uint.MaxValue instead of wrapping.
        Error Add(uint a, uint b, out uint sum);

        // a / b; InvalidArgument when b is 0.
        Error Divide(uint a, uint b, out uint quotient);
    }

    public static class Arithmetic
    {
        public static uint SaturatingAdd(uint a, uint b) => a > uint.MaxValue - b ? uint.MaxValue : a + b;
    }
}
