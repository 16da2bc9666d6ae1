// The typed interface of the benchmark's typed-call row (docs/performance.md): three
// words in, one out, the size of a typical driver operation. Its server is
// tasks/typedserver (generated code); tasks/handserver answers the same protocol
// packed by hand, so the two rows differ only by what the generator writes.
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Bench
{
    [IpcInterface]
    public interface IAdder
    {
        Error Add(uint a, uint b, uint c, out uint sum);
    }
}
