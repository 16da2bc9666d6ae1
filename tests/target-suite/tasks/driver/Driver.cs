// The suite's driver: runs each selected case in freshly restarted workers and prints
// its result, in the format the host harness parses:
//
//   Starting test IPC0003 Call without a reply right fails before sending
//   PASS IPC0003                       (or FAIL IPC0003: reason, or SKIP IPC0003: reason)
//   ...
//   67 passed, 0 failed                (`, 3 skipped` added when cases were skipped)
//
// and then ends the run with status 0 when nothing failed, 1 otherwise.
//
// A case starts with every worker restarted (so nothing a failed case left behind,
// blocked IPC or a half-done step, reaches the next one). The driver answers their
// Hello calls only once all four have made one, so every worker has reset its own
// state before any of them acts. It then waits for the first verdict, checking each
// fault against the fault its worker announced, and gives up on a case after
// WatchdogLimit watchdog signals without a verdict.
//
// The driver also watches the kernel from outside the attacks of the hostile-state
// cases (worker/HostileStateCases.cs), with the debug-only platform calls app.toml
// grants it: when a worker asks it to Measure and at every verdict, the kernel's
// invariant check (which includes the port's boot tables) must find nothing wrong;
// the RAM windows measured must have the same digests at the verdict; and every
// Recv must return Ok, since any other status means the kernel ran, as the driver's,
// a system call the driver did not make.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;
using Keel.UserLib.Testing;

namespace Keel.Suite
{
    public static unsafe class Driver
    {
        // The watchdog notification is signalled every 10 ticks of 1 ms.
        private const uint WatchdogLimit = 300;
        private const uint WatchdogMilliseconds = WatchdogLimit * 10;

        // Hello replies wait in these slots (worker w in FirstHelloSlot + w - 1) until
        // every worker has said Hello.
        private const uint FirstHelloSlot = Caps.FirstFreeSlot;
        private const uint AllWorkers = (1u << (Workers.Count + 1)) - 2;

        // A failure that is about no worker in particular (a hung case).
        private const uint NoWorker = 0;

        private static uint s_passed;
        private static uint s_failed;
        private static uint s_skipped;

        // Per worker (index 1..4): the step it restarts at, and the fault it expects.
        private static uint[] s_step = new uint[Workers.Count + 1];
        private static uint[] s_expectedKind = new uint[Workers.Count + 1];
        private static uint[] s_expectedLowest = new uint[Workers.Count + 1];
        private static uint[] s_expectedHighest = new uint[Workers.Count + 1];
        private static uint[] s_answer = new uint[Workers.Count + 1];

        // The tasks (a bit per task index) whose RAM a worker asked to measure in this
        // case, and their digests then.
        private static uint s_measured;
        private static uint[] s_digests = new uint[Windows.TaskCount];

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            for (int index = 0; index < Catalogue.Count; index++)
            {
                if (TestSelection.Selects(Catalogue.Id(index)))
                    Run(index);
            }
            Console.WriteDecimal(s_passed);
            Console.Write(" passed, ");
            Console.WriteDecimal(s_failed);
            Console.Write(" failed");
            if (s_skipped != 0)
            {
                Console.Write(", ");
                Console.WriteDecimal(s_skipped);
                Console.Write(" skipped");
            }
            Console.WriteLine();
            Task.Halt(s_failed == 0 ? 0u : 1u);
        }

