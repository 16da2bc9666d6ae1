using Keel.BuildTool;
using Keel.BuildTool.SystemDescription;

namespace Keel.Build.Tests;

// The worst-case stack analysis (StackDepth) on disassemblies written the way objdump
// prints ILC's code, and its check of a description's stacks.
public class StackDepthTests
{
    // A task entry that pushes 5 registers and takes 16 bytes, calls `work` the way ILC
    // does (movw/movt/add pc/blx) and `leaf` by bl; `work` pushes 3 and takes 200 more
    // through a tail call (bx) to `deep`.
    private const string Task = """
        08010000 <keel_task_t_start>:
         8010000:	push	{r4, r5, r6, r7, lr}
         8010002:	sub	sp, #16
         8010004:	movw	r3, #28	@ 0x1c
         8010008:	movt	r3, #0
         801000c:	add	r3, pc
         801000e:	blx	r3
         8010010:	bl	8010040 <leaf>
         8010014:	add	sp, #16
         8010016:	pop	{r4, r5, r6, r7, pc}

        0801002c <work>:
         801002c:	push	{r4, r7, lr}
         801002e:	movw	r3, #23
         8010032:	movt	r3, #0
         8010036:	add	r3, pc
         8010038:	pop	{r4, r7, lr}
         801003a:	bx	r3

        08010040 <leaf>:
         8010040:	bx	lr

        08010050 <deep>:
         8010050:	sub.w	sp, sp, #200
         8010054:	add	sp, #200
         8010056:	bx	lr
        """;

    private static StackDepth.Code Code(string disassembly, params uint[] panics) =>
        new(StackDepth.Parse(disassembly), [(0x08000000u, 0x08100000u)], [], panics);

    [Fact]
    public void TheDepthIsTheDeepestChainOfFramesAndAnExceptionFrame()
    {
        StackDepth.Bound bound = Code(Task).Root("keel_task_t_start")!;

        Assert.Equal(20 + 16 + 12 + 200 + StackDepth.ExceptionFrameBytes, bound.Bytes);
        Assert.Equal(["keel_task_t_start", "work", "deep"], bound.Deepest);
        Assert.Empty(bound.NotBounded);
    }

    [Fact]
    public void RecursionIsNoBoundAndSaysWhere()
    {
        string recursive = Task.Replace("8010040:	bx	lr", "8010040:	bl	8010040 <leaf>");

        StackDepth.Bound bound = Code(recursive).Root("keel_task_t_start")!;

        Assert.Equal(["recursion: leaf > leaf"], bound.NotBounded);
    }

    [Fact]
    public void ACycleThroughThePanicRoutineIsTakenOnceMore()
    {
        // leaf fails a check: keel_panic, whose report fails again into keel_panic.
        string panics = Task.Replace("8010040:	bx	lr", "8010040:	bl	8010060 <keel_panic>") + """

        08010060 <keel_panic>:
         8010060:	push	{r4, r5, r6, r7, r8, r9, sl, fp, ip, lr}
         8010064:	bl	8010060 <keel_panic>
        """;

        StackDepth.Bound bound = Code(panics, 0x08010060).Root("keel_task_t_start")!;

        Assert.Empty(bound.NotBounded);
        Assert.Equal(20 + 16 + Math.Max(12 + 200, 40 + 40) + StackDepth.ExceptionFrameBytes, bound.Bytes);
    }

    [Fact]
    public void AStackallocOfRunTimeSizeIsNoBound()
    {
        string dynamic = Task.Replace("8010050:	sub.w	sp, sp, #200", "8010050:	sub.w	sp, sp, r0");

        StackDepth.Bound bound = Code(dynamic).Root("keel_task_t_start")!;

        Assert.Single(bound.NotBounded, reason => reason.Contains("deep takes stack of a size known only at run time", StringComparison.Ordinal));
    }

    [Fact]
    public void ACallThroughAPointerIsBoundedByTheFunctionsWhoseAddressTheImageTakes()
    {
        // The entry calls through r0; a word of initial data holds `deep`'s address.
        string pointer = Task.Replace("8010010:	bl	8010040 <leaf>", "8010010:	blx	r0");
        var code = new StackDepth.Code(StackDepth.Parse(pointer), [(0x08010000u, 0x08010100u)], [0x08010051u], []);

        Assert.Equal(20 + 16 + 12 + 200 + StackDepth.ExceptionFrameBytes, code.Root("keel_task_t_start")!.Bytes);
    }

    [Fact]
    public void AStackBelowTheWorstCaseIsAnErrorAtItsFieldWithTheSizeThatFits()
    {
        string toml = TestApps.WriteSampleApp(TestApps.SampleAppToml.Replace("[tasks.worker]", "[tasks.t]\npriority = 3\nproject = \"tasks/worker/Worker.csproj\"\nflash = 8192\nram = 4096\nstack = 256\n\n[tasks.worker]"));
        AppDescription app = AppDescriptionParser.Parse(toml, (_, _) => { })!;

        (IReadOnlyList<string> lines, IReadOnlyList<string> report) = StackDepth.Check(Code(Task), app);

        Assert.Contains(lines, line => line.EndsWith("error KEEL0112: task 't': field 'stack': needs up to 284 bytes of stack (with an exception frame; deepest: keel_task_t_start > work > deep) but is given 256: set stack = 288 or more", StringComparison.Ordinal));
        Assert.Contains("task t 284 keel_task_t_start > work > deep", report);
    }
}
