// Class DriverConfig in a configured driver task's Caps.g.cs: what DriverConfigChecker
// resolved from its `[tasks.<name>.config]`, as constants the driver's Program.cs reads
// (the instance's sys Peripheral and register block, its bus clock, its rate, and each
// pin with its port, number, alternate function and the capability to sys that gives
// it). The driver's source names no instance or pin of its own.
using System.Text;

namespace Keel.BuildTool.SystemDescription;

public static class DriverConfigWriter
{
    public static void Append(StringBuilder code, TaskDescription task)
    {
        if (task.ResolvedConfig is not DriverConfiguration driver)
            return;
        code.AppendLine();
        code.AppendLine($"    // The driver's configuration: [tasks.{task.Name}.config] (docs/system-description.md).");
        code.AppendLine("    public static class DriverConfig");
        code.AppendLine("    {");
        code.AppendLine($"        public const global::Keel.Drivers.Peripheral Peripheral = global::Keel.Drivers.Peripheral.{driver.Peripheral};");
        code.AppendLine($"        public const uint RegistersBase = 0x{driver.RegistersBase:X8};");
        code.AppendLine($"        public const uint BusClockHz = {driver.BusClockHz};");
        if (driver.Baud is long baud)
            code.AppendLine($"        public const uint Baud = {baud};");
        if (driver.Speed is long speed)
            code.AppendLine($"        public const uint SpeedHz = {speed};");
        foreach (var pin in driver.Pins)
        {
            string name = Identifiers.Pascal(pin.Function);
            code.AppendLine();
            code.AppendLine($"        // {pin.Function}: {pin.Name}, alternate function {pin.AlternateFunction}, through cap '{pin.SysCap}'.");
            code.AppendLine($"        public const uint {name}Sys = Caps.{Identifiers.Pascal(pin.SysCap)};");
            code.AppendLine($"        public const global::Keel.Drivers.Port {name}Port = global::Keel.Drivers.Port.{pin.Port};");
            code.AppendLine($"        public const ushort {name}Pin = 1 << {pin.Number};");
            code.AppendLine($"        public const byte {name}AlternateFunction = {pin.AlternateFunction};");
        }
        code.AppendLine("    }");
    }
}
