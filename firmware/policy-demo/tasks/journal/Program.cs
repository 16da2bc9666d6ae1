// The journal: records what the service sends it.
using System.Runtime.InteropServices;
using Keel.Demo;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Demo.Journal
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.WriteLine("ready");
            var journal = new ConsoleJournal();
            JournalServer.Serve(ref journal, Caps.Entries);
        }
    }

    internal struct ConsoleJournal : IJournal
    {
        private uint _entries;

        public Error Entry(uint client, uint number)
        {
            _entries++;
            Console.Write("entry ");
            Console.WriteDecimal(_entries);
            Console.Write(": ");
            Console.Write(Badges.Name(client));
            Console.Write(" sent ");
            Console.WriteDecimal(number);
            Console.WriteLine();
            return Error.Ok;
        }
    }
}
