// keel inspect [VIEW] [APP] [--port N | --target HOST:PORT | --dump FILE] [--board B]:
// the state of a running system, read through its gdb server (QEMU's `-gdb`,
// Renode's, OpenOCD's, st-util's) with the application's image for the board, or of a
// dead one from a dump (keel dump): which task is blocked on what, who holds which
// capability, how deep each stack has been. A live target is stopped while it is read
// and runs on after.
using System.ComponentModel;
using Keel.BuildTool.SystemDescription;
using Keel.Cli.Faults;
using Keel.Cli.Inspect;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed class InspectCommand(CliContext context) : AsyncCommand<InspectCommand.Settings>
{
    public sealed class Settings : TargetSettings
    {
        [CommandArgument(0, "[VIEW]")]
        [Description("tasks (the default), caps, endpoints, notifications or stacks.")]
        public string View { get; set; } = "tasks";

        [CommandArgument(1, "[APP]")]
        [Description("The application's folder. Default: the application the current folder is in; inside Keel's tree, firmware/policy-demo.")]
        public override string? App { get; set; }

        [CommandOption("--dump <FILE>")]
        [Description("Show a dump (keel dump, or the one keel run saved at a fault) instead of a live target.")]
        public string? Dump { get; set; }

        protected override ValidationResult CheckValues() => OptionValues.Check(() =>
        {
            if (OptionValues.Choice("inspect", "VIEW", View, InspectViews.Names) is { Successful: false } wrong)
                throw CliError.Usage(wrong.Message!);
            if (Dump is not null && (PortText is not null || Target is not null))
                throw CliError.Usage("inspect: --dump shows a dump; it cannot go with --port or --target.");
            CheckTarget("inspect");
        });
    }

    public override async Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation)
    {
        if (settings.Dump is not null)
        {
            KernelDump dump = TargetConnection.Guard(() => KernelDump.Load(settings.Dump));
            settings.Board = dump.Board;
            var (image, layout) = await TargetConnection.ImageAsync(context, settings);
            context.Console.WriteWholeLine($"dump of {dump.Image}, taken {dump.Taken:yyyy-MM-dd HH:mm:ss} UTC, stopped at pc 0x{dump.Pc:x8}");
            Show(TargetConnection.Guard(() => new InspectViews(KernelSnapshot.Read(image, dump), layout, image, dump).Show(settings.View)), settings, layout);
            return ExitCodes.Success;
        }
        var (liveImage, liveLayout) = await TargetConnection.ImageAsync(context, settings);
        IReadOnlyList<string> lines = TargetConnection.WithStoppedTarget(context, settings, liveImage,
            target => new InspectViews(KernelSnapshot.Read(liveImage, target), liveLayout, liveImage, target).Show(settings.View));
        Show(lines, settings, liveLayout);
        return ExitCodes.Success;
    }

    // The lines, a fault's addresses symbolised beneath it as `keel run` does.
    private void Show(IReadOnlyList<string> lines, TargetSettings settings, SystemLayout layout)
    {
        var symboliser = FaultSymboliser.For(TargetConnection.ImagePath(context, settings), layout, context.Workspace);
        foreach (string line in lines)
            context.Console.WriteSymbolised(line, symboliser);
    }
}

// keel dump [APP] [--port N | --target HOST:PORT] [--board B] [--output FILE]: saves a
// running system's RAM and registers to a file for `keel inspect --dump`.
public sealed class DumpCommand(CliContext context) : AsyncCommand<DumpCommand.Settings>
{
    public sealed class Settings : TargetSettings
    {
        [CommandArgument(0, "[APP]")]
        [Description("The application's folder. Default: the application the current folder is in; inside Keel's tree, firmware/policy-demo.")]
        public override string? App { get; set; }

        [CommandOption("-o|--output <FILE>")]
        [Description("Where to save the dump. Default: beside the image, <image>.dump.")]
        public string? Output { get; set; }

        protected override ValidationResult CheckValues() => OptionValues.Check(() => CheckTarget("dump"));
    }

    public override async Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation)
    {
        var (image, layout) = await TargetConnection.ImageAsync(context, settings);
        string elf = TargetConnection.ImagePath(context, settings);
        string output = settings.Output ?? Path.ChangeExtension(elf, KernelDump.Extension);
        KernelDump dump = TargetConnection.WithStoppedTarget(context, settings, image, target => KernelDump.Take(target, elf, layout));
        dump.Save(output);
        context.Console.WriteWholeLine($"keel: saved a dump of {layout.App.Name} at pc 0x{dump.Pc:x8} to {context.Workspace.Show(output)} (keel inspect --dump {context.Workspace.Show(output)})");
        return ExitCodes.Success;
    }
}

// The options of the commands that read a target: which application and image, and
// where its gdb server is.
public abstract class TargetSettings : KeelSettings
{
    public const int DefaultPort = 1234;

    public abstract string? App { get; set; }

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

    protected void CheckTarget(string command)
    {
        _ = OptionValues.WholeNumber(command, "--port", PortText, maximum: 65535);
        if (Target is not null && PortText is not null)
            throw CliError.Usage($"{command}: give the gdb server with --port or with --target, not both.");
        if (Target is not null && !TargetConnection.TryTarget(Target, out _, out _))
            throw CliError.Usage($"{command}: --target must be HOST:PORT, not '{Target}'.");
    }
}

public static class TargetConnection
{
    public static string ImagePath(CliContext context, TargetSettings settings)
    {
        Workspace workspace = context.Workspace;
        return workspace.Application(settings.App).RequireImage(workspace, settings.Board, settings.Debug);
    }

    public static async Task<(KernelImage Image, SystemLayout Layout)> ImageAsync(CliContext context, TargetSettings settings)
    {
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(settings.App);
        string elf = ImagePath(context, settings);
        SystemLayout layout = await app.LayoutAsync(context, workspace, settings.Board);
        return (Guard(() => KernelImage.Load(elf)), layout);
    }

    // Connects, stops the target where the kernel can be read, reads, and lets it run on.
    public static T WithStoppedTarget<T>(CliContext context, TargetSettings settings, KernelImage image, Func<RspClient, T> read)
    {
        string host = "localhost";
        int port = OptionValues.WholeNumber("inspect", "--port", settings.PortText, maximum: 65535) ?? TargetSettings.DefaultPort;
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
                $"keel run {context.Workspace.Show(context.Workspace.Application(settings.App).Folder)} --gdb, or give the server's port with --port", ExitCodes.Failed);
        }
        using (target)
        {
            try
            {
                return Guard(() =>
                {
                    LiveTarget.StopWhereKernelReadable(target, image, TimeSpan.FromSeconds(10));
                    return read(target);
                });
            }
            finally
            {
                target.Detach();
            }
        }
    }

    // What the image, a dump or the target hold that is not what the reader expects is the
    // command's failure, in its words.
    public static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception failure) when (failure is InvalidDataException or IOException)
        {
            throw new CliError(failure.Message.EndsWith('.') ? failure.Message : failure.Message + ".", null, ExitCodes.Failed);
        }
    }

    public static bool TryTarget(string text, out string host, out int port)
    {
        int colon = text.LastIndexOf(':');
        host = colon > 0 ? text[..colon] : "";
        port = 0;
        return colon > 0 && int.TryParse(text[(colon + 1)..], out port) && port is >= 1 and <= 65535;
    }
}
