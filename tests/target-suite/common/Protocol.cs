// The protocol between the suite's driver and its workers, shared by both sides.
//
// Every worker starts (and restarts) by calling the driver's `control` endpoint with
// Hello; the reply says which case to run and from which step. A worker reports the
// case's verdict with Pass or Fail, or with Skip when the machine cannot run the case
// (a Call the driver never answers: the driver suspends every worker once it has a
// verdict). Before an access that must fault, a
// worker announces the fault it expects (ExpectFault); the driver, which is every
// worker's fault handler, compares the fault message with it and, when it matches,
// restarts the worker at the next step (or answers as the announcement asks, see
// FaultAnswer). The hostile-state cases also ask the driver to measure the other
// tasks' RAM before an attack (Measure), which it compares when the case passes,
// and to stop receiving for a moment (Pause). Badges tell the driver who is speaking:
// a worker's `control` capability carries its number (1..4), and its faults, which the
// kernel sends to `control` too, marked as faults (Message.IsFault), FaultBadge + its
// number (`fault-badge` in app.toml). A Call with any other badge, or a fault-shaped
// one that is not marked, is refused.
namespace Keel.Suite
{
    public static class Labels
    {
        public const uint Hello = 1;
        public const uint Pass = 2;
        public const uint Fail = 3;
        public const uint ExpectFault = 4;
        public const uint Measure = 5;
        public const uint Pause = 6;
        public const uint Skip = 7;

        // The driver's answer to a Call that is neither a worker's (its badge is none of
        // theirs) nor a fault the kernel reported.
        public const uint Refused = 8;
    }

    // ExpectFault's words: MR0 the fault kind, MR1 and MR2 the lowest and highest
    // address the fault may report (for a bad system call, its number), MR3 what the
    // driver does once the fault matched (FaultAnswer). In each case the worker then
    // runs its next step when it next starts.
    public static class FaultAnswer
    {
        // Reply Restart: the worker starts again.
        public const uint Restart = 0;

        // Reply Resume: the worker goes on where it faulted, if the kernel can.
        public const uint Resume = 1;

        // No reply: the worker stays blocked in its fault, and the driver sends a
        // message labelled with the worker's number to the log endpoint, so another
        // worker can act on the faulted one.
        public const uint Hold = 2;
    }

    // Measure's MR0: a bit per task (1 << task index) whose RAM window the driver
    // digests now and again when the case passes (a difference fails it); none of
    // them may run in between (they have exited, or have not been scheduled yet).
    // Pause: the driver answers, then receives nothing until its `pause` tick signal
    // (app.toml), so a fault in that time finds nobody to take it.

    public static class Workers
    {
        public const int Count = 4;
        public const uint FaultBadge = 0x10;

        // Workers are numbered 1..4 (their badge, and their task index: the driver is 0).
        public static string Name(uint worker) => worker switch
        {
            1 => "alpha",
            2 => "beta",
            3 => "gamma",
            4 => "delta",
            _ => "",
        };
    }

    // The words of a Fail or Skip message: two numbers, then the reason as ASCII text,
    // four characters to a word, low byte first (a task has no heap to build a string
    // for another).
    public static class Verdict
    {
        public const int Actual = 0;
        public const int Expected = 1;
        public const int Numbers = 2;
        public const int ReasonLength = 3;
        public const int FirstReasonWord = 4;
        public const int MaxReasonLength = 4 * (16 - FirstReasonWord);

        // What the Numbers word says the two numbers are.
        public const uint NoNumbers = 0;
        public const uint ActualAndExpected = 1;
        public const uint Address = 2;
    }
}
