// How far a running QEMU's guest has got, asked through QEMU's machine protocol (QMP,
// `-qmp unix:PATH,server=on,wait=off`). Under -icount, `query-replay` answers the
// number of instructions the guest has executed: a count of emulated work that no
// host load changes, which is what bounds a run (Qemu.InstructionBudget). The guest
// runs while the monitor is asked; an answer is at most one poll behind.
using System.Net.Sockets;
using System.Text.Json;

namespace Keel.Emulation;

public static class QemuMonitor
{
    // How often the count is asked for: often enough that a spent budget ends the run
    // soon after, seldom enough to cost QEMU nothing it would notice.
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    // The QEMU arguments that serve the monitor on `socketPath`, without holding the guest.
    public static IReadOnlyList<string> Arguments(string socketPath) => ["-qmp", $"unix:{socketPath},server=on,wait=off"];

    // True once the guest has executed `budget` instructions; false when QEMU ends
    // (closes the socket) first.
    public static async Task<bool> WaitForInstructionsAsync(string socketPath, long budget, CancellationToken cancellation)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        if (!await ConnectAsync(socket, socketPath, cancellation))
            return false;
        try
        {
            using var stream = new NetworkStream(socket);
            using var reader = new StreamReader(stream);
            using var writer = new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" };
            if (await reader.ReadLineAsync(cancellation) is null || await AskAsync(reader, writer, "qmp_capabilities", cancellation) is null)
                return false;
            while (true)
            {
                if (await AskAsync(reader, writer, "query-replay", cancellation) is not JsonElement answer)
                    return false;
                if (answer.GetProperty("icount").GetInt64() >= budget)
                    return true;
                await Task.Delay(PollInterval, cancellation);
            }
        }
        catch (IOException)
        {
            return false;   // QEMU exited while being asked.
        }
    }

    // QEMU creates the socket while it starts: retry until it does, or until it has ended.
    private static async Task<bool> ConnectAsync(Socket socket, string socketPath, CancellationToken cancellation)
    {
        while (true)
        {
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellation);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellation);
            }
        }
    }

    // The `return` of `command`, skipping the events QEMU sends between answers; null
    // when QEMU closes the connection.
    private static async Task<JsonElement?> AskAsync(StreamReader reader, StreamWriter writer, string command, CancellationToken cancellation)
    {
        await writer.WriteLineAsync(JsonSerializer.Serialize(new { execute = command }).AsMemory(), cancellation);
        while (await reader.ReadLineAsync(cancellation) is string line)
        {
            using JsonDocument message = JsonDocument.Parse(line);
            if (message.RootElement.TryGetProperty("return", out JsonElement answer))
                return answer.Clone();
            if (message.RootElement.TryGetProperty("error", out JsonElement error))
                throw new InvalidOperationException($"QEMU refused {command}: {error}");
        }
        return null;
    }
}
