// An application's own additions to the board Renode emulates, in the folder `renode/`
// beside its app.toml; `keel run` and `keel test` load them under Renode, and the tests
// of Keel's examples load them the same way:
//
// - `renode/devices.repl`: a platform description loaded on top of the board's
//   (renode-scripts/nucleo-f401re.repl), for the devices on the application's buses
//   (a sensor on I2C1, a device on SPI2). A test application (APP/tests) has its own;
//   one line, `using "../../renode/devices.repl"`, shares the application's.
// - `renode/inputs.resc`: a monitor script run once the machine is set up (devices
//   loaded, console connected, stop hook set) and before the bounded run: the values
//   the devices answer with, and inputs at given emulated times (`emulation RunFor
//   "0.5"` then `sysbus.gpioPortC.UserButton PressAndRelease`). An application that
//   never stops by itself ends its script with `runMacro $end_of_inputs`, which ends
//   the run there (keel-board.resc).
//
// Either file may be absent; neither is needed for QEMU, which models no such device.
namespace Keel.Emulation;

public sealed record RenodeAdditions(string? Devices, string? Inputs)
{
    public const string Folder = "renode";
    public const string DevicesFile = "devices.repl";
    public const string InputsFile = "inputs.resc";

    public static readonly RenodeAdditions None = new(null, null);

    // The additions of the application in `applicationFolder` (the folder of its app.toml).
    public static RenodeAdditions Of(string applicationFolder)
    {
        string folder = Path.Combine(Path.GetFullPath(applicationFolder), Folder);
        string? Existing(string file) => File.Exists(Path.Combine(folder, file)) ? Path.Combine(folder, file) : null;
        return new RenodeAdditions(Existing(DevicesFile), Existing(InputsFile));
    }

    // The monitor commands that load them: the devices first, which the inputs may use.
    public IReadOnlyList<string> Commands =>
    [
        .. Devices is null ? Array.Empty<string>() : [$"machine LoadPlatformDescription @{Renode.MonitorPath(Devices)}"],
        .. Inputs is null ? Array.Empty<string>() : [$"include @{Renode.MonitorPath(Inputs)}"],
    ];
}
