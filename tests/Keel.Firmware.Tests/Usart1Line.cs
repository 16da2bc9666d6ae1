using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The host's end of USART1, which the emulator serves on a local TCP port
// (Qemu.Usart1Port, Renode.Usart1Port).
public static class Usart1Line
{
    // The emulator listens once it has started: connect as soon as it does.
    public static async Task<TcpClient> ConnectAsync(int port, Task<EmulatorRun> running)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return client;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !running.IsCompleted)
            {
                client.Dispose();
                await Task.Delay(50);
            }
        }
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
