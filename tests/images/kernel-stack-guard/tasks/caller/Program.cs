// Prints (a system call). The kernel's stack is too small for the kernel, which
// overflows it at boot or at the latest in this call: nothing here is expected to run.
using System.Runtime.InteropServices;
using Keel.UserLib;

namespace Keel.Tests.KernelStackGuard
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("making a system call");
            Console.WriteLine("the kernel survived its overflow");
        }
    }
}
