// Where a task's console text leaves (Console.cs): the symbol keel_console_write, the
// kernel's debug console unless the task's app.toml gives its console to a USART driver.
// A file of its own because a host build (Keel.Testing) takes the text here instead.
using System.Runtime.InteropServices;

namespace Keel.UserLib
{
    internal static unsafe class ConsoleOutput
    {
        [DllImport("*", EntryPoint = "keel_console_write")]
        [SuppressGCTransition]
        public static extern void Write(char* text, int length);
    }
}