        private static void Run(int index)
        {
            Console.Write("Starting test ");
            Console.Write(Catalogue.Id(index));
            Console.Write(" ");
            WriteName(index);
            Console.WriteLine();

            s_measured = 0;
            for (uint worker = 1; worker <= Workers.Count; worker++)
            {
                s_step[worker] = 0;
                s_expectedKind[worker] = (uint)FaultKind.None;
                CSpaceOps.Delete(FirstHelloSlot + worker - 1);
                Threads.Restart(ThreadCap(worker));
            }

            uint greeted = 0;
            uint watchdog = 0;
            while (true)
            {
                Message message = Ipc.Recv(Caps.Control);
                if (message.Status != Error.Ok)
                {
                    StartFailure(index, NoWorker);
                    Console.Write("the driver's Recv returned status ");
                    Console.Write(message.Status);
                    Console.WriteLine(": the kernel ran a system call the driver did not make");
                    return;
                }
                if (message.Notified)
                {
                    if (++watchdog < WatchdogLimit)
                        continue;
                    StartFailure(index, NoWorker);
                    Console.Write("no verdict within ");
                    Console.WriteDecimal(WatchdogMilliseconds);
                    Console.WriteLine(" ms (hung)");
                    return;
                }
                if (message.IsFault)
                {
                    if (CheckFault(index, message.Badge - Workers.FaultBadge, message))
                        continue;
                    return;
                }
                uint from = message.Badge;
                if (from == 0 || from > Workers.Count)
                {
                    Ipc.Reply(Labels.Refused);
                    continue;
                }
                switch (message.Label)
                {
                    case Labels.Hello when greeted != AllWorkers:
                        CSpaceOps.SaveCaller(FirstHelloSlot + from - 1);
                        greeted |= 1u << (int)from;
                        if (greeted == AllWorkers)
                        {
                            for (uint worker = 1; worker <= Workers.Count; worker++)
                                Ipc.Send(FirstHelloSlot + worker - 1, 0, 2, (uint)index, s_step[worker]);
                        }
                        break;
                    case Labels.Hello:
                        Ipc.Reply(0, 2, (uint)index, s_step[from]);
                        break;
                    case Labels.ExpectFault:
                        s_expectedKind[from] = message.Mr0;
                        s_expectedLowest[from] = message.Mr1;
                        s_expectedHighest[from] = message.Mr2;
                        s_answer[from] = message.Mr3;
                        Ipc.Reply(0);
                        break;
                    case Labels.Measure:
                        s_measured = message.Mr0;
                        for (int task = 0; task < Windows.TaskCount; task++)
                        {
                            if ((s_measured & (1u << task)) != 0 && !TryDigest(index, task, out s_digests[task]))
                                return;
                        }
                        if (!KernelIntact(index))
                            return;
                        Ipc.Reply(0);
                        break;
                    case Labels.Pause:
                        Ipc.Reply(0);
                        Notifications.Poll(Caps.Pause, out _);
                        Notifications.Wait(Caps.Pause, out _);
                        break;
                    case Labels.Pass:
                        if (!KernelIntact(index) || !MeasuredUnchanged(index))
                            return;
                        StopWorkers();
                        Console.Write("PASS ");
                        Console.Write(Catalogue.Id(index));
                        Console.WriteLine();
                        s_passed++;
                        return;
                    case Labels.Skip:
                        if (!KernelIntact(index))
                            return;
                        StopWorkers();
                        Console.Write("SKIP ");
                        Console.Write(Catalogue.Id(index));
                        Console.Write(": ");
                        WriteReason(message);
                        Console.WriteLine();
                        s_skipped++;
                        return;
                    default:
                        StartFailure(index, from);
                        WriteReason(message);
                        Console.WriteLine();
                        return;
                }
            }
        }

        // A worker faulted. The fault it announced: restart it at its next step and go
        // on (true). Any other fault fails the case (false).
        private static bool CheckFault(int index, uint worker, Message fault)
        {
            FaultKind kind = (FaultKind)fault.Label;
            // A bad system call has no address; its fault message carries the number.
            uint address = kind == FaultKind.BadSyscall ? fault.Mr2 : fault.Mr1;
            if (s_expectedKind[worker] == (uint)kind && address >= s_expectedLowest[worker] && address <= s_expectedHighest[worker])
            {
                s_step[worker]++;
                s_expectedKind[worker] = (uint)FaultKind.None;
                if (s_answer[worker] == FaultAnswer.Hold)
                    Ipc.NBSend(Caps.Log, worker);
                else
                    Ipc.Reply(s_answer[worker] == FaultAnswer.Resume ? FaultReply.Resume : FaultReply.Restart);
                return true;
            }
            StartFailure(index, worker);
            if (s_expectedKind[worker] != (uint)FaultKind.None)
            {
                Console.Write("expected ");
                Console.Write(FaultKinds.Name((FaultKind)s_expectedKind[worker]));
                Console.Write(" fault at ");
                Console.WriteHex(s_expectedLowest[worker]);
                if (s_expectedHighest[worker] != s_expectedLowest[worker])
                {
                    Console.Write("..");
                    Console.WriteHex(s_expectedHighest[worker]);
                }
                Console.Write(", got ");
            }
            else
            {
                Console.Write("unexpected fault: ");
            }
            Console.Write(FaultKinds.Name(kind));
            Console.Write(" fault at ");
            Console.WriteHex(address);
            Console.Write(", pc ");
            Console.WriteHex(fault.Mr0);
            Console.WriteLine();
            return false;
        }

