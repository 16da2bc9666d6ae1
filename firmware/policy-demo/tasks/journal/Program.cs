// The journal: records what the service sends it and answers with ReplyRecv.
using System.Runtime.InteropServices;
using Keel.Demo;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Journal
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("journal: ready");
            uint entries = 0;
            Message entry = Ipc.Recv(Caps.Entries);
            while (true)
            {
                entries++;
                Console.Write("journal: entry ");
                Console.WriteDecimal(entries);
                Console.Write(": ");
                Console.Write(Badges.Name(entry.Mr0));
                Console.Write(" sent ");
                Console.WriteDecimal(entry.Mr1);
                Console.WriteLine();
                entry = Ipc.ReplyRecv(Caps.Entries, Labels.Written);
            }
        }
    }
}
