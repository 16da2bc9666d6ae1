// Local TCP ports for an emulator's sockets (Renode's console terminal, QEMU's gdb
// stub): one that no one listens on now, for the emulator to bind a moment later.
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
}
