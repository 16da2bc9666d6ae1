// What the fuzzer's tasks say to each other, shared by every side.
//
// Every hostile task starts (and restarts) by calling the checker's `control` endpoint
// with Hello and how many of its FP registers were not zero when it started (each one
// left over from another thread); the reply carries the seed of its PRNG for this start
// and the attack families the build enabled (Families). After each burst of system
// calls it calls again with Burst: the number of calls it made, how many of its random
// ones the kernel carried out (status Ok), how many of its CPU-state traps came back,
// and after how many of those its FP registers had changed. That is how the checker
// counts without sharing memory with its attackers. The client reports its tally of
// right and wrong answers, and of calls after which its FP registers had changed, the
// same way. Badges tell the checker who is speaking: hostile task n reports with badge
// n (1..3), and the kernel sends its faults with FaultBadge + n, marked as faults
// (Message.IsFault); the client's badge is Client. A hostile task also forges fault
// messages (a Call with a fault badge minted from its unbadged `forge`, shaped as a
// fault): the checker answers each with NotAFault.
//
// The checker asks the bystander to Check itself once per pulse; the answer (Checked)
// says how many words of its patterns it found changed and how often its FP registers
// were not what it left in them.
namespace Keel.Fuzz
{
    public static class Labels
    {
        public const uint Hello = 1;
        public const uint Burst = 2;
        public const uint Tally = 3;

        // The client's request to the server and the server's answer.
        public const uint Ask = 4;
        public const uint Answer = 5;

        // The checker's question to the bystander, and its answer.
        public const uint Check = 6;
        public const uint Checked = 7;

        // The checker's answer to a forged fault message.
        public const uint NotAFault = 8;
    }

    // The attack families (KeelFuzzAttacks, tasks/checker/Checker.csproj): random system
    // calls, stack pointers moved anywhere, FP registers filled, faults on purpose.
    public static class Families
    {
        public const uint Calls = 1;
        public const uint Stack = 2;
        public const uint Fpu = 4;
        public const uint Faults = 8;
    }

    public static class Badges
    {
        public const int Hostiles = 3;
        public const uint FaultBadge = 0x10;
        public const uint Client = 4;

        // The badge of the client's (and the checker's) capability to the server.
        public const uint ServiceClient = 0x100;
    }

    public static class Service
    {
        // The function the server computes: what a correct answer to x is.
        public static uint Answer(uint x) => x * 2654435761u + 0x3C6EF372u;
    }

    // A hostile task reports after this many random system calls, and then makes up to
    // MaxCpuStateAttacks attacks on its CPU state, which its report counts already.
    // Report: MR0 the calls, MR1 the random ones carried out, MR2 the CPU-state
    // attacks, MR3 the CPU-state traps that came back, buffered word FpChangedWord how
    // many of those found their FP registers changed. The checker takes no more than
    // MostCalls from one report: a hostile task whose memory the kernel let someone
    // overwrite could report anything.
    public static class Bursts
    {
        public const uint Calls = 64;
        public const uint MaxCpuStateAttacks = 4;
        public const uint MostCalls = Calls + 8 + MaxCpuStateAttacks;
        public const int FpChangedWord = 4;
        public const int ReportLength = 5;
    }
}
