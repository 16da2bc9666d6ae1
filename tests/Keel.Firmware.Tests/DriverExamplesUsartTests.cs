using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// examples/uart-echo on QEMU: three tasks (the USART driver on USART1 and its
// interrupt, the timer service on TIM5 and its interrupt, the echo client with
// neither), driven from the host through QEMU's first serial port (USART1), which the
// runner serves on a local TCP port. The test types lines once the client says it is
// ready and checks what comes back on USART1 and what the console says, then that the
// run ended by the timer service's deadline, no sooner than the idle time after the
// last line. Build the example first: dotnet build examples/uart-echo/UartEcho.csproj.
[Collection(DotnetBuildCollection.Name)]
public class DriverExamplesUsartTests
{
    private const string Folder = "examples/uart-echo";
    private static readonly TimeSpan IdleTime = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public async Task EveryLineComesBackPrefixedAndTheIdleDeadlineEndsTheRun()
    {
        using TcpListener listener = Usart1Line.Listen();
        var qemu = new Qemu { Usart1Port = listener.Port(), Icount = Qemu.IdleFollowsHostIcount };
        await Converse(running => Usart1Line.AcceptAsync(listener, running), clockFollowsHost: true, onLine => qemu.RunAsync(Repository.Image(Folder, "uart-echo"), onLine: onLine));
    }

    // The same on Renode's Nucleo-F401RE (USART1 and TIM5 in
    // renode-scripts/nucleo-f401re.repl), with the example built for that board.
    [RenodeFact]
    public async Task OnRenodeEveryLineComesBackAndTheIdleDeadlineEndsTheRun()
    {
        (int exitCode, string output) = DotnetBuild.Run(Path.Combine(Repository.Root, Folder, "UartEcho.csproj"), [$"-p:KeelBoard={Renode.Board}"]);
        Assert.True(exitCode == 0, output);
        int port = LocalPorts.Free();
        var renode = new Renode { Usart1Port = port, EmulatedTime = TimeSpan.FromSeconds(30) };
        await Converse(running => Usart1Line.ConnectAsync(port, running), clockFollowsHost: false, onLine => renode.RunAsync(Repository.Image(Folder, "uart-echo", Renode.Board), onLine: onLine));
    }

    // `clockFollowsHost`: the emulator's clock keeps to the host's while the image idles
    // (QEMU's IdleFollowsHostIcount), so the idle time can be checked against the host's
    // clock; a busy host only makes the deadline later, never earlier. That is on
    // purpose: here the host is the user at the other end of the line, and the image's
    // idle deadline is about that user. The one thing a busy host could break is the
    // test typing its lines within 1.5 s of "ready" (it types at once, 200 ms apart).
    // Renode's emulated time runs at its own pace.
    private static async Task Converse(Func<Task<EmulatorRun>, Task<TcpClient>> connect, bool clockFollowsHost, Func<Action<string>, Task<EmulatorRun>> start)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<EmulatorRun> running = start(line =>
        {
            if (line == "echo: ready")
                ready.TrySetResult();
        });

        using TcpClient usart1 = await connect(running);
        NetworkStream line = usart1.GetStream();
        Task<string> echoed = Usart1Line.ReadUntilClosedAsync(line);
        if (await Task.WhenAny(ready.Task, running) != ready.Task)
            Assert.Fail("the echo client never said it was ready:\n" + (running.IsCompleted ? (await running).Describe() : "(still running)"));

        // A line, a line with a DOS ending, then one longer than the client keeps (64
        // bytes) and longer than one Write (48): more than the driver takes at once.
        await line.WriteAsync("hello keel\nsecond line\r\n"u8.ToArray());
        await Task.Delay(200);
        await line.WriteAsync(Encoding.ASCII.GetBytes(new string('x', 100) + "\n"));
        var sinceLastInput = Stopwatch.StartNew();

        EmulatorRun run = await running;
        sinceLastInput.Stop();
        Assert.True(run.ExitedWith(0), run.Describe());
        Assert.Equal(
            "echo: hello keel\n" +
            "echo: second line\n" +
            "echo: " + new string('x', 64) + "\n" +
            "bye\n",
            await echoed);
        Assert.Equal(
            "echo: ready\n" +
            "echo: line 1, 10 bytes\n" +
            "echo: line 2, 11 bytes\n" +
            "echo: line 3, 64 bytes\n" +
            "echo: no input for 1500 ms after 3 lines: stopping\n",
            run.Console);
        // The deadline was not early. (QEMU 7.2's timer model makes it late instead: it
        // schedules the update interrupt the time since boot after the time asked for.)
        if (clockFollowsHost)
            Assert.True(sinceLastInput.Elapsed >= IdleTime, $"the run ended {sinceLastInput.Elapsed.TotalMilliseconds:0} ms after the last input");
    }
}
