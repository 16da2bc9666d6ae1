// A client of a gdb server (RspPackets): stops the target, reads its memory and
// registers, sets breakpoints and continues it, and detaches so that it runs on.
// Enough for `keel inspect` and `keel dump` to see a live system with no gdb.
using System.Net.Sockets;
using System.Text;

namespace Keel.Cli.Inspect;

public sealed class RspClient : ITargetMemory, IDisposable
{
    // Reads in pieces a stub always accepts (QEMU's packet buffer holds 4 KiB of hex).
    private const int ReadChunk = 1024;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RspClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    // Connects, trying again while nothing listens yet (an emulator starting) until `timeout`.
    public static RspClient Connect(string host, int port, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var tcp = new TcpClient();
            try
            {
                if (!tcp.ConnectAsync(host, port).Wait(timeout))
                    throw new TimeoutException($"no gdb server answered at {host}:{port} within {timeout.TotalSeconds} s");
                tcp.ReceiveTimeout = (int)timeout.TotalMilliseconds;
                return new RspClient(tcp);
            }
            catch (AggregateException failure) when (failure.GetBaseException() is SocketException && DateTime.UtcNow < deadline)
            {
                tcp.Dispose();
                Thread.Sleep(100);
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }
    }

    // Stops the target if it runs (an interrupt, byte 0x03) and returns why it is stopped.
    public string Halt()
    {
        _stream.WriteByte(0x03);
        return Request("?");
    }

    public byte[] Read(uint address, int length)
    {
        var bytes = new byte[length];
        for (int done = 0; done < length; done += ReadChunk)
        {
            int count = Math.Min(ReadChunk, length - done);
            string reply = Request($"m{address + (uint)done:x},{count:x}");
            if (reply.StartsWith('E') && reply.Length == 3)
                throw new IOException($"the gdb server could not read {count} bytes at 0x{address + (uint)done:x8} ({reply})");
            byte[] piece = RspPackets.HexBytes(reply);
            if (piece.Length != count)
                throw new IOException($"the gdb server gave {piece.Length} of {count} bytes at 0x{address + (uint)done:x8}");
            piece.CopyTo(bytes, done);
        }
        return bytes;
    }

    // r0-r15 and xPSR (the `g` packet's first 16 words, then word 25 of gdb's ARM layout, or 16 of the M profile's).
    public uint[] Registers()
    {
        byte[] all = RspPackets.HexBytes(Request("g"));
        int words = Math.Min(all.Length / 4, 17);
        var registers = new uint[words];
        for (int i = 0; i < words; i++)
            registers[i] = BitConverter.ToUInt32(all, i * 4);
        return registers;
    }

    // A breakpoint on a Thumb instruction.
    public void Break(uint address) => Expect(Request($"Z0,{address & ~1u:x},2"), "OK", $"a breakpoint at 0x{address:x8}");

    public void Unbreak(uint address) => Expect(Request($"z0,{address & ~1u:x},2"), "OK", $"removing the breakpoint at 0x{address:x8}");

    // One instruction (past a breakpoint, which a stub would otherwise hit again at once).
    public string Step(TimeSpan limit) => Resume("s", limit);

    // Lets the target run until it stops (a breakpoint), or ends (then the reply is W or X).
    public string Continue(TimeSpan limit) => Resume("c", limit);

    private string Resume(string command, TimeSpan limit)
    {
        Send(command);
        int previous = _tcp.ReceiveTimeout;
        // 0: no limit (the socket refuses -1).
        _tcp.ReceiveTimeout = limit == Timeout.InfiniteTimeSpan ? 0 : (int)limit.TotalMilliseconds;
        try
        {
            while (true)
            {
                string reply = ReadPacket();
                // Console output the stub forwards ("O" and hex) is not a stop.
                if (reply.Length > 1 && reply[0] == 'O' && reply != "OK")
                    continue;
                return reply;
            }
        }
        finally
        {
            _tcp.ReceiveTimeout = previous;
        }
    }

    // Detaches: the target runs on.
    public void Detach()
    {
        Send("D");
        ReadPacket();
    }

    public void Dispose() => _tcp.Dispose();

    public string Request(string command)
    {
        Send(command);
        return ReadPacket();
    }

    private static void Expect(string reply, string expected, string what)
    {
        if (reply != expected)
            throw new IOException($"the gdb server refused {what} ({(reply.Length == 0 ? "not supported" : reply)})");
    }

    private void Send(string command)
    {
        byte[] packet = RspPackets.Encode(command);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            _stream.Write(packet);
            int ack = ReadByte();
            // Stop replies of an earlier interrupt may come before the acknowledgement.
            while (ack == '$')
            {
                ReadBody();
                ack = ReadByte();
            }
            if (ack == '+')
                return;
        }
        throw new IOException($"the gdb server did not acknowledge '{command}'");
    }

    private string ReadPacket()
    {
        int b;
        do
            b = ReadByte();
        while (b != '$');
        return ReadBody();
    }

    // After a `$`: the body and checksum, acknowledged.
    private string ReadBody()
    {
        var body = new List<byte>();
        int b;
        while ((b = ReadByte()) != '#')
            body.Add((byte)b);
        string checksum = Encoding.ASCII.GetString([(byte)ReadByte(), (byte)ReadByte()]);
        string data = RspPackets.Decode(body, checksum);
        _stream.WriteByte((byte)'+');
        return data;
    }

    private int ReadByte()
    {
        int b = _stream.ReadByte();
        return b >= 0 ? b : throw new IOException("the gdb server closed the connection");
    }
}
