// The keeltask task. Its capabilities are the slots of its [tasks.keeltask.caps] in
// app.toml, named in Keel.Tasks.Caps; returning from Main ends the task. Firmware C#
// has no heap, exceptions or double: Keel's docs/csharp.md says what to write instead.
using System.Runtime.InteropServices;
using Keel.UserLib;

namespace Keel.Tasks.KeelTaskTask
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("keeltask: started");
        }
    }
}
