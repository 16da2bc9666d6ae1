// The hello image: the smallest complete firmware. It proves the toolchain end to
// end: reset, .data/.bss set-up, C# entry, the board's console, reads of core
// registers, and a clean stop (an exit status under the emulator, idle on a board).
using System.Runtime.InteropServices;
using Keel.Boards;
using Keel.Hal;
using Keel.Hal.Arm;

namespace Keel.Firmware.Hello
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            CpuId cpu = CpuId.Read();

            Console.WriteLine("Keel hello");
            Console.Write("board: ");
            Console.WriteLine(Board.Name);
            Console.Write("cpu: ");
            Console.Write(cpu.CoreName);
            Console.Write(" r");
            Console.WriteDecimal(cpu.Variant);
            Console.Write("p");
            Console.WriteDecimal(cpu.Revision);
            Console.Write(" (CPUID ");
            Console.WriteHex(cpu.Value);
            Console.WriteLine(")");
            Console.Write("mpu: ");
            Console.WriteDecimal(Mpu.RegionCount);
            Console.WriteLine(" regions");

            Board.Stop(Board.ExitSuccess);
        }
    }
}
