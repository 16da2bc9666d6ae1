using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The portable kernel compiled for the chip, driven directly (no port, no tasks): it
// depends on the image's static fields being set up at start (corelib Statics.cs),
// since the kernel's state lives in a static object.
public class KernelCoreImageTests
{
    [Fact]
    public async Task CallAndReplyRecvRunOnTheTargetAndACallWithoutReplyRightIsRefused()
    {
        EmulatorRun run = await new Qemu().RunAsync(Repository.Image("tests/images/kernel-core", "kernel-core"));

        Assert.True(run.ExitedWith(0), run.Describe());
        Assert.Equal(
            "kernel-core: booted 2 threads\n" +
            "ok: server blocks in Recv, client runs\n" +
            "ok: Call hands over to the server\n" +
            "server got label 5 badge 7 mr0 40\n" +
            "ok: ReplyRecv resumes the client\n" +
            "client got status 0 label 6 mr0 42\n" +
            "Call without a reply right: status 4, server still waiting\n",
            run.Console);
    }
}
