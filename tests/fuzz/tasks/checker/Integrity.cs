// What the checker verifies beyond the kernel's own invariants: that the attack changed
// nothing it may not change. Every finding is counted (Violations, or FpCrossings for
// FP registers) and printed, up to MaxPrinted lines.
//
//   * The bystander's RAM (tasks/bystander): the bystander waits, blocked, on an
//     endpoint only the checker sends to, so nothing may write its window between two
//     pulses, not even the kernel (it writes a receiver's RAM only for message words
//     past MR3, and the checker sends none). Each pulse digests the whole window (the
//     debug platform call Digest) and compares it with the digest taken at the end of
//     the last pulse, then asks the bystander to check itself (its patterns and its FP
//     registers) and digests the window again once it waits once more. A bystander that
//     is not waiting to be asked is a violation too: something stopped it.
//   * This task's own pattern in the unused top of its RAM window, just below
//     hostile-1's window.
//   * The client: it must report at least every ClientSilencePulses pulses; a client
//     that stopped was stopped by something it did not do (only hostile tasks fault).
//   * Each hostile task's fault, charged to it as its kind says (Faults.cs reports a
//     wrong one here).
//
// The kernel's own data is CheckInvariants' (Checker.cs): its invariants and its boot
// tables (MPU regions, task table, thread modes).
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Fuzz
{
    public static class Integrity
    {
        public static uint Checks, Violations, FpCrossings;

        // The top of the checker's window, above its stack, IPC buffer and statics (which
        // end below 6.5 KiB: the build's size report shows them), which nothing uses.
        private const uint OwnPatternBytes = 1024;
        private const uint OwnPatternStart = Layout.CheckerRamBase + Layout.CheckerRamSize - OwnPatternBytes;
        private const uint Salt = 0xC4EC6E12;

        // It reports several times a pulse; the margin covers a host that stalls QEMU.
        private const uint ClientSilencePulses = 300;
        private const uint MaxPrinted = 40;

        private static uint s_bystanderDigest, s_clientHeard, s_pulse, s_printed;
        private static bool s_bystanderMeasured;

        public static void Start() => Patterns.Fill(OwnPatternStart, OwnPatternBytes, Salt);

        public static void ClientReported(uint pulse) => s_clientHeard = pulse;

        public static void Check(uint pulse)
        {
            s_pulse = pulse;
            Checks++;
            CheckBystander();
            uint wrong = Patterns.Repair(OwnPatternStart, OwnPatternBytes, Salt);
            if (wrong != 0)
                Violation("checker", "words of its own pattern changed: ", wrong);
            if (pulse - s_clientHeard >= ClientSilencePulses)
            {
                Violation("client", "has not reported for pulses: ", pulse - s_clientHeard);
                s_clientHeard = pulse;
            }
        }

        private static void CheckBystander()
        {
            if (s_bystanderMeasured && BystanderDigest() != s_bystanderDigest)
                Violation("bystander", "RAM changed while it waited, digests differ: ", 1);
            Message answer = Ipc.NBCall(Caps.Bystander, Labels.Check);
            if (answer.Status != Error.Ok || answer.Label != Labels.Checked)
                Violation("bystander", "is not waiting to be asked, status: ", (uint)answer.Status);
            else
            {
                if (answer.Mr0 != 0)
                    Violation("bystander", "words of its patterns changed: ", answer.Mr0);
                if (answer.Mr1 != 0)
                    FpCrossing("bystander", "FP registers not as it left them across a wait (or at its start): ", answer.Mr1);
            }
            s_bystanderDigest = BystanderDigest();
            s_bystanderMeasured = true;
        }

        private static uint BystanderDigest()
        {
            if (Task.Digest(Layout.BystanderRamBase, Layout.BystanderRamSize, out uint digest) != Error.Ok)
            {
                Console.WriteLine("the kernel refuses Digest: the image needs `debug-invariants = true` and the checker `digest`");
                Task.Halt(1);
            }
            return digest;
        }

        public static void Violation(string who, string what, uint figure)
        {
            Violations++;
            Print("integrity violation: ", who, what, figure);
        }

        // A fault message with a pc its task cannot have run (Faults.cs).
        public static void WrongFault(string who, Message fault)
        {
            Violations++;
            if (!Printing())
                return;
            Console.Write("integrity violation: ");
            Console.Write(who);
            Console.Write(" charged with a fault whose pc it cannot have run: ");
            Console.Write(FaultKinds.Name((FaultKind)fault.Label));
            Console.Write(" at pc ");
            Console.WriteHex(fault.Mr0);
            Console.Write(", address ");
            Console.WriteHex(fault.Mr1);
            Console.Write(", status ");
            Console.WriteHex(fault.Mr2);
            EndLine();
        }

        public static void FpCrossing(string who, string what, uint figure)
        {
            FpCrossings++;
            Print("FP crossing: ", who, what, figure);
        }

        private static void Print(string kind, string who, string what, uint figure)
        {
            if (!Printing())
                return;
            Console.Write(kind);
            Console.Write(who);
            Console.Write(" ");
            Console.Write(what);
            Console.WriteDecimal(figure);
            EndLine();
        }

        // Starts a finding's line, unless MaxPrinted were printed (the first time, says so).
        private static bool Printing()
        {
            if (s_printed > MaxPrinted)
                return false;
            s_printed++;
            if (s_printed <= MaxPrinted)
                return true;
            Console.WriteLine("more findings are counted but not printed");
            return false;
        }

        private static void EndLine()
        {
            Console.Write(" (pulse ");
            Console.WriteDecimal(s_pulse);
            Console.WriteLine(")");
        }
    }
}
