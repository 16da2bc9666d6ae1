// Cases about who runs when: blocking and waking, notifications, priorities, Yield,
// time slices and tick preemption. Several use alpha, the highest-priority worker, as
// an observer: it waits on the log endpoint, and the others NBSend a label to it at
// the moments that matter. Since alpha is always back in Recv before any lower task
// runs, the order of the labels it receives is the order in which things happened.
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Suite
{
    public static partial class Cases
    {
        private static void Log(uint label) => Ipc.NBSend(Caps.Log, label);

        // The observer: receives `count` log entries and checks them in order.
        private static void ExpectLog(uint first, uint second, uint third = 0, uint fourth = 0)
        {
            Check.Equal(Ipc.Recv(Caps.LogRead).Label, first, "the first log entry");
            Check.Equal(Ipc.Recv(Caps.LogRead).Label, second, "the second log entry");
            if (third != 0)
                Check.Equal(Ipc.Recv(Caps.LogRead).Label, third, "the third log entry");
            if (fourth != 0)
                Check.Equal(Ipc.Recv(Caps.LogRead).Label, fourth, "the fourth log entry");
        }

        // Blocks until the next tick signal (so every lower-priority worker has run
        // until it blocked, or has used up the time until the tick).
        private static void WaitForTick()
        {
            Notifications.Poll(Caps.Ticks, out _);
            uint word = Notifications.Wait(Caps.Ticks, out Error status);
            Check.Ok(status, "Wait on the tick signal");
            Check.Equal(word, 1, "the tick signal's word");
        }

        private static void BadSyscall()
        {
            const uint unknown = 0x55;
            Report.ExpectFault(FaultKind.BadSyscall, unknown);
            Syscall.Invoke(unknown);
            Report.Fail("an unknown system call returned");
        }

        private static void SignalAndWait()
        {
            if (Self == Alpha)
            {
                Check.Ok(Notifications.Signal(Caps.NoteSignal), "Signal");
                Check.Equal(Notifications.Wait(Caps.Note, out Error status), SignalBadge(Alpha), "the word Wait returned");
                Check.Ok(status, "Wait");
                Check.Equal(Notifications.Poll(Caps.Note, out _), 0, "the word after Wait");
                Check.Ok(Notifications.Signal(Caps.NoteSignal), "Signal again");
            }
            else if (Self == Beta)
            {
                Check.Ok(Notifications.Signal(Caps.NoteSignal), "Signal");
                Check.Equal(Notifications.Wait(Caps.Note, out _), SignalBadge(Alpha) | SignalBadge(Beta), "the ORed word");
                Report.Pass();
            }
        }

        private static void PollNeverBlocks()
        {
            if (Self != Alpha)
                return;
            Check.Equal(Notifications.Poll(Caps.Note, out Error status), 0, "the word with nothing signalled");
            Check.Ok(status, "Poll");
            Notifications.Poll(Caps.NoteSignal, out status);
            Check.Status(status, Error.MissingRight, "Poll through a write-only cap");
            Report.Pass();
        }

        // Gamma, then delta, block in Wait; alpha signals twice. Gamma is woken first
        // and so reaches the ready queue, and the log, first.
        private static void WaitersWokenInOrder()
        {
            if (Self == Alpha)
            {
                WakeOneWaiter();
                WakeOneWaiter();
                ExpectLog(Gamma, Delta);
                Report.Pass();
            }
            else if (Self >= Gamma)
            {
                Check.Equal(Notifications.Wait(Caps.Note, out _), SignalBadge(Alpha), "the word a waiter got");
                // A blocking Send: alpha may not be listening yet, and the log
                // endpoint's queue keeps the order in which the waiters ran.
                Ipc.Send(Caps.Log, Self);
            }
        }

        // Signals `note` once a waiter is there to take it: a tick gives the waiters
        // time to block, and a word still pending after the Signal means nobody was
        // waiting yet (Poll takes it back, and alpha tries again at the next tick).
        private static void WakeOneWaiter()
        {
            do
            {
                WaitForTick();
                Check.Ok(Notifications.Signal(Caps.NoteSignal), "Signal");
            }
            while (Notifications.Poll(Caps.Note, out _) != 0);
        }

        // Gamma waits on note; alpha signals it through an unbadged capability, which ORs in
        // nothing but is a signal all the same: gamma wakes with the word 0, Notified set.
        private static void UnbadgedSignalWakesWaiter()
        {
            if (Self == Alpha)
            {
                WaitForTick();
                Check.Ok(Notifications.Signal(Caps.NotePlain), "Signal through an unbadged cap");
            }
            else if (Self == Gamma)
            {
                ThreadRegisters woken = Syscall.Invoke(SyscallNumber.Wait, Caps.Note);
                Check.Ok((Error)woken.R4, "Wait");
                Check.True(new MessageInfo(woken.R5).Notified, "the Wait's result is a signal");
                Check.Equal(woken.R6, 0, "the word of an unbadged signal");
                Report.Pass();
            }
        }

        // Beta is bound to the bell notification and blocks receiving on ep; alpha's
        // signal wakes that Recv.
        private static void BoundNotificationWakesRecv()
        {
            if (Self == Alpha)
            {
                WaitForTick();
                Check.Ok(Notifications.Signal(Caps.BellSignal), "Signal the bell");
            }
            else if (Self == Beta)
            {
                Message woken = Ipc.Recv(Caps.Ep);
                Check.Ok(woken.Status, "Recv");
                Check.True(woken.Notified, "Recv woken by the bound notification has Notified set");
                Check.Equal(woken.Badge, SignalBadge(Alpha), "the notification word");
                Report.Pass();
            }
        }

        // Gamma sends to beta, which waits and has the higher priority: beta runs (and
        // logs) before gamma's Send returns.
        private static void HigherPriorityReceiverRunsAtOnce()
        {
            if (Self == Alpha)
            {
                ExpectLog(Beta, Gamma);
                Report.Pass();
            }
            else if (Self == Beta)
            {
                Ipc.Recv(Caps.Ep);
                Log(Beta);
            }
            else if (Self == Gamma)
            {
                Ipc.Send(Caps.EpSend, 1);
                Log(Gamma);
            }
        }

        // Beta sends to gamma, which waits and has the lower priority: beta goes on
        // (and logs) first.
        private static void LowerPriorityReceiverWaits()
        {
            if (Self == Alpha)
            {
                ExpectLog(Beta, Gamma);
                Report.Pass();
            }
            else if (Self == Beta)
            {
                WaitForTick();
                Ipc.Send(Caps.EpSend, 1);
                Log(Beta);
            }
            else if (Self == Gamma)
            {
                Ipc.Recv(Caps.Ep);
                Log(Gamma);
            }
        }

        private static void YieldToEqualPriority()
        {
            if (Self == Alpha)
            {
                ExpectLog(10, 20, 11, 21);
                Report.Pass();
            }
            else if (Self >= Gamma)
            {
                uint first = Self == Gamma ? 10u : 20u;
                Log(first);
                Ipc.Yield();
                Log(first + 1);
            }
        }

        // Gamma and delta never block: each logs its number every so often. Without
        // time slices the first would run forever; with them alpha sees the log change
        // hands again and again.
        private static void RoundRobin()
        {
            const uint handOversWanted = 4;
            const uint entriesAllowed = 5000;
            if (Self == Alpha)
            {
                uint last = 0;
                uint handOvers = 0;
                for (uint entry = 0; entry < entriesAllowed; entry++)
                {
                    uint label = Ipc.Recv(Caps.LogRead).Label;
                    if (last != 0 && label != last && ++handOvers == handOversWanted)
                        Report.Pass();
                    last = label;
                }
                Report.Fail("the busy tasks did not take turns", handOvers, handOversWanted);
            }
            else if (Self >= Gamma)
            {
                while (true)
                {
                    Spin(20000);
                    Log(Self);
                }
            }
        }

        // Gamma spins and never blocks. Alpha, waiting on the tick signal, must still
        // run: the tick preempts gamma.
        private static void TickPreemption()
        {
            if (Self == Alpha)
            {
                Check.Equal(Ipc.Recv(Caps.LogRead).Label, Gamma, "gamma's start");
                WaitForTick();
                WaitForTick();
                Report.Pass();
            }
            else if (Self == Gamma)
            {
                Log(Gamma);
                while (true)
                    Spin(1000);
            }
        }

        private static uint s_spins;

        private static void Spin(uint iterations)
        {
            for (uint i = 0; i < iterations; i++)
                System.Threading.Volatile.Write(ref s_spins, System.Threading.Volatile.Read(ref s_spins) + 1);
        }
    }
}
