using System.Globalization;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The thermostat example (examples/thermostat): Keel's sys, usart, i2c and timer driver
// tasks named in app.toml by `driver`, a sensor reading a TMP103 and showing it on an
// SSD1306 (Keel.Devices) over I2C on the timer's period,
// a control task behind a typed interface turning the LED on or off through sys and
// reporting on USART1. On QEMU, which models no I2C, every reading ends in the i2c
// driver's Timeout (the display's too) and the control keeps the heater off; the LED (GPIO, not modelled
// either) and the UART calls still succeed, each reading arrives on the timer's
// deadline, and the sensor ends the run after its three readings. On Renode, with the
// example's TMP103 model (examples/thermostat/renode/devices.repl), each reading is the
// model's temperature and the heater follows it; Renode has no SSD1306, so the display
// answers Nack.
[Collection(DotnetBuildCollection.Name)]
public class ThermostatTests
{
    private const string Folder = "examples/thermostat";

    [Fact]
    public async Task OnQemuEveryReadingTimesOutAndTheControlKeepsTheHeaterOff()
    {
        (int exitCode, string output) = DotnetBuild.Run(Path.Combine(Repository.Root, Folder, "Thermostat.csproj"));
        Assert.True(exitCode == 0, output);

        EmulatorRun run = await new Qemu().RunAsync(Repository.Image(Folder, "thermostat"));

        Assert.True(run.ExitedWith(0), run.Describe());
        const string Round = "control: no temperature (Timeout), heater off, LED Ok, UART Ok\n";
        Assert.Equal(
            "control: LED configured: Ok\n" +
            "sensor: display: Timeout\n" +
            Round + "sensor: reading 1: Timeout, heater off, display Timeout\n" +
            Round + "sensor: reading 2: Timeout, heater off, display Timeout\n" +
            Round + "sensor: reading 3: Timeout, heater off, display Timeout\n" +
            "sensor: done\n",
            run.Console);
    }

    [RenodeTheory]
    [InlineData(17, "on")]
    [InlineData(23, "off")]
    public async Task OnRenodeTheReadingsAreTheSensorModelsTemperatureAndTheHeaterFollowsThem(int celsius, string heater)
    {
        (int exitCode, string output) = DotnetBuild.Run(Path.Combine(Repository.Root, Folder, "Thermostat.csproj"), $"-p:KeelBoard={Renode.Board}");
        Assert.True(exitCode == 0, output);
        // The example's devices (as keel run loads them), and this test's own temperature.
        RenodeAdditions devices = RenodeAdditions.Of(Path.Combine(Repository.Root, Folder)) with { Inputs = null };
        Assert.NotNull(devices.Devices);
        var renode = new Renode
        {
            Commands = [.. devices.Commands, $"i2c1.tmp103 Temperature {celsius.ToString(CultureInfo.InvariantCulture)}"],
        };

        EmulatorRun run = await renode.RunAsync(Repository.Image(Folder, "thermostat", Renode.Board));

        Assert.True(run.ExitedWith(0), run.Describe());
        string round = $"control: {celsius} C, heater {heater}, LED Ok, UART Ok\n";
        Assert.Equal(
            "control: LED configured: Ok\n" +
            "sensor: display: Nack\n" +
            round + $"sensor: reading 1: {celsius} C, heater {heater}, display Nack\n" +
            round + $"sensor: reading 2: {celsius} C, heater {heater}, display Nack\n" +
            round + $"sensor: reading 3: {celsius} C, heater {heater}, display Nack\n" +
            "sensor: done\n",
            run.Console);
    }
}
