// keel monitor [app] [--board B] [--port P] [--baud N] [--time-limit S]: the serial
// console of a board, as `keel run` shows an emulator's: each line as it comes, with
// the fault reports in it symbolised from the application's image for the board. The
// port is the board's ST-LINK virtual COM port, found by itself (FindPort) unless
// --port names one; stty sets its speed (115200 baud unless --baud) and raw mode. The
// monitor runs until Ctrl+C, the time limit, or the port closing (the board unplugged).
using System.Globalization;
using System.Text;

namespace Keel.Cli;

public static class MonitorCommand
{
    public const string Usage = "keel monitor [app] [--board B] [--port P] [--baud N] [--time-limit S]";
    public const int DefaultBaud = 115200;
    public const string DefaultBoard = "nucleo-f401re";

    public const string NoPortHint =
        "connect the Nucleo board's ST-LINK USB port (CN1), check that `ls /dev/serial/by-id` lists an STMicroelectronics ST-LINK, or give the port with --port";

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments)
    {
        var parsed = new Arguments(arguments, "monitor", [], ["--board", "--port", "--baud", "--time-limit"], 1);
        int baud = parsed.WholeNumber("monitor", "--baud") ?? DefaultBaud;
        TimeSpan? limit = parsed.Seconds("monitor", "--time-limit");
        string board = parsed.Option("--board") ?? DefaultBoard;
        Workspace workspace = context.Workspace;
        workspace.RequireBoard(board);
        Application app = workspace.Application(parsed.Positional(0), context.CurrentDirectory);
        string elf = app.RequireImage(workspace, board);
        var symboliser = Faults.FaultSymboliser.For(elf, app.Layout(workspace, board), workspace);

        string port = parsed.Option("--port") ?? FindPort(context.DeviceRoot) ?? throw new CliError(
            $"no board's serial port was found (no {context.DeviceRoot}/serial/by-id/*STLink* or *STMicroelectronics*, no {context.DeviceRoot}/ttyACM*).",
            NoPortHint, ExitCodes.ProbeFailed);
        using FileStream stream = Open(port);
        await SetSpeed(context, workspace, port, baud);
        context.Console.WriteWholeLine($"Monitoring {port} at {baud} baud, faults symbolised from {elf} (Ctrl+C to stop).");

        using var reader = new StreamReader(stream, Encoding.Latin1);
        using var timeLimit = limit is null ? new CancellationTokenSource() : new CancellationTokenSource(limit.Value);
        string again = $"keel monitor {Path.GetRelativePath(workspace.Root, app.Folder)} --board {board} --port {port}";
        while (true)
        {
            string? line;
            try
            {
                // A read of a terminal cannot be cancelled, only no longer waited for.
                line = await reader.ReadLineAsync(CancellationToken.None).AsTask().WaitAsync(timeLimit.Token);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Success;
            }
            catch (IOException)
            {
                line = null;
            }
            if (line is null)
                throw new CliError($"the serial port {port} closed (was the board unplugged?).", again, ExitCodes.Failed);
            context.Console.WriteSymbolised(line, symboliser);
        }
    }

    // The board's ST-LINK virtual COM port under `deviceRoot` (/dev): its stable name in
    // serial/by-id, else the first ttyACM port (the ST-LINK is a USB CDC-ACM device);
    // null when there is none.
    public static string? FindPort(string deviceRoot)
    {
        string byId = Path.Combine(deviceRoot, "serial", "by-id");
        string? stLink = Directory.Exists(byId)
            ? Directory.GetFiles(byId).Order(StringComparer.Ordinal).FirstOrDefault(path =>
                Path.GetFileName(path).Contains("STLink", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(path).Contains("STMicroelectronics", StringComparison.Ordinal))
            : null;
        return stLink ?? Directory.GetFiles(deviceRoot, "ttyACM*").Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static FileStream Open(string port)
    {
        if (!File.Exists(port))
            throw new CliError($"the serial port {port} does not exist.", NoPortHint, ExitCodes.ProbeFailed);
        try
        {
            return new FileStream(port, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliError($"no permission to open {port} (a serial port belongs to group dialout).",
                "sudo usermod -aG dialout $USER, then log out and in again", ExitCodes.ProbeFailed);
        }
    }

    // Raw: every byte as it comes, no echo back to the board, no line editing.
    private static async Task SetSpeed(CliContext context, Workspace workspace, string port, int baud)
    {
        string stty = workspace.RequireTool("stty", "sudo apt-get install -y coreutils");
        ProcessResult result = await context.Runner.RunAsync(stty, ["-F", port, baud.ToString(CultureInfo.InvariantCulture), "raw", "-echo"]);
        if (!result.Succeeded)
            throw new CliError($"could not set {port} to {baud} baud: {result.Output.Trim()}", $"check that {port} is a serial port", ExitCodes.ProbeFailed);
    }
}
