// What the fuzzer's tasks say to each other, shared by every side.
//
// Every hostile task starts (and restarts) by calling the checker's `control` endpoint
// with Hello; the reply carries the seed of its PRNG for this start. After each burst
// of system calls it calls again with Burst, the number of calls it made and how many
// of its random ones the kernel carried out (status Ok), which is
// how the checker counts calls without sharing memory with its attackers. The client
// reports its tally of right and wrong answers the same way. Badges tell the checker
// who is speaking: hostile task n reports with badge n (1..3) and faults with
// FaultBadge + n; the client's badge is Client.
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

    // A hostile task reports after this many system calls.
    public static class Bursts
    {
        public const uint Calls = 64;
    }
}
