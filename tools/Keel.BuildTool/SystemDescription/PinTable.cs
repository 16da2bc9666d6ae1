// A board's pins.toml: the driver instances of its chip that an app.toml may configure
// (`[tasks.<name>.config]`), each with the pins that carry each of its functions and
// the alternate function that selects it there, the bus that clocks it and its
// interrupts; the kernel console's pins; the bus clocks. The chip's datasheet table,
// stated once as data, so a user's own board (boards/<name>/pins.toml) says the same of
// its own chip.
using Tomlyn.Model;

namespace Keel.BuildTool.SystemDescription;

// `Functions`: for each function ("tx", "scl"), the pins that carry it with their
// alternate function number.
public sealed record DriverInstance(string Name, string Bus, IReadOnlyList<long> Irqs, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Functions);

public sealed record PinTable(string Path, IReadOnlyDictionary<string, string> ConsolePins, IReadOnlyDictionary<string, long> Buses, IReadOnlyList<DriverInstance> Instances)
{
    public const string File = "pins.toml";

    public DriverInstance? Find(string name) => Instances.FirstOrDefault(instance => instance.Name == name);

    // Null when the file is wrong (reported against it).
    public static PinTable? Load(string path, Reporter report)
    {
        var top = TomlTableReader.Parse(System.IO.File.ReadAllText(path), "pins", report);
        if (top is null)
            return null;
        bool valid = true;
        var console = new Dictionary<string, string>();
        if (top.Table("console", required: true) is TomlTable consoleTable)
        {
            var reader = top.Nested(consoleTable, "console", "console");
            foreach (string function in consoleTable.Keys)
            {
                if (reader.String(function) is string pin)
                    console[function] = pin;
            }
        }
        var buses = new Dictionary<string, long>();
        if (top.Table("buses", required: true) is TomlTable busesTable)
        {
            var reader = top.Nested(busesTable, "buses", "buses");
            foreach (string bus in busesTable.Keys)
            {
                if (reader.Integer(bus) is long hz)
                    buses[bus] = hz;
            }
        }
        var instances = new List<DriverInstance>();
        if (top.Table("instances", required: true) is TomlTable instancesTable)
        {
            var instancesReader = top.Nested(instancesTable, "instances", "instances");
            foreach (var (name, table) in instancesReader.NamedTables())
            {
                var entry = instancesReader.Nested(table, $"instance '{name}'", name);
                string? bus = entry.String("bus");
                if (bus is not null && !buses.ContainsKey(bus))
                {
                    entry.ReportField("bus", $"no bus '{bus}' in [buses]");
                    valid = false;
                }
                var irqs = entry.IntegerList("irqs");
                var functions = new Dictionary<string, IReadOnlyDictionary<string, long>>();
                foreach (var (function, pinsTable) in table.Where(pair => pair.Value is TomlTable).Select(pair => (pair.Key, (TomlTable)pair.Value)))
                {
                    var pinsReader = entry.Nested(pinsTable, $"instance '{name}': {function}", function);
                    var pins = new Dictionary<string, long>();
                    foreach (string pin in pinsTable.Keys)
                    {
                        if (pinsReader.Integer(pin) is long alternate && alternate is >= 0 and <= 15 && DriverPinName.TryParse(pin, out _, out _))
                            pins[pin] = alternate;
                        else
                        {
                            pinsReader.ReportField(pin, "expected a pin (e.g. PB8) and its alternate function, 0-15");
                            valid = false;
                        }
                    }
                    entry.Table(function);
                    functions[function] = pins;
                }
                entry.RejectUnknownFields();
                if (bus is null)
                    valid = false;
                else
                    instances.Add(new DriverInstance(name, bus, irqs, functions));
            }
        }
        top.RejectUnknownFields();
        return valid ? new PinTable(path, console, buses, instances) : null;
    }
}

// "PB8": port B, pin 8. Ports as sys knows them (Keel.Drivers.Port).
public static class DriverPinName
{
    public static bool TryParse(string name, out Keel.Drivers.Port port, out int number)
    {
        port = default;
        number = -1;
        return name.Length is 3 or 4 && name[0] == 'P'
            && Enum.TryParse(name[1].ToString(), ignoreCase: false, out port) && Enum.IsDefined(port)
            && int.TryParse(name.AsSpan(2), System.Globalization.NumberStyles.None, null, out number) && number <= 15
            && name[2..] == number.ToString();
    }
}
