// keel inspect [VIEW] [APP] [--port N | --target HOST:PORT] [--board B]: the state of a
// running system, read through its gdb server (QEMU's `-gdb`, Renode's, OpenOCD's,
// st-util's) with the application's image for the board: which task is blocked on
// what, who holds which capability, how deep each stack has been. The target is
// stopped while it is read and runs on after (unless it was stopped already, as under
// `keel run --gdb` before gdb continues it).
using System.ComponentModel;
using Keel.Cli.Inspect;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed class InspectCommand(CliContext context) : AsyncCommand<InspectCommand.Settings>
{
    public const int DefaultPort = 1234;

    public sealed class Settings : KeelSettings
    {
        [CommandArgument(0, "[VIEW]")]
        [Description("tasks (the default), caps, endpoints, notifications or stacks.")]
        public string View { get; set; } = "tasks";

        [CommandArgument(1, "[APP]")]
        [Description("The application's folder. Default: the application the current folder is in; inside Keel's tree, firmware/policy-demo.")]
        public string? App { get; set; }

        [CommandOption("-b|--board <BOARD>")]
        [Description("The board the running image was built for. Default: netduinoplus2 (QEMU's).")]
        public string Board { get; set; } = Emulators.Board(Emulators.Qemu);

        [CommandOption("-p|--port <PORT>")]
        [Description("The gdb server's port on this machine (default 1234, keel run --gdb's).")]
        public string? PortText { get; set; }

        [CommandOption("--target <HOST:PORT>")]
        [Description("The gdb server on another machine.")]
        public string? Target { get; set; }

        [CommandOption("--debug")]
        [Description("The running image is the debug build (keel run --debug).")]
        public bool Debug { get; set; }

        public int? Port => OptionValues.WholeNumber("inspect", "--port", PortText, maximum: 65535);

        protected override ValidationResult CheckValues() => OptionValues.Check(() =>
        {
            if (OptionValues.Choice("inspect", "VIEW", View, InspectViews.Names) is { Successful: false } wrong)
                throw CliError.Usage(wrong.Message!);
            _ = Port;
            if (Target is not null && PortText is not null)
                throw CliError.Usage("inspect: give the gdb server with --port or with --target, not both.");
            if (Target is not null && !TryTarget(Target, out _, out _))
                throw CliError.Usage($"inspect: --target must be HOST:PORT, not '{Target}'.");
        });
    }

    public override async Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation)
    {
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(settings.App);
        string elf = app.RequireImage(workspace, settings.Board, settings.Debug);
        var layout = await app.LayoutAsync(context, workspace, settings.Board);
        KernelImage image = KernelImage.Load(elf);
        string host = "localhost";
        int port = settings.Port ?? DefaultPort;
        if (settings.Target is not null)
            TryTarget(settings.Target, out host, out port);
        RspClient target;
        try
        {
            target = RspClient.Connect(host, port, TimeSpan.FromSeconds(5));
        }
        catch (Exception failure) when (failure is TimeoutException or IOException or AggregateException)
        {
            throw new CliError($"no gdb server at {host}:{port} ({failure.GetBaseException().Message}).",
                $"keel run {workspace.Show(app.Folder)} --gdb, or give the server's port with --port", ExitCodes.Failed);
        }
        using (target)
        {
            IReadOnlyList<string> lines;
            try
            {
                LiveTarget.StopWhereKernelReadable(target, image, TimeSpan.FromSeconds(10));
                lines = new InspectViews(KernelSnapshot.Read(image, target), layout, image, target).Show(settings.View);
            }
            catch (Exception failure) when (failure is InvalidDataException or IOException)
            {
                throw new CliError($"{failure.Message}.", null, ExitCodes.Failed);
            }
            finally
            {
                target.Detach();
            }
            foreach (string line in lines)
                context.Console.WriteWholeLine(line);
        }
        return ExitCodes.Success;
    }

    private static bool TryTarget(string text, out string host, out int port)
    {
        int colon = text.LastIndexOf(':');
        host = colon > 0 ? text[..colon] : "";
        port = 0;
        return colon > 0 && int.TryParse(text[(colon + 1)..], out port) && port is >= 1 and <= 65535;
    }
}
