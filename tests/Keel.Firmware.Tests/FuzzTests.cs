using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The hostile-task fuzzer (tests/fuzz) on QEMU, in its default (short) build: three
// unprivileged tasks make random system calls, many with a hostile CPU state (a stack
// pointer anywhere, FP registers live, faults on purpose), while the checker verifies
// the kernel's invariants, the integrity of a bystander task's RAM and of its own, the
// FP registers of the bystander, the client and every freshly started hostile task, and
// a client/server pair beside them. The run must reach its closing line (a kernel panic
// would end it first, with status 101) with no violation of any kind, after a good
// number of calls, CPU-state attacks, faults and answers.
public class FuzzTests
{
    public const string Folder = "tests/fuzz";

    private static readonly Lazy<Task<EmulatorRun>> Run = new(() =>
        new Qemu().RunAsync(Repository.Image(Folder, "fuzz")));

    private static readonly Regex ClosingLine = new(
        @"^checker: seed (0x[0-9a-f]{8}), (\d+) system calls, (\d+) faults, (\d+) kernel panics, (\d+) invariant violations, (\d+) integrity violations, (\d+) FP crossings, (\d+) correct answers, (\d+) wrong answers$",
        RegexOptions.Multiline);

    // The running figures (the last such line is the run's total, printed just before the closing line).
    private static readonly Regex Figures = new(
        @"^checker: \d+ system calls \(\d+ random ones carried out, (\d+) with a hostile CPU state, (\d+) of which came back\), \d+ faults \((\d+) stack overflows\), (\d+) forged faults refused, \d+ stall restarts, \d+ invariant checks \(\d+ violations\), (\d+) integrity checks",
        RegexOptions.Multiline);

    [Fact]
    public async Task The_kernel_survives_the_default_run_with_its_invariants_the_other_tasks_memory_and_FP_registers_and_correct_answers()
    {
        EmulatorRun run = await Run.Value;
        Assert.DoesNotContain("PANIC", run.Console);
        // Only hostile tasks fault, and the checker handles their faults: a fault logged
        // for a task without a handler was charged to a task that did not cause it.
        Assert.DoesNotContain("has no fault handler", run.Console);
        Match closing = ClosingLine.Match(run.Console);
        Assert.True(closing.Success, run.Describe());
        uint Figure(int group) => uint.Parse(closing.Groups[group].Value);

        Assert.Equal(0u, Figure(4));            // kernel panics
        Assert.Equal(0u, Figure(5));            // invariant violations
        Assert.Equal(0u, Figure(6));            // integrity violations
        Assert.Equal(0u, Figure(7));            // FP crossings
        Assert.Equal(0u, Figure(9));            // wrong answers
        Assert.InRange(Figure(2), 100_000u, uint.MaxValue);   // system calls: the default KeelFuzzCalls
        Assert.InRange(Figure(3), 1_000u, uint.MaxValue);     // faults: bad system-call numbers and CPU-state attacks
        Assert.InRange(Figure(8), 1_000u, uint.MaxValue);     // correct answers
        Assert.True(run.ExitedWith(0), run.Describe());
    }

    [Fact]
    public async Task The_default_run_attacks_the_CPU_state_and_checks_integrity_throughout()
    {
        EmulatorRun run = await Run.Value;
        MatchCollection lines = Figures.Matches(run.Console);
        Assert.True(lines.Count > 0, run.Describe());
        Match total = lines[^1];
        uint Figure(int group) => uint.Parse(total.Groups[group].Value);

        Assert.InRange(Figure(1), 1_000u, uint.MaxValue);     // system calls with a hostile CPU state
        Assert.InRange(Figure(2), 20u, uint.MaxValue);        // ... whose trap came back (stack pointer inside the task's window)
        Assert.InRange(Figure(3), 300u, uint.MaxValue);       // stack overflows: frames that could not be stacked
        Assert.InRange(Figure(4), 10u, uint.MaxValue);        // forged fault messages, each told from a fault
        Assert.InRange(Figure(5), 100u, uint.MaxValue);       // integrity checks (one per pulse)
    }

    [Fact]
    public async Task The_run_prints_its_seed_first_so_that_it_can_be_repeated()
    {
        EmulatorRun run = await Run.Value;
        string seed = ClosingLine.Match(run.Console).Groups[1].Value;
        Assert.StartsWith($"checker: seed {seed}, 100000 system calls by 3 hostile tasks\n", run.Console);
    }
}
