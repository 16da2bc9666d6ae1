// The GDB remote serial protocol's framing (gdb's manual, "Overview" of the remote
// protocol): a packet is `$` data `#` two hex digits of the data's byte sum modulo 256;
// `#`, `$`, `}` and `*` in data are escaped as `}` and the byte XOR 0x20, and a stub may
// compress a run of one character as that character, `*` and the run's length - 1 + 29.
// QEMU's, Renode's, OpenOCD's and st-util's gdb servers all speak it.
using System.Text;

namespace Keel.Cli.Inspect;

public static class RspPackets
{
    public static byte[] Encode(string data)
    {
        var body = new List<byte>();
        foreach (byte b in Encoding.ASCII.GetBytes(data))
        {
            if (b is (byte)'#' or (byte)'$' or (byte)'}' or (byte)'*')
            {
                body.Add((byte)'}');
                body.Add((byte)(b ^ 0x20));
            }
            else
                body.Add(b);
        }
        byte sum = Checksum(body);
        return [(byte)'$', .. body, (byte)'#', .. Encoding.ASCII.GetBytes(sum.ToString("x2"))];
    }

    // The data of one packet's body (between `$` and `#`), its checksum checked,
    // escapes and run-length encoding undone.
    public static string Decode(IReadOnlyList<byte> body, string checksum)
    {
        byte expected = Convert.ToByte(checksum, 16);
        byte sum = Checksum(body);
        if (sum != expected)
            throw new InvalidDataException($"gdb packet checksum {checksum} does not match its data (sum {sum:x2})");
        var data = new StringBuilder();
        for (int i = 0; i < body.Count; i++)
        {
            byte b = body[i];
            if (b == '}' && i + 1 < body.Count)
                data.Append((char)(body[++i] ^ 0x20));
            else if (b == '*' && data.Length > 0 && i + 1 < body.Count)
                data.Append(data[^1], body[++i] - 29);
            else
                data.Append((char)b);
        }
        return data.ToString();
    }

    public static byte[] HexBytes(string hex)
    {
        if (hex.Length % 2 != 0)
            throw new InvalidDataException($"gdb answered an odd number of hex digits ({hex.Length})");
        return Convert.FromHexString(hex);
    }

    private static byte Checksum(IEnumerable<byte> body) => (byte)body.Aggregate(0, (sum, b) => sum + b);
}
