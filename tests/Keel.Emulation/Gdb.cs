// gdb-multiarch against QEMU's gdb stub: the debugger's name and install command, and
// the QEMU arguments that start an image halted at reset with the stub listening. The
// keel command (`keel run --gdb`) and the firmware tests that drive gdb share them.
namespace Keel.Emulation;

public static class Gdb
{
    public const string Executable = "gdb-multiarch";
    public const string InstallCommand = "sudo apt-get install -y gdb-multiarch";

    // QEMU's own default port: its `-s` is short for `-gdb tcp::1234`.
    public const int DefaultPort = 1234;

    // `-S` holds the CPU at reset until gdb says continue. Without a port, QEMU's
    // default through `-s`; with one, the stub listens on that port instead.
    public static IReadOnlyList<string> QemuArguments(int? port) =>
        port is int given ? ["-gdb", $"tcp::{given}", "-S"] : ["-s", "-S"];

    // The command that attaches to the stub with the image's symbols (and its DWARF).
    public static string AttachCommand(string elf, int port) => $"{Executable} -q {elf} -ex 'target remote :{port}'";
}
