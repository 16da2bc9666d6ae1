using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The hostile-task fuzzer (tests/fuzz) on QEMU, in its default (short) build: three
// unprivileged tasks make random system calls while the checker verifies the kernel's
// invariants and a client/server pair beside them. The run must reach its closing line
// (a kernel panic would end it first, with status 101), with no invariant violation and
// no wrong answer, after a good number of calls, faults and answers.
public class FuzzTests
{
    public const string Folder = "tests/fuzz";

    private static readonly Lazy<Task<EmulatorRun>> Run = new(() =>
        new Qemu { TimeLimit = TimeSpan.FromMinutes(2) }.RunAsync(Repository.Image(Folder, "fuzz")));

    private static readonly Regex ClosingLine = new(
        @"^fuzz: seed (0x[0-9a-f]{8}), (\d+) system calls, (\d+) faults, (\d+) kernel panics, (\d+) invariant violations, (\d+) correct answers, (\d+) wrong answers$",
        RegexOptions.Multiline);

    [Fact]
    public async Task The_kernel_survives_the_default_run_with_its_invariants_and_correct_answers()
    {
        EmulatorRun run = await Run.Value;
        Assert.DoesNotContain("PANIC", run.Console);
        Match closing = ClosingLine.Match(run.Console);
        Assert.True(closing.Success, run.Describe());
        uint Figure(int group) => uint.Parse(closing.Groups[group].Value);

        Assert.Equal(0u, Figure(4));            // kernel panics
        Assert.Equal(0u, Figure(5));            // invariant violations
        Assert.Equal(0u, Figure(7));            // wrong answers
        Assert.InRange(Figure(2), 100_000u, uint.MaxValue);   // system calls: the default KeelFuzzCalls
        Assert.InRange(Figure(3), 1_000u, uint.MaxValue);     // faults: bad system-call numbers, resumed
        Assert.InRange(Figure(6), 1_000u, uint.MaxValue);     // correct answers
        Assert.True(run.ExitedWith(0), run.Describe());
    }

    [Fact]
    public async Task The_run_prints_its_seed_first_so_that_it_can_be_repeated()
    {
        EmulatorRun run = await Run.Value;
        string seed = ClosingLine.Match(run.Console).Groups[1].Value;
        Assert.StartsWith($"fuzz: seed {seed}, 100000 system calls by 3 hostile tasks\n", run.Console);
    }
}
