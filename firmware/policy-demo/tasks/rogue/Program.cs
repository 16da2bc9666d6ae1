// The rogue: reads the service's RAM, which no MPU region of its own covers. The
// load faults (MemManage), and the kernel turns the fault into a Call to the rogue's
// fault handler; the rogue never reaches its next line.
using System.Runtime.InteropServices;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Rogue
{
    public static unsafe class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            uint* target = (uint*)Layout.ServiceRamBase;
            Console.Write("reading the service's RAM at ");
            Console.WriteHex((uint)target);
            Console.WriteLine();
            uint stolen = *target;
            Console.Write("read ");
            Console.WriteHex(stolen);
            Console.WriteLine(" - isolation is broken");
        }
    }
}
