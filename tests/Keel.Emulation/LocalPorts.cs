// Local TCP ports for an emulator's sockets (Renode's console terminal, QEMU's gdb
// stub): one that no one listens on now, for the emulator to bind a moment later, and
// the host's connection to it once the emulator listens.
using System.Net;
using System.Net.Sockets;

namespace Keel.Emulation;

public static class LocalPorts
{
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // Connects to `port` as soon as something listens on it, however long a busy host
    // makes the emulator take to start; null when `gaveUp` is cancelled first (the
    // emulator ended). A connection of the socket to itself is dropped: connecting
    // again and again to a port of the ephemeral range that no one listens on yet,
    // Linux now and then picks that very port as the source (a TCP simultaneous open),
    // which would read nothing forever and take the port from the emulator.
    public static async Task<TcpClient?> ConnectWhenListeningAsync(int port, CancellationToken gaveUp)
    {
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, gaveUp);
                if (((IPEndPoint)client.Client.LocalEndPoint!).Port != port)
                    return client;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException)
            {
                client.Dispose();
                return null;
            }
            client.Dispose();
            try
            {
                await Task.Delay(50, gaveUp);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }
}
