// A hostile task: reports the FP registers it found left over at its start, asks the
// checker for its seed and the attack families of the run, then attacks the kernel in
// bursts of random system calls (Attacks.cs), each followed by a few attacks on its CPU
// state (CpuStateAttacks.cs). It reports each burst: the calls it made, how many of its
// random ones the kernel carried out, and how its CPU-state traps fared, so the checker
// can count them. The CPU-state attacks after a report are counted in it: the first of
// them whose trap cannot be stacked ends this start of the task, and nothing after it
// would be reported. It holds no secrets and keeps no state worth keeping: peers may
// suspend or restart it, the checker restarts it when it stalls or faults, and each
// start asks for a new seed (the n-th start of task t always gets the same one, so its
// calls are reproducible).
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
            // First, before any FP instruction: a (re)started thread's FP registers are all zero.
            Message hello = Ipc.Call(Caps.Report, Labels.Hello, 1, Trap.FpRegistersLeftOver());
            Attacks.Seed(hello.Mr0);
            uint families = hello.Mr1;
            CpuStateAttacks.Enabled = families;
            bool cpuState = (families & ~Families.Calls) != 0;
            while (true)
            {
                uint calls = 0;
                if ((families & Families.Calls) != 0)
                {
                    while (calls < Bursts.Calls)
                        calls += Attacks.One();
                }
                uint cpuStateAttacks = cpuState ? 1 + Attacks.Below(Bursts.MaxCpuStateAttacks) : 0;
                Task.SetBufferedWord(Bursts.FpChangedWord, CpuStateAttacks.FpChanged);
                Ipc.Call(Caps.Report, Labels.Burst, Bursts.ReportLength, calls + cpuStateAttacks, Attacks.Accepted, cpuStateAttacks, CpuStateAttacks.CameBack);
                Attacks.Accepted = 0;
                CpuStateAttacks.CameBack = 0;
                CpuStateAttacks.FpChanged = 0;
                for (uint i = 0; i < cpuStateAttacks; i++)
                    CpuStateAttacks.One();
            }
        }
    }
}
