// Serves IAdder with the server code the interface generator writes (docs/drivers.md).
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;

namespace Keel.Bench.TypedServer
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var adder = new Adder();
            AdderServer.Serve(ref adder, Caps.Requests);
        }
    }

    internal struct Adder : IAdder
    {
        public Error Add(uint a, uint b, uint c, out uint sum)
        {
            sum = a + b + c;
            return Error.Ok;
        }
    }
}
