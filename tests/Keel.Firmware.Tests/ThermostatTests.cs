using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The thermostat example (examples/thermostat): Keel's sys, usart, i2c and timer driver
// tasks named in app.toml by `driver`, a sensor reading a TMP103 and showing it on an
// SSD1306 (Keel.Devices) over I2C on the timer's period,
// a control task behind a typed interface turning the LED on or off through sys and
// reporting on USART1. On QEMU, which models no I2C, every reading ends in the i2c
// driver's Timeout (the display's too) and the control keeps the heater off; the LED (GPIO, not modelled
// either) and the UART calls still succeed, each reading arrives on the timer's
// deadline, and the sensor ends the run after its three readings.
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
}
