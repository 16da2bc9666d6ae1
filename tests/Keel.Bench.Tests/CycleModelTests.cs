using Keel.Bench;

namespace Keel.Bench.Tests;

// The Cortex-M4 timing model (bench/Keel.Bench/CycleModel.cs) on short sequences whose
// cycles the TRM's table 3-1 gives, written as arm-none-eabi-objdump prints them and
// traced as QEMU's `-d exec,nochain,int` logs them.
public class CycleModelTests
{
    private const string Disassembly = """
 8000100:	2001      	movs	r0, #1
 8000102:	6808      	ldr	r0, [r1, #0]
 8000104:	684a      	ldr	r2, [r1, #4]
 8000106:	600b      	str	r3, [r1, #0]
 8000108:	e8bd 0ff0 	ldmia.w	sp!, {r4, r5, r6, r7, r8, r9, sl, fp}
 800010c:	e92d 4ff0 	stmdb	sp!, {r4-fp, lr}
 8000110:	d0f6      	beq.n	8000100 <f>
 8000112:	fbb0 f0f1 	udiv	r0, r0, r1
 8000116:	df00      	svc	0
 8000118:	4770      	bx	lr
 800011a:	bd10      	pop	{r4, pc}
 800011c:	ecb1 0a20 	vldmia	r1!, {s0-s31}
""";

    private static long Cycles(int waitStates, params object[] trace)
    {
        var model = new CycleModel(CycleModel.ParseDisassembly(Disassembly)) { BranchWaitStates = waitStates };
        IEnumerable<string> log = trace.Select(t => t is uint pc ? $"Trace 0: 0x7f0000 [00000000/{pc:x8}/00000000/ff200000] f" : (string)t);
        return model.Cycles(CycleModel.ParseTrace(log));
    }

    [Fact]
    public void DataProcessingIsOneCycle() => Assert.Equal(1, Cycles(0, 0x8000100u));

    [Fact]
    public void NeighbouringLoadsAndStoresPipeline() => Assert.Equal(2 + 1 + 1, Cycles(0, 0x8000102u, 0x8000104u, 0x8000106u));

    [Fact]
    public void MultipleTransfersCostOnePlusTheirRegisters()
    {
        Assert.Equal(1 + 8, Cycles(0, 0x8000108u));
        Assert.Equal(1 + 9, Cycles(0, 0x800010cu));
        Assert.Equal(1 + 32, Cycles(0, 0x800011cu));
    }

    [Fact]
    public void ATakenBranchRefillsThePipelineAndPaysTheFlashWaitStates()
    {
        Assert.Equal(1 + CycleModel.Divide, Cycles(0, 0x8000110u, 0x8000112u)); // not taken: 1
        Assert.Equal(1 + CycleModel.BranchRefill + 1, Cycles(0, 0x8000110u, 0x8000100u));
        Assert.Equal(1 + CycleModel.BranchRefill + 5 + 1, Cycles(5, 0x8000110u, 0x8000100u));
        Assert.Equal(1 + 2 + CycleModel.BranchRefill + 1, Cycles(0, 0x800011au, 0x8000100u)); // pop {r4, pc}
    }

    [Fact]
    public void ADivideIsChargedTheTrmsMaximum() => Assert.Equal(CycleModel.Divide, Cycles(0, 0x8000112u));

    [Fact]
    public void ExceptionEntryAndReturnAreTwelveAndTen()
    {
        // svc, exception taken, the handler's movs, bx lr as an exception return, movs.
        Assert.Equal(12 + 1 + 10 + 1, Cycles(0, 0x8000116u, "Taking exception 2 [SVC] on CPU 0", "...taking pending nonsecure exception 11",
            0x8000100u, 0x8000118u, "Exception return: magic PC fffffffd previous exception 11", 0x8000100u));
        // The return followed at once by another exception: a tail chain, 6 for both.
        Assert.Equal(12 + 1 + 6 + 1, Cycles(0, 0x8000116u, "...taking pending nonsecure exception 11",
            0x8000100u, 0x8000118u, "Exception return: magic PC fffffffd previous exception 11", "...taking pending nonsecure exception 15", 0x8000100u));
    }
}
