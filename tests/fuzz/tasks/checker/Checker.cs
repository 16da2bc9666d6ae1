// The fuzzer's checker: the hostile tasks' fault handler, their bookkeeper and the judge
// of the run. Highest priority, woken by the `pulse` tick signal (every 10 ms) and by
// messages on `control`:
//
//   * a fault of a hostile task (marked by the kernel, Message.IsFault): counted, and
//     checked to be charged to that task as its kind says (Faults.cs). A bad system call changed nothing (rule 14), so the task
//     resumes where it was; after any other fault it is resumed or restarted at random:
//     resuming a task whose stack pointer is outside its window (its frame could not be
//     stacked) is an attack of its own, and the kernel must restart such a task
//     whatever the reply says.
//   * a forged fault: a Call with a hostile task's fault badge that the kernel did not
//     mark (hostile/Attacks.cs, ForgeAFault): counted, and answered NotAFault.
//   * Hello from a hostile task: the reply is the seed of its PRNG for this start,
//     derived from the build's seed, the task and how often it has started, and the
//     attack families of the run. A task that found FP registers not zero at its start
//     saw another thread's: an FP crossing.
//   * Burst: the task made that many system calls (and so many random ones were carried
//     out, not refused: a measure of how much of the kernel the attack still reaches;
//     so many CPU-state attacks, so many of whose traps came back, after so many of
//     which its FP registers had changed: FP crossings); the run ends once the calls
//     add up to FuzzSettings.Calls.
//   * Tally from the client: right and wrong answers from the server, and calls after
//     which its FP registers had changed (FP crossings).
//   * the pulse: ask the kernel to check its invariants and its boot tables (the
//     debug-only platform call), check the integrity of the memory no attacker may
//     touch (Integrity.cs: the bystander's RAM and its own answer, this task's own
//     pattern, the client still reporting), resume hostile tasks their peers suspended
//     or that called Exit, and restart those that have not reported for StallPulses
//     pulses (blocked for good).
//
// At the end it stops the hostile tasks, checks everything once more, asks the server
// one question itself, prints the closing line and ends the run with status 0 when
// there were no invariant or integrity violations, no FP crossings and no wrong answers
// (and some right ones), else 1. A kernel panic would have ended the run before the
// closing line, with a PANIC line and status 101 (ARCHITECTURE.md, failure paths): a
// closing line that is printed at all therefore says "0 kernel panics".
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Fuzz
{
    public static class Checker
    {
        // A burst takes well under one pulse; three pulses without a word means blocked for good.
        private const uint StallPulses = 3;
        private const uint ProgressReports = 10;

        private static uint s_calls, s_accepted, s_cpuStateAttacks, s_cameBack, s_forgedFaults, s_restarts, s_violations, s_checks, s_right, s_wrong, s_pulses, s_nextProgress;
        private static readonly uint[] s_starts = new uint[Badges.Hostiles + 1];
        private static readonly uint[] s_lastHeard = new uint[Badges.Hostiles + 1];

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.Write("seed ");
            Console.WriteHex(FuzzSettings.Seed);
            Console.Write(", ");
            Console.WriteDecimal(FuzzSettings.Calls);
            Console.WriteLine(" system calls by 3 hostile tasks");
            Faults.Seed(FuzzSettings.Seed);
            Integrity.Start();
            s_nextProgress = FuzzSettings.Calls / ProgressReports;
            while (s_calls < FuzzSettings.Calls)
            {
                Message message = Ipc.Recv(Caps.Control);
                if (message.Notified)
                    OnPulse();
                else
                    OnMessage(message);
            }
            Finish();
        }

        private static void OnMessage(Message message)
        {
            uint badge = message.Badge;
            if (badge > Badges.FaultBadge && badge <= Badges.FaultBadge + Badges.Hostiles && !message.IsFault)
            {
                s_forgedFaults++;
                Ipc.Reply(Labels.NotAFault);
            }
            else if (badge > Badges.FaultBadge && badge <= Badges.FaultBadge + Badges.Hostiles)
            {
                uint hostile = badge - Badges.FaultBadge;
                s_lastHeard[hostile] = s_pulses;
                Ipc.Reply(Faults.OnFault(hostile, message));
            }
            else if (badge >= 1 && badge <= Badges.Hostiles)
            {
                s_lastHeard[badge] = s_pulses;
                if (message.Label == Labels.Hello)
                {
                    if (message.Mr0 != 0)
                        Integrity.FpCrossing(Faults.HostileName(badge), "started with FP registers not zero: ", message.Mr0);
                    Ipc.Reply(0, 2, SeedFor(badge, s_starts[badge]++), FuzzSettings.Families);
                    return;
                }
                s_calls += Min(message.Mr0, Bursts.MostCalls);
                s_accepted += Min(message.Mr1, Bursts.MostCalls);
                s_cpuStateAttacks += Min(message.Mr2, Bursts.MaxCpuStateAttacks);
                s_cameBack += Min(message.Mr3, Bursts.MaxCpuStateAttacks);
                uint fpChanged = Task.BufferedWord(Bursts.FpChangedWord);
                if (message.Info.Length == Bursts.ReportLength && fpChanged != 0)
                    Integrity.FpCrossing(Faults.HostileName(badge), "found its FP registers changed after system calls: ", fpChanged);
                Ipc.Reply(0);
            }
            else if (badge == Badges.Client)
            {
                s_right += message.Mr0;
                s_wrong += message.Mr1;
                Integrity.ClientReported(s_pulses);
                if (message.Mr2 != 0)
                    Integrity.FpCrossing("client", "found its FP registers changed after calls: ", message.Mr2);
                Ipc.Reply(0);
            }
        }

        private static uint Min(uint a, uint b) => a < b ? a : b;

        private static uint SeedFor(uint hostile, uint start) =>
            Xorshift.Mix(FuzzSettings.Seed ^ Xorshift.Mix(hostile * 0x9E3779B9u + start));

        private static void OnPulse()
        {
            s_pulses++;
            CheckInvariants();
            Integrity.Check(s_pulses);
            for (uint hostile = 1; hostile <= Badges.Hostiles; hostile++)
            {
                Threads.Resume(ThreadCap(hostile));
                if (s_pulses - s_lastHeard[hostile] >= StallPulses)
                {
                    Threads.Restart(ThreadCap(hostile));
                    s_restarts++;
                    s_lastHeard[hostile] = s_pulses;
                }
            }
            if (s_calls >= s_nextProgress && s_calls < FuzzSettings.Calls)
            {
                WriteCounts();
                Console.WriteLine();
                s_nextProgress += FuzzSettings.Calls / ProgressReports;
            }
        }

        private static uint ThreadCap(uint hostile) => hostile switch
        {
            1 => Caps.Hostile1,
            2 => Caps.Hostile2,
            _ => Caps.Hostile3,
        };

        private static void CheckInvariants()
        {
            if (Task.CheckInvariants(out uint violations) != Error.Ok)
            {
                Console.WriteLine("the kernel refuses CheckInvariants: the image needs `debug-invariants = true`");
                Task.Halt(1);
            }
            s_checks++;
            if (violations == 0)
                return;
            s_violations += violations;
            Console.WriteDecimal(violations);
            Console.Write(" invariant violations after ");
            Console.WriteDecimal(s_calls);
            Console.WriteLine(" system calls");
        }

        private static void Finish()
        {
            for (uint hostile = 1; hostile <= Badges.Hostiles; hostile++)
                Threads.Suspend(ThreadCap(hostile));
            CheckInvariants();
            Integrity.Check(s_pulses);
            // The server must still answer once the attack is over.
            uint x = s_pulses * 0x9E3779B9u + 1;
            Message answer = Ipc.Call(Caps.Service, Labels.Ask, 1, x);
            if (answer.Status == Error.Ok && answer.Label == Labels.Answer && answer.Mr0 == Service.Answer(x))
                s_right++;
            else
                s_wrong++;

            WriteCounts();
            Console.WriteLine();
            // Reaching this line at all means no kernel panic (see the top of this file).
            Console.Write("seed ");
            Console.WriteHex(FuzzSettings.Seed);
            Console.Write(", ");
            WriteFigure(s_calls, " system calls, ");
            WriteFigure(Faults.Count, " faults, 0 kernel panics, ");
            WriteFigure(s_violations, " invariant violations, ");
            WriteFigure(Integrity.Violations, " integrity violations, ");
            WriteFigure(Integrity.FpCrossings, " FP crossings, ");
            WriteFigure(s_right, " correct answers, ");
            WriteFigure(s_wrong, " wrong answers");
            Console.WriteLine();
            bool clean = s_violations == 0 && Integrity.Violations == 0 && Integrity.FpCrossings == 0 && s_wrong == 0 && s_right > 0;
            Task.Halt(clean ? 0u : 1u);
        }

        // The running figures: calls (random ones carried out, CPU-state attacks and how
        // many came back), faults (stack overflows), forged faults, stall restarts, invariant checks and
        // violations, integrity checks and violations, FP crossings, answers.
        private static void WriteCounts()
        {
            WriteFigure(s_calls, " system calls (");
            WriteFigure(s_accepted, " random ones carried out, ");
            WriteFigure(s_cpuStateAttacks, " with a hostile CPU state, ");
            WriteFigure(s_cameBack, " of which came back), ");
            WriteFigure(Faults.Count, " faults (");
            WriteFigure(Faults.StackOverflows, " stack overflows), ");
            WriteFigure(s_forgedFaults, " forged faults refused, ");
            WriteFigure(s_restarts, " stall restarts, ");
            WriteFigure(s_checks, " invariant checks (");
            WriteFigure(s_violations, " violations), ");
            WriteFigure(Integrity.Checks, " integrity checks (");
            WriteFigure(Integrity.Violations, " violations), ");
            WriteFigure(Integrity.FpCrossings, " FP crossings, ");
            WriteFigure(s_right, " right and ");
            WriteFigure(s_wrong, " wrong answers after ");
            WriteFigure(s_pulses, " pulses");
        }

        private static void WriteFigure(uint figure, string after)
        {
            Console.WriteDecimal(figure);
            Console.Write(after);
        }
    }
}
