// The drivers' configuration (`[tasks.<name>.config]`, docs/system-description.md):
// which instance of a USART, I2C or SPI bus a driver task runs, on which pins, at which
// rate. Checked against the board's pin table (pins.toml, PinTable) and then turned
// into what the rest of the build already knows how to grant:
//
// - the instance's register block joins the task's `peripherals` (one MPU region), so
//   the window follows the instance and a task cannot be configured on one bus and
//   granted another;
// - the badges of its capabilities to sys are minted here (Keel.Drivers.SysBadge, the
//   layout sys reads): `sys` gives the instance's clock and the pins of the first
//   port, `sys-<port>` the pins of each further port. A badge written by hand must
//   equal the minted one;
// - the resolved values (DriverConfiguration) are written into the task's build
//   (DriverConfigWriter) for the driver to read.
//
// Every pin is given once: not the kernel console's, not another driver's, not one a
// client's sys badge gives. The errors name the field and its line.
//
// One of Keel's driver tasks (DriverName) whose kind the pin table has instances of
// (usart, i2c, spi) must have its configuration, on an instance of its kind: without
// it the driver's build would fail on a DriverConfig it does not have.
using Keel.Drivers;
using SysPeripheral = Keel.Drivers.Peripheral;

namespace Keel.BuildTool.SystemDescription;

// A configured pin: `SysCap` the name of the task's capability to sys that gives it.
public sealed record DriverPin(string Function, string Name, Port Port, int Number, int AlternateFunction, string SysCap);

public sealed record DriverConfiguration(string Kind, string Instance, SysPeripheral Peripheral, uint RegistersBase, long BusClockHz, IReadOnlyList<long> Irqs, IReadOnlyList<DriverPin> Pins, long? Baud, long? Speed);

public static class DriverConfigChecker
{
    public const string SysCap = "sys";
    public const string ChipSelect = "chip-select";
    public const long DefaultBaud = 115_200;
    public const long DefaultI2cSpeed = 100_000;
    public const long MaxI2cSpeed = 400_000;
    public const long MinBaud = 1200;

    // The description with each configured driver's peripheral and sys badges filled in,
    // or null when a configuration is wrong (reported).
    public static AppDescription? Resolve(AppDescription app, BoardDescription board, BoardSearch boards, DiagnosticBag diagnostics)
    {
        var drivers = app.Tasks.ToDictionary(task => task.Name, task => DriverName(task, app.TomlPath));
        bool configured = app.Tasks.Any(task => task.Config is not null);
        if (!configured && drivers.Values.All(driver => driver is null))
            return app;
        var top = new Section(AppDescriptionParser.TopLevel, [], app.Source, diagnostics.For(app.TomlPath));
        int errors = diagnostics.All.Count;
        string? folder = boards.Find(board.Name);
        string? path = folder is null ? null : Path.Combine(folder, PinTable.File);
        bool hasTable = path is not null && File.Exists(path);
        // A board with no pin table has no instance to configure a driver on: only an
        // app that configures one needs it.
        if (!hasTable && !configured)
            return app;
        PinTable? pins = hasTable ? PinTable.Load(path!, diagnostics.For(path!)) : null;
        if (pins is null)
        {
            if (!hasTable)
                top.Field("board", $"board '{board.Name}' has no {PinTable.File}, so no driver can be configured on it (docs/system-description.md says what it holds)");
            return null;
        }

        // Every pin given so far, and to whom.
        var owners = pins.ConsolePins.ToDictionary(pair => pair.Value, pair => $"the kernel console's {pair.Key} (board '{board.Name}' {PinTable.File} [console])");
        var tasks = new List<TaskDescription>();
        foreach (var task in app.Tasks)
        {
            var section = AppChecker.TaskSection(top, task.Name);
            string? driver = drivers[task.Name] is string name && pins.Instances.Any(instance => Kind(instance.Name) == name) ? name : null;
            if (task.Config is null && driver is not null)
                section.Field("project", $"{task.Project} is the {driver} driver, which app.toml configures: add [tasks.{task.Name}.config] with its instance and pins, e.g. {Example(pins, driver, owners)} (docs/system-description.md, [tasks.<name>.config])");
            tasks.Add(task.Config is null ? task : ResolveTask(task, driver, section, board, pins, owners));
        }
        CheckClientBadges(tasks, top, owners);
        return diagnostics.All.Count > errors ? null : app with { Tasks = tasks };
    }

    // Which of Keel's drivers a task is: the one it names (driver = "usart"), or the one
    // whose drivers/<name>/ folder holds its project ("../keel/drivers/usart/Usart.csproj":
    // "usart"); null for the application's own tasks.
    public static string? DriverName(TaskDescription task, string tomlPath)
    {
        if (task.Driver is not null)
            return task.Driver;
        if (task.Project is null)
            return null;
        var project = new FileInfo(Path.Combine(Path.GetDirectoryName(tomlPath)!, task.Project));
        return project.Directory?.Parent?.Name == "drivers" ? project.Directory.Name : null;
    }

