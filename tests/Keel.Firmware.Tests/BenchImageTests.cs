using Keel.Bench;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The IPC benchmark image (bench/ipc) under QEMU -icount, as bench/Keel.Bench runs it:
// it must report every operation and show that the IPC fastpath was taken. The
// figures themselves are the benchmark's business, never a test's.
public class BenchImageTests
{
    [Fact]
    public async Task TheBenchImageReportsEveryOperationAndTakesTheFastpath()
    {
        var qemu = new Qemu { Icount = Qemu.InstructionCountIcount };
        EmulatorRun run = await qemu.RunAsync(Repository.Image("bench/ipc", "ipc-bench"));
        Assert.True(run.ExitedWith(0), run.Describe());

        IReadOnlyList<BenchLine> lines = BenchLine.ParseAll(run.Console);
        Assert.Equal(BenchLine.Operations, lines.Select(line => line.Operation));
        Assert.All(lines, line => Assert.True(line.Count > 0 && line.Min <= line.Mean && line.Mean <= line.Max, run.Describe()));
        // Every system call of these runs on the fastpath: short Calls to a waiting server
        // and their answers (ReplyRecv, or Reply and then a separate Recv), one word sent
        // to a waiting receiver which Recvs again, a signal to a waiter which Waits again.
        foreach ((string op, long callsPerRun) in new[]
        {
            ("call_replyrecv_0w", 2L), ("call_replyrecv_1w", 2L), ("call_replyrecv_4w", 2L), ("call_reply_recv_4w", 3L),
            ("nbsend_recv", 2L), ("signal_wait", 2L),
        })
        {
            BenchLine line = lines.Single(line => line.Operation == op);
            Assert.True(callsPerRun * line.Count == line.FastpathHits, $"{op}: {line.FastpathHits} fastpath hits in {line.Count} runs");
        }
        // Messages too long for the registers take the general path.
        Assert.Equal(0, lines.Single(line => line.Operation == "call_replyrecv_16w").FastpathHits);
    }
}
