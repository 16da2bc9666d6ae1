// The fuzzer's checker: the hostile tasks' fault handler, their bookkeeper and the judge
// of the run. Highest priority, woken by the `pulse` tick signal (every 10 ms) and by
// messages on `control`:
//
//   * a fault of a hostile task: counted. A bad system call changed nothing (rule 14),
//     so the task resumes where it was; any other fault means its own code broke, so it
//     starts afresh.
//   * Hello from a hostile task: the reply is the seed of its PRNG for this start,
//     derived from the build's seed, the task and how often it has started.
//   * Burst: the task made that many system calls (and so many random ones were carried
//     out, not refused: a measure of how much of the kernel the attack still reaches);
//     the run ends once they add up to FuzzSettings.Calls.
//   * Tally from the client: right and wrong answers from the server.
//   * the pulse: ask the kernel to check its invariants (the debug-only platform call),
//     resume hostile tasks their peers suspended or that called Exit, and restart those
//     that have not reported for StallPulses pulses (blocked for good).
//
// At the end it stops the hostile tasks, checks the invariants once more, asks the
// server one question itself, prints the closing line and ends the run with status 0
// when there were no invariant violations and no wrong answers (and some right ones),
// else 1. A kernel panic would have ended the run before the closing line, with a
// PANIC line and status 101 (ARCHITECTURE.md, failure paths): a closing line that is
// printed at all therefore says "0 kernel panics".
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

        private static uint s_calls, s_accepted, s_faults, s_restarts, s_violations, s_checks, s_right, s_wrong, s_pulses, s_nextProgress;
        private static readonly uint[] s_starts = new uint[Badges.Hostiles + 1];
        private static readonly uint[] s_lastHeard = new uint[Badges.Hostiles + 1];

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Console.Write("fuzz: seed ");
            Console.WriteHex(FuzzSettings.Seed);
            Console.Write(", ");
            Console.WriteDecimal(FuzzSettings.Calls);
            Console.WriteLine(" system calls by 3 hostile tasks");
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
            if (badge > Badges.FaultBadge && badge <= Badges.FaultBadge + Badges.Hostiles)
            {
                s_faults++;
                s_lastHeard[badge - Badges.FaultBadge] = s_pulses;
                Ipc.Reply(message.Label == (uint)FaultKind.BadSyscall ? FaultReply.Resume : FaultReply.Restart);
            }
            else if (badge >= 1 && badge <= Badges.Hostiles)
            {
                s_lastHeard[badge] = s_pulses;
                if (message.Label == Labels.Hello)
                {
                    Ipc.Reply(0, 1, SeedFor(badge, s_starts[badge]++));
                    return;
                }
                s_calls += message.Mr0;
                s_accepted += message.Mr1;
                Ipc.Reply(0);
            }
            else if (badge == Badges.Client)
            {
                s_right += message.Mr0;
                s_wrong += message.Mr1;
                Ipc.Reply(0);
            }
        }

        private static uint SeedFor(uint hostile, uint start) =>
            Xorshift.Mix(FuzzSettings.Seed ^ Xorshift.Mix(hostile * 0x9E3779B9u + start));

        private static void OnPulse()
        {
            s_pulses++;
            CheckInvariants();
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
                Console.Write("fuzz: ");
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
                Console.WriteLine("fuzz: the kernel refuses CheckInvariants: the image needs `debug-invariants = true`");
                Task.Halt(1);
            }
            s_checks++;
            if (violations == 0)
                return;
            s_violations += violations;
            Console.Write("fuzz: ");
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
            // The server must still answer once the attack is over.
            uint x = s_pulses * 0x9E3779B9u + 1;
            Message answer = Ipc.Call(Caps.Service, Labels.Ask, 1, x);
            if (answer.Status == Error.Ok && answer.Label == Labels.Answer && answer.Mr0 == Service.Answer(x))
                s_right++;
            else
                s_wrong++;

            Console.Write("fuzz: ");
            WriteCounts();
            Console.WriteLine();
            // Reaching this line at all means no kernel panic (see the top of this file).
            Console.Write("fuzz: seed ");
            Console.WriteHex(FuzzSettings.Seed);
            Console.Write(", ");
            Console.WriteDecimal(s_calls);
            Console.Write(" system calls, ");
            Console.WriteDecimal(s_faults);
            Console.Write(" faults, 0 kernel panics, ");
            Console.WriteDecimal(s_violations);
            Console.Write(" invariant violations, ");
            Console.WriteDecimal(s_right);
            Console.Write(" correct answers, ");
            Console.WriteDecimal(s_wrong);
            Console.WriteLine(" wrong answers");
            Task.Halt(s_violations == 0 && s_wrong == 0 && s_right > 0 ? 0u : 1u);
        }

        // The running figures: calls (and random ones carried out), faults, stall restarts, invariant checks and violations, answers.
        private static void WriteCounts()
        {
            Console.WriteDecimal(s_calls);
            Console.Write(" system calls (");
            Console.WriteDecimal(s_accepted);
            Console.Write(" random ones carried out), ");
            Console.WriteDecimal(s_faults);
            Console.Write(" faults, ");
            Console.WriteDecimal(s_restarts);
            Console.Write(" stall restarts, ");
            Console.WriteDecimal(s_checks);
            Console.Write(" invariant checks (");
            Console.WriteDecimal(s_violations);
            Console.Write(" violations), ");
            Console.WriteDecimal(s_right);
            Console.Write(" right and ");
            Console.WriteDecimal(s_wrong);
            Console.Write(" wrong answers after ");
            Console.WriteDecimal(s_pulses);
            Console.Write(" pulses");
        }
    }
}
