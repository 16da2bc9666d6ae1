// Runs every conformance case, then ends the run with the result (status 0: no case
// failed), which becomes the emulator's exit status.
using System.Runtime.InteropServices;
using Keel.UserLib;
using Keel.UserLib.Testing;

namespace Conformance
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main() => Task.Halt(TestCases.RunAll() ? 0u : 1u);
    }
}
