// Recurses without end, as a filter written recursively by mistake would: every call
// keeps a window of samples on the stack until the stack runs out below the task's RAM.
using System.Runtime.InteropServices;
using Keel.UserLib;

namespace Keel.Tests.TaskStackOverflow
{
    public static unsafe class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("smoothing");
            Console.WriteDecimal(Smooth(0));
            Console.WriteLine("the stack held");
        }

        private static uint Smooth(uint depth)
        {
            uint* window = stackalloc uint[8];
            window[depth % 8] = depth;
            return Smooth(depth + 1) + window[depth % 8];
        }
    }
}
