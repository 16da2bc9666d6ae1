// A worker of the on-target suite. All four workers run this program; they differ in
// priority and in the badges and objects behind their (identically named) slots, and
// a case is one method in which each worker plays the part its number gives it
// (Self: alpha 1, beta 2, gamma 3, delta 4). A worker with no part in a case returns,
// which ends its thread until the driver restarts it for the next case.
//
// Checks fail the case at once: Check and Report send the verdict to the driver in a
// Call it never answers, so nothing after a failed check runs.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Suite
{
    public static class Worker
    {
        public static uint Self => (uint)Layout.SelfIndex;

        // This worker's interrupt line: EXTI0..3 for workers 1..4 (app.toml).
        public static uint OwnIrq => 5 + Self;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Reset();
            Message assignment = Ipc.Call(Caps.Control, Labels.Hello);
            Cases.Run((int)assignment.Mr0, assignment.Mr1);
        }

        // Clears what an earlier case may have left in this worker's own objects: caps
        // in its free slots, pending signals, and its interrupt's mask.
        private static void Reset()
        {
            for (uint slot = Caps.FirstFreeSlot; slot < Caps.SlotCount; slot++)
                CSpaceOps.Delete(slot);
            Notifications.AcknowledgeIrq(Caps.Irq);
            Notifications.Poll(Caps.IrqNote, out _);
            Notifications.Poll(Caps.Note, out _);
            // Bell is bound to beta, whose Poll clears it; the others' is refused, changing nothing.
            Notifications.Poll(Caps.Bell, out _);
        }
    }

    public static class Report
    {
        public static void Pass()
        {
            Ipc.Call(Caps.Control, Labels.Pass);
            Stop();
        }

        public static void Fail(string reason) => SendVerdict(Labels.Fail, reason, 0, 0, Verdict.NoNumbers);

        public static void Fail(string reason, uint actual, uint expected) =>
            SendVerdict(Labels.Fail, reason, actual, expected, Verdict.ActualAndExpected);

        public static void FailAt(string reason, uint address) => SendVerdict(Labels.Fail, reason, address, 0, Verdict.Address);

        // The case cannot test the kernel on this machine (SuiteEmulator), for `reason`.
        public static void Skip(string reason) => SendVerdict(Labels.Skip, reason, 0, 0, Verdict.NoNumbers);

        // The next fault of this worker is a `kind` fault at `address` (for a bad
        // system call: its number); the driver restarts the worker at its next step.
        public static void ExpectFault(FaultKind kind, uint address) => ExpectFault(kind, address, address);

        // As above, for a fault whose address is only known to lie in [lowest, highest],
        // and which the driver answers with `answer` (FaultAnswer) instead of a restart.
        public static void ExpectFault(FaultKind kind, uint lowest, uint highest, uint answer = FaultAnswer.Restart) =>
            Ipc.Call(Caps.Control, Labels.ExpectFault, 4, (uint)kind, lowest, highest, answer);

        private static void SendVerdict(uint label, string reason, uint actual, uint expected, uint numbers)
        {
            int length = reason.Length < Verdict.MaxReasonLength ? reason.Length : Verdict.MaxReasonLength;
            for (int word = Verdict.FirstReasonWord; word < IpcBuffer.MaxWords; word++)
            {
                uint packed = 0;
                for (int b = 0; b < 4; b++)
                {
                    int i = 4 * (word - Verdict.FirstReasonWord) + b;
                    if (i < length)
                        packed |= (uint)(reason[i] & 0xFF) << (8 * b);
                }
                Task.SetBufferedWord(word, packed);
            }
            Ipc.Call(Caps.Control, label, IpcBuffer.MaxWords, actual, expected, numbers, (uint)length);
            Stop();
        }

        // The driver never answers a verdict; it suspends the worker.
        private static void Stop()
        {
            while (true)
                Ipc.Yield();
        }
    }

    public static class Check
    {
        public static void Equal(uint actual, uint expected, string what)
        {
            if (actual != expected)
                Report.Fail(what, actual, expected);
        }

        public static void Status(Error actual, Error expected, string what) => Equal((uint)actual, (uint)expected, what);

        public static void Ok(Error actual, string what) => Equal((uint)actual, (uint)Error.Ok, what);

        public static void True(bool condition, string what)
        {
            if (!condition)
                Report.Fail(what);
        }

        // The type and rights Identify reports for `slot`.
        public static void Slot(uint slot, CapType type, Rights rights, string what)
        {
            Ok(CSpaceOps.Identify(slot, out CapType actualType, out Rights actualRights), what);
            Equal((uint)actualType, (uint)type, what);
            Equal((uint)actualRights, (uint)rights, what);
        }

        // A received message: status Ok, then label, length and badge.
        public static void Received(Message message, uint label, uint length, uint badge, string what)
        {
            Ok(message.Status, what);
            Equal(message.Label, label, what);
            Equal((uint)message.Info.Length, length, what);
            Equal(message.Badge, badge, what);
        }
    }
}
