// Hides the kernel's report of its own death: a prompt without its line end, then a
// fault with no fault handler. Were the report glued to the prompt, a reader looking
// for reports at the start of a line would not see that the hider died.
using System.Runtime.InteropServices;
using Keel.UserLib;

namespace ForgedVerdicts.Hider
{
    public static unsafe class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.Write("all good> ");
            Console.WriteDecimal(*(uint*)0x20000000u);
        }
    }
}
