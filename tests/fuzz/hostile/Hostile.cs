// A hostile task: asks the checker for its seed, then attacks the kernel in bursts of
// random system calls (Attacks.cs), reporting each burst's size, and how many of its
// random calls the kernel carried out, so the checker can count them. It holds no secrets and keeps no state worth keeping: peers may suspend or
// restart it, the checker restarts it when it stalls, and each start asks for a new seed
// (the n-th start of task t always gets the same one, so its calls are reproducible).
using System.Runtime.InteropServices;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Fuzz
{
    public static class Hostile
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Attacks.Seed(Ipc.Call(Caps.Report, Labels.Hello).Mr0);
            while (true)
            {
                uint calls = 0;
                while (calls < Bursts.Calls)
                    calls += Attacks.One();
                Ipc.Call(Caps.Report, Labels.Burst, 2, calls, Attacks.Accepted);
                Attacks.Accepted = 0;
            }
        }
    }
}
