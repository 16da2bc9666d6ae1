// The adder: answers IAdder requests for ever.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace AppTests.Adder
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var adder = new SaturatingAdder();
            AdderServer.Serve(ref adder, Caps.Requests);
        }
    }

    internal struct SaturatingAdder : IAdder
    {
        public Error Add(uint a, uint b, out uint sum)
        {
            sum = Arithmetic.SaturatingAdd(a, b);
            return Error.Ok;
        }

        public Error Divide(uint a, uint b, out uint quotient)
        {
            quotient = 0;
            if (b == 0)
                return Error.InvalidArgument;
            quotient = a / b;
            return Error.Ok;
        }
    }
}
