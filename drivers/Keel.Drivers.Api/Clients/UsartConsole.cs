// A task's console on a UART: where userlib's Console sends the text of a task whose
// app.toml says `console = "<usart driver task>"` (docs/drivers.md, "A task's console
// on a USART"). The task's generated Caps.g.cs defines the console's output symbol
// (keel_console_write) as a call to Write with the `console` capability the build gave
// it, so the task keeps its Console API and its text leaves on the driver's USART
// instead of the kernel's debug console.
//
// Text is ASCII on the line: a character past 0x7F goes as '?'. Write returns once the
// driver has taken every byte into its transmit buffer; while that buffer is full it
// yields and tries again (subscribing would take the driver's one subscriber from the
// task's own use of the port). Should the driver refuse, the rest of the text goes to
// the kernel's debug console rather than nowhere.
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Drivers
{
    public static unsafe class UsartConsole
    {
        public static void Write(uint usart, char* text, int length)
        {
            var client = new UsartClient(usart);
            byte* bytes = stackalloc byte[UsartLimits.MaxTransfer];
            int sent = 0;
            while (sent < length)
            {
                int count = length - sent < UsartLimits.MaxTransfer ? length - sent : UsartLimits.MaxTransfer;
                for (int i = 0; i < count; i++)
                    bytes[i] = text[sent + i] < 0x80 ? (byte)text[sent + i] : (byte)'?';
                if (client.Write(new System.ReadOnlySpan<byte>(bytes, count), out int accepted) != Error.Ok)
                {
                    Console.WriteToDebugConsole(text + sent, length - sent);
                    return;
                }
                sent += accepted;
                if (accepted == 0)
                    Ipc.Yield();
            }
        }
    }
}
