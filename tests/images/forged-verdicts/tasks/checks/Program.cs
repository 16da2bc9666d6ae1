// The test task: runs the one case, then ends the run with status 1 if it failed.
using System.Runtime.InteropServices;
using Keel.UserLib;
using Keel.UserLib.Testing;

namespace ForgedVerdicts.Checks
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main() => Task.Halt(TestCases.RunAll() ? 0u : 1u);
    }
}
