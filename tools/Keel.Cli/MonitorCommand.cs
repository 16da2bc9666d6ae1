// keel monitor [APP] [--board B] [--port P] [--baud N] [--time-limit S]: the serial
// console of a board, as `keel run` shows an emulator's: each line as it comes, with
// the fault reports in it symbolised from the application's image for the board. The
// port is the board's ST-LINK virtual COM port, found by itself (FindPort) unless
// --port names one; stty sets its speed (115200 baud unless --baud) and raw mode. The
// monitor runs until Ctrl+C, the time limit, or the port closing (the board unplugged).
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed class MonitorCommand(CliContext context) : AsyncCommand<MonitorCommand.Settings>
{
    public const int DefaultBaud = 115200;
    public const string DefaultBoard = "nucleo-f401re";

    public const string NoPortHint =
        "connect the Nucleo board's ST-LINK USB port (CN1), check that `ls /dev/serial/by-id` lists an STMicroelectronics ST-LINK, or give the port with --port";

    public sealed class Settings : AppSettings
    {
        [CommandOption("-b|--board <BOARD>")]
        [Description("The board whose image symbolises the faults. Default: nucleo-f401re.")]
        public string Board { get; set; } = DefaultBoard;

        [CommandOption("-p|--port <PORT>")]
        [Description("The serial port. Default: the ST-LINK's (/dev/serial/by-id/*STLink*, else the first /dev/ttyACM*).")]
        public string? Port { get; set; }

        [CommandOption("--baud <N>")]
        [Description("The port's speed in baud. Default: 115200.")]
        public string? BaudText { get; set; }

        [CommandOption("-t|--time-limit <SECONDS>")]
        [Description("Stop after this many seconds (status 0). Default: until Ctrl+C or the port closes.")]
        public string? TimeLimitText { get; set; }

        public int Baud => OptionValues.WholeNumber("monitor", "--baud", BaudText) ?? DefaultBaud;

        public TimeSpan? TimeLimit => OptionValues.Seconds("monitor", "--time-limit", TimeLimitText);

        protected override ValidationResult CheckValues() => OptionValues.Check(() => (_, _) = (Baud, TimeLimit));
    }

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    public static async Task<int> RunAsync(CliContext context, Settings settings)
    {
        int baud = settings.Baud;
        TimeSpan? limit = settings.TimeLimit;
        string board = settings.Board;
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(settings.App);
        await app.RequireBoardAsync(context, board);
        string elf = app.RequireImage(workspace, board);
        var symboliser = Faults.FaultSymboliser.For(elf, await app.LayoutAsync(context, workspace, board), workspace);

        string port = settings.Port ?? FindPort(context.DeviceRoot) ?? throw new CliError(
            $"no board's serial port was found (no {context.DeviceRoot}/serial/by-id/*STLink* or *STMicroelectronics*, no {context.DeviceRoot}/ttyACM*).",
            NoPortHint, ExitCodes.ProbeFailed);
        using FileStream stream = Open(port);
        await SetSpeed(context, workspace, port, baud);
        context.Console.WriteWholeLine($"Monitoring {port} at {baud} baud, faults symbolised from {elf} (Ctrl+C to stop).");

        using var reader = new StreamReader(stream, Encoding.Latin1);
        using var timeLimit = limit is null ? new CancellationTokenSource() : new CancellationTokenSource(limit.Value);
        string again = $"keel monitor {workspace.Show(app.Folder)} --board {board} --port {port}";
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
