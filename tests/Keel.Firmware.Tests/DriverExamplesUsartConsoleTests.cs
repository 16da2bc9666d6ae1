using System.Net.Sockets;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// examples/uart-console on QEMU: the reporter task prints with the ordinary Console API,
// and its app.toml (console = "usart") sends that text through the USART driver to
// USART1, QEMU's first serial port, which the runner serves on a local TCP port. The
// test reads that port: every line arrives there, a character past ASCII as '?', and
// none on the kernel's debug console.
[Collection(DotnetBuildCollection.Name)]
public class DriverExamplesUsartConsoleTests
{
    private const string Folder = "examples/uart-console";

    [Fact]
    public async Task TheReportersConsoleLinesArriveOnUsart1ThroughTheDriver()
    {
        (int exitCode, string output) = DotnetBuild.Run(Path.Combine(Repository.Root, Folder, "UartConsole.csproj"));
        Assert.True(exitCode == 0, output);
        using TcpListener listener = Usart1Line.Listen();
        Task<EmulatorRun> running = new Qemu { Usart1Port = listener.Port() }.RunAsync(Repository.Image(Folder, "uart-console"));

        // The reader comes late, as it does on a busy machine: nothing is lost before it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        using TcpClient usart1 = await Usart1Line.AcceptAsync(listener, running);
        string received = await Usart1Line.ReadUntilClosedAsync(usart1.GetStream());
        EmulatorRun run = await running;

        Assert.True(run.ExitedWith(0), run.Describe());
        Assert.Equal(
            "reporter: hello from USART1\n" +
            "reporter: reading 1 of 3 = 0xc0de0001\n" +
            "reporter: reading 2 of 3 = 0xc0de0002\n" +
            "reporter: reading 3 of 3 = 0xc0de0003\n" +
            "reporter: a line longer than one write to the driver, which takes 48 bytes at a time\n" +
            "reporter: 21?C\n" +
            "reporter: done: Ok\n",
            received);
        Assert.Equal("", run.Console);
    }
}
