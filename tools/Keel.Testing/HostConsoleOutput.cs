// Where a task's console text leaves on the host (userlib/ConsoleOutput.cs on the
// target): into the running HostSystem's Output, or HostConsole outside a run.
#nullable enable
namespace Keel.UserLib
{
    internal static unsafe class ConsoleOutput
    {
        public static void Write(char* text, int length) => Keel.Testing.HostSystem.Write(new string(text, 0, length));
    }
}
