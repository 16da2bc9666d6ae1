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
        var qemu = new Qemu { ExtraArguments = ["-icount", "shift=0,align=off,sleep=off"] };
        EmulatorRun run = await qemu.RunAsync(Repository.Image("bench/ipc", "ipc-bench"));
        Assert.True(run.ExitedWith(0), run.Describe());

        IReadOnlyList<BenchLine> lines = BenchLine.ParseAll(run.Console);
        Assert.Equal(BenchLine.Operations, lines.Select(line => line.Operation));
        Assert.All(lines, line => Assert.True(line.Count > 0 && line.Min <= line.Mean && line.Mean <= line.Max, run.Describe()));
        // Short Calls to a waiting server and their answers (ReplyRecv, or Reply before a
        // separate Recv): the Call and the answer on the fastpath.
        foreach (string op in new[] { "call_replyrecv_0w", "call_replyrecv_1w", "call_replyrecv_4w", "call_reply_recv_4w" })
            Assert.Equal(2L * lines.Single(line => line.Operation == op).Count, lines.Single(line => line.Operation == op).FastpathHits);
        // Messages too long for the registers take the general path.
        Assert.Equal(0, lines.Single(line => line.Operation == "call_replyrecv_16w").FastpathHits);
    }
}
