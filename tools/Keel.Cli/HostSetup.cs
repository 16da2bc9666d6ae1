// The host programs a command needs, checked once its command line has been accepted
// (so a mistyped option installs nothing), each with the Debian package it comes in.
//
// The rule (docs/keel.md, "Set-up"): keel itself never installs behind its user's back.
// A missing program fails with status 4 and the exact command that installs it. The
// repository's front door ./keel, which promises to set up a fresh Debian machine,
// sets KEEL_INSTALL=1; then keel installs what the command about to run lacks through
// apt-get (with sudo when not root), and only that: `flash` brings in its probe
// program, `run` and `test` the toolchain and QEMU, `new` nothing.
namespace Keel.Cli;

public sealed record HostPackage(string Tool, string Package);

public static class HostSetup
{
    public const string InstallVariable = "KEEL_INSTALL";

    // The ARM cross toolchain every image build calls (gcc assembles, ld links,
    // objcopy and nm rename task sections: sdk/targets/Keel.Native.targets).
    public static readonly HostPackage[] Toolchain =
    [
        new("arm-none-eabi-gcc", "gcc-arm-none-eabi"),
        new("arm-none-eabi-ld", "binutils-arm-none-eabi"),
    ];

    public static readonly HostPackage Qemu = new(Keel.Emulation.Qemu.Executable, "qemu-system-arm");

    public static string InstallCommand(IEnumerable<HostPackage> packages) =>
        "sudo apt-get install -y " + string.Join(' ', packages.Select(p => p.Package).Distinct());

    public static readonly HostPackage Gdb = new(Keel.Emulation.Gdb.Executable, "gdb-multiarch");

    // Every program of `needed` found, or installed (under ./keel), or a CliError
    // naming what is missing and the command that installs it. `wanted` programs (gdb
    // for `run --gdb`, which only prints the command that would attach it) are
    // installed along under ./keel, and otherwise left to the command to mention.
    public static async Task EnsureAsync(CliContext context, Workspace workspace, HostPackage[] needed, HostPackage[]? wanted = null)
    {
        HostPackage[] missing = needed.Where(p => workspace.FindTool(p.Tool) is null).DistinctBy(p => p.Tool).ToArray();
        bool install = context.Environment(InstallVariable) == "1";
        HostPackage[] toInstall = install ? [.. missing, .. (wanted ?? []).Where(p => workspace.FindTool(p.Tool) is null)] : [];
        if (toInstall.Length > 0)
        {
            string[] packages = toInstall.Select(p => p.Package).Distinct().ToArray();
            if (!context.IsRoot && workspace.FindTool("sudo") is null)
                throw new CliError($"installing {string.Join(' ', packages)} needs root, and sudo is not installed.",
                    $"as root: apt-get install -y {string.Join(' ', packages)}", ExitCodes.MissingTool);
            context.Console.WriteWholeLine($"keel: installing {string.Join(' ', packages)}");
            await AsRoot(context, ["apt-get", "update", "-q"]);
            await AsRoot(context, ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", .. packages]);
            missing = missing.Where(p => workspace.FindTool(p.Tool) is null).ToArray();
        }
        if (missing.Length == 0)
            return;
        string names = string.Join(", ", missing.Select(p => p.Tool));
        throw new CliError($"{names} {(missing.Length == 1 ? "is" : "are")} not installed.", InstallCommand(missing), ExitCodes.MissingTool);
    }

    private static async Task AsRoot(CliContext context, string[] command)
    {
        ProcessResult result = context.IsRoot
            ? await context.Runner.RunAsync(command[0], command[1..], context.Console.WriteWholeLine)
            : await context.Runner.RunAsync("sudo", command, context.Console.WriteWholeLine);
        if (!result.Succeeded)
            throw new CliError($"{string.Join(' ', command)} failed (its output is above).", (context.IsRoot ? "" : "sudo ") + string.Join(' ', command), ExitCodes.MissingTool);
    }
}