    // "i2c" of "i2c3".
    private static string Kind(string instance) => instance.TrimEnd("0123456789".ToCharArray());

    // What to write in a driver's missing configuration: the first instance of its kind,
    // each function on its first pin that nothing holds yet.
    private static string Example(PinTable pins, string driver, IReadOnlyDictionary<string, string> owners)
    {
        var instance = pins.Instances.First(candidate => Kind(candidate.Name) == driver);
        var fields = instance.Functions.Select(function =>
            $"{function.Key} = \"{function.Value.Keys.FirstOrDefault(pin => !owners.ContainsKey(pin)) ?? function.Value.Keys.First()}\"");
        string example = string.Join(", ", [$"instance = \"{instance.Name}\"", .. fields]);
        return driver == "spi" ? $"{example} and a free pin as {ChipSelect}" : example;
    }

    private static TaskDescription ResolveTask(TaskDescription task, string? driver, Section section, BoardDescription board, PinTable pins, Dictionary<string, string> owners)
    {
        var config = task.Config!;
        var configSection = section.Nested($"{section.Context}: config", "config");
        if (config.Instance is null)
            return task;
        DriverInstance? instance = pins.Find(config.Instance);
        SysPeripheral peripheral;
        SysPeripheral? known = Enum.TryParse(Identifiers.Pascal(config.Instance), out SysPeripheral parsed) && parsed != SysPeripheral.None ? parsed : null;
        if (instance is null || known is null || board.FindPeripheral(config.Instance) is not { } window)
        {
            var candidates = pins.Instances.Where(candidate => Enum.TryParse(Identifiers.Pascal(candidate.Name), out SysPeripheral _) && board.FindPeripheral(candidate.Name) is not null);
            configSection.Field("instance", $"no driver instance '{config.Instance}' on board '{board.Name}' (expected one of: {string.Join(", ", candidates.Select(candidate => candidate.Name))})");
            return task;
        }
        peripheral = known.Value;
        string kind = Kind(config.Instance);
        if (driver is not null && kind != driver)
        {
            var candidates = pins.Instances.Where(candidate => Kind(candidate.Name) == driver).Select(candidate => candidate.Name);
            configSection.Field("instance", $"{task.Project} is the {driver} driver, which cannot run {config.Instance} (expected one of: {string.Join(", ", candidates)})");
            return task;
        }

        // Pins: each function of the instance, on a pin that carries it, given once.
        var given = new List<DriverPin>();
        var ports = new List<Port>();
        foreach (var (function, pin) in config.Pins)
        {
            if (!instance.Functions.TryGetValue(function, out var carriers))
            {
                configSection.Field(function, $"{instance.Name} has no function '{function}' (its pins: {string.Join(", ", instance.Functions.Keys)}{(kind == "spi" ? ", and chip-select" : "")})");
                continue;
            }
            if (!carriers.TryGetValue(pin, out long alternate))
            {
                configSection.Field(function, $"{pin} does not carry {instance.Name}'s {function} (pins that do: {string.Join(", ", carriers.Keys)})");
                continue;
            }
            Claim(function, pin, (int)alternate);
        }
        foreach (string function in instance.Functions.Keys.Where(function => config.Pins.All(pin => pin.Function != function)))
            configSection.Problem($"field '{function}' is missing: the pin of {instance.Name}'s {function} (one of {string.Join(", ", instance.Functions[function].Keys)})");
        if (kind == "spi")
        {
            if (config.ChipSelect is null)
                configSection.Problem($"field '{ChipSelect}' is missing: the pin that selects the device (any free pin, e.g. \"PB12\")");
            else if (!DriverPinName.TryParse(config.ChipSelect, out _, out _))
                configSection.Field(ChipSelect, $"'{config.ChipSelect}' is not a pin (write P, the port's letter and the pin's number, e.g. \"PB12\")");
            else
                Claim(ChipSelect, config.ChipSelect, 0);
        }
        else if (config.ChipSelect is not null)
            configSection.Field(ChipSelect, "only an SPI driver has a chip select");

        long busHz = pins.Buses[instance.Bus];
        long? baud = null, speed = null;
        if (kind == "usart")
        {
            baud = config.Baud ?? DefaultBaud;
            if (baud < MinBaud || baud > busHz / 16)
                configSection.Field("baud", $"{baud} is out of range ({MinBaud} to {busHz / 16}, the {instance.Bus} clock over 16)");
        }
        else if (config.Baud is not null)
            configSection.Field("baud", "only a USART has a baud rate");
        if (kind == "i2c")
        {
            speed = config.Speed ?? DefaultI2cSpeed;
            if (speed < 1000 || speed > MaxI2cSpeed)
                configSection.Field("speed", $"{speed} Hz is out of range (1000 to {MaxI2cSpeed}: standard mode up to 100 kHz, fast mode above)");
        }
        else if (config.Speed is not null)
            configSection.Field("speed", "only an I2C driver has a bus speed");

        // Its interrupts are the instance's.
        foreach (var irq in task.Irqs.Where(irq => irq.Irq is long number && !instance.Irqs.Contains(number)))
            section.Nested(section.Context, "irqs", irq.Index.ToString()).Field("irq", $"{irq.Irq} is not an interrupt of {instance.Name} (its interrupts: {string.Join(", ", instance.Irqs)})");

        // Its window is the instance's: no other instance granted beside it.
        foreach (string other in task.Peripherals.Where(name => name != instance.Name && pins.Find(name) is not null))
            section.Field("peripherals", $"grants {other}, but the driver is configured on {instance.Name} (config.instance grants its window: remove '{other}')");
        var peripherals = task.Peripherals.Contains(instance.Name) ? task.Peripherals : [.. task.Peripherals, instance.Name];

        // Its capabilities to sys, one per port, their badges minted from the pins.
        var caps = task.Caps.ToList();
        for (int i = 0; i < ports.Count; i++)
        {
            string name = SysCapName(ports, i);
            ushort mask = (ushort)given.Where(pin => pin.Port == ports[i]).Aggregate(0, (bits, pin) => bits | (1 << pin.Number));
            uint badge = SysBadge.For(ports[i], mask, i == 0 ? peripheral : SysPeripheral.None);
            string pinList = string.Join(", ", given.Where(pin => pin.Port == ports[i]).Select(pin => pin.Name));
            int index = caps.FindIndex(cap => cap.Name == name);
            if (index < 0 || caps[index].Kind != CapKind.Endpoint)
            {
                section.Problem($"needs an endpoint capability to sys named '{name}' for {(i == 0 ? $"{instance.Name}'s clock and " : "")}its pins on port {ports[i]} ({pinList}): add {name} = {{ endpoint = \"sys\", rights = [\"write\", \"grant-reply\"] }} to its caps (the build mints its badge)");
                continue;
            }
            if (caps[index].Badge is long written && written != badge)
                AppChecker.CapSection(section, name).Field("badge", $"0x{written:X} does not match the configuration, which gives 0x{badge:X} ({(i == 0 ? instance.Name + ", " : "")}{pinList}): leave the badge out, the build mints it");
            caps[index] = caps[index] with { Badge = badge };
        }
        var resolved = new DriverConfiguration(kind, instance.Name, peripheral, window.Base, busHz, instance.Irqs, given, baud, speed);
        return task with { Peripherals = peripherals, Caps = caps, ResolvedConfig = resolved };

        void Claim(string function, string pin, int alternate)
        {
            if (owners.TryGetValue(pin, out string? owner))
            {
                configSection.Field(function, $"{pin} is already given: it is {owner}");
                return;
            }
            owners[pin] = $"task '{task.Name}''s {function}";
            DriverPinName.TryParse(pin, out Port port, out int number);
            if (!ports.Contains(port))
                ports.Add(port);
            given.Add(new DriverPin(function, pin, port, number, alternate, SysCapName(ports, ports.IndexOf(port))));
        }
    }

    // `sys` for the first port, `sys-b`, `sys-c`, ... for the others.
    private static string SysCapName(IReadOnlyList<Port> ports, int index) =>
        index == 0 ? SysCap : $"{SysCap}-{ports[index].ToString().ToLowerInvariant()}";

    // A capability to sys held by any other task (a client: an LED, a button) must not
    // give a pin a driver or the console has.
    private static void CheckClientBadges(IReadOnlyList<TaskDescription> tasks, Section top, IReadOnlyDictionary<string, string> owners)
    {
        var sysEndpoints = tasks.Where(task => task.ResolvedConfig is not null)
            .SelectMany(task => task.Caps.Where(cap => cap.Name == SysCap && cap.Kind == CapKind.Endpoint).Select(cap => cap.Object))
            .ToHashSet();
        foreach (var task in tasks)
        {
            foreach (var cap in task.Caps.Where(cap => cap.Kind == CapKind.Endpoint && sysEndpoints.Contains(cap.Object) && cap.Badge is long))
            {
                if (task.ResolvedConfig is not null && (cap.Name == SysCap || cap.Name.StartsWith(SysCap + "-")))
                    continue;
                uint badge = (uint)cap.Badge!.Value;
                ushort mask = SysBadge.Pins(badge);
                for (int number = 0; number < 16; number++)
                {
                    string pin = $"P{SysBadge.PortOf(badge)}{number}";
                    if ((mask & (1 << number)) != 0 && owners.TryGetValue(pin, out string? owner))
                        AppChecker.CapSection(AppChecker.TaskSection(top, task.Name), cap.Name).Field("badge", $"0x{badge:X} gives {pin}, which is {owner}");
                }
            }
        }
    }
}
