using System.Net;
using System.Net.Sockets;
using System.Text;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The host's end of USART1 on a local TCP port: QEMU connects to a port the test listens
// on (Qemu.Usart1Port), Renode serves one the test connects to (Renode.Usart1Port).
public static class Usart1Line
{
    public static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    public static int Port(this TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    // QEMU connects while it starts, before the guest runs.
    public static async Task<TcpClient> AcceptAsync(TcpListener listener, Task<EmulatorRun> running)
    {
        Task<TcpClient> accepting = listener.AcceptTcpClientAsync();
        if (await Task.WhenAny(accepting, running) != accepting)
            throw new InvalidOperationException("the emulator ended without connecting USART1:\n" + (await running).Describe());
        return await accepting;
    }

    // Renode listens once it has started: connect as soon as it does, however long a
    // busy host makes that take (Renode's own bounds end a run that never gets there).
    public static async Task<TcpClient> ConnectAsync(int port, Task<EmulatorRun> running)
    {
        var ended = new CancellationTokenSource();
        _ = running.ContinueWith(_ => ended.Cancel(), TaskScheduler.Default);
        return await LocalPorts.ConnectWhenListeningAsync(port, ended.Token)
            ?? throw new InvalidOperationException("the emulator ended without serving USART1:\n" + (await running).Describe());
    }

    // What the image sends on USART1, until the emulator closes the connection (it exits).
    public static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        byte[] buffer = new byte[256];
        try
        {
            int count;
            while ((count = await stream.ReadAsync(buffer)) > 0)
                received.Write(buffer, 0, count);
        }
        catch (IOException)
        {
            // A reset connection ends it like a closed one.
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }
}