        // The kernel's invariants and the port's boot tables, as the kernel checks them.
        // Anything wrong fails the case (false).
        private static bool KernelIntact(int index)
        {
            Error status = Task.CheckInvariants(out uint violations);
            if (status == Error.Ok && violations == 0)
                return true;
            StartFailure(index, NoWorker);
            Console.Write("the kernel's invariant check: status ");
            Console.Write(status);
            Console.Write(", ");
            Console.WriteDecimal(violations);
            Console.WriteLine(" violations");
            return false;
        }

        // The RAM of every task measured in this case is as it was then; a task that
        // changed fails the case (false).
        private static bool MeasuredUnchanged(int index)
        {
            for (int task = 0; task < Windows.TaskCount; task++)
            {
                if ((s_measured & (1u << task)) == 0)
                    continue;
                if (!TryDigest(index, task, out uint digest))
                    return false;
                if (digest == s_digests[task])
                    continue;
                StartFailure(index, NoWorker);
                Console.Write("the RAM of ");
                Console.Write(Workers.Name((uint)task));
                Console.Write(" changed (digest ");
                Console.WriteHex(digest);
                Console.Write(", was ");
                Console.WriteHex(s_digests[task]);
                Console.WriteLine(")");
                return false;
            }
            return true;
        }

        // The digest of a task's RAM window. A refused Digest fails the case (false).
        private static bool TryDigest(int index, int task, out uint digest)
        {
            Error status = Task.Digest(Windows.RamBase(task), Windows.RamSize(task), out digest);
            if (status == Error.Ok)
                return true;
            StartFailure(index, NoWorker);
            Console.Write("Digest of the RAM of ");
            Console.Write(Workers.Name((uint)task));
            Console.Write(" refused: status ");
            Console.Write(status);
            Console.WriteLine();
            return false;
        }

        // Ends the case as failed: stops the workers, counts the failure and starts its
        // line, `FAIL <id>: ` and the worker it is about, for the caller to finish.
        private static void StartFailure(int index, uint worker)
        {
            StopWorkers();
            s_failed++;
            Console.Write("FAIL ");
            Console.Write(Catalogue.Id(index));
            Console.Write(": ");
            if (worker != NoWorker)
            {
                Console.Write(Workers.Name(worker));
                Console.Write(": ");
            }
        }

        private static void StopWorkers()
        {
            for (uint worker = 1; worker <= Workers.Count; worker++)
                Threads.Suspend(ThreadCap(worker));
        }

        private static void WriteName(int index)
        {
            string subject = Catalogue.Subject(index);
            if (subject.Length != 0)
            {
                Console.Write(subject);
                Console.Write(" ");
            }
            Console.Write(Catalogue.Name(index));
        }

        private static void WriteReason(Message verdict)
        {
            int length = (int)verdict.Mr3;
            char* text = stackalloc char[Verdict.MaxReasonLength];
            for (int i = 0; i < length && i < Verdict.MaxReasonLength; i++)
                text[i] = (char)((Task.BufferedWord(Verdict.FirstReasonWord + i / 4) >> (8 * (i % 4))) & 0xFF);
            Console.Write(text, length < Verdict.MaxReasonLength ? length : Verdict.MaxReasonLength);
            if (verdict.Mr2 == Verdict.ActualAndExpected)
            {
                Console.Write(": got ");
                Console.WriteHex(verdict.Mr0);
                Console.Write(", expected ");
                Console.WriteHex(verdict.Mr1);
            }
            else if (verdict.Mr2 == Verdict.Address)
            {
                Console.Write(" (address ");
                Console.WriteHex(verdict.Mr0);
                Console.Write(")");
            }
        }

        private static uint ThreadCap(uint worker) => worker switch
        {
            1 => Caps.Alpha,
            2 => Caps.Beta,
            3 => Caps.Gamma,
            _ => Caps.Delta,
        };
    }
}
