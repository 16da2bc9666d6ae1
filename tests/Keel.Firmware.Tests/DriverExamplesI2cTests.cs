using System.Globalization;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The I2C sensor example (examples/i2c-sensor): a client task reading a TMP103 through
// the I2C master task and exchanging bytes through the SPI master task.
//
// - On QEMU, whose STM32F405 does not model I2C (its registers read 0), every transfer
//   ends in the driver's Timeout instead of hanging, and the requests after each are
//   answered (an InvalidArgument from the driver, another Timeout): the driver serves
//   on after a bus that does not work. QEMU does model SPI2 (stm32f2xx_spi): with no
//   device on the bus, every byte received is 0.
// - On Renode, with the example's devices (examples/i2c-sensor/renode/devices.repl),
//   the temperature printed is the one the test gives the sensor model, a probe of an
//   empty address is Nack, and the bytes received over SPI are the ones the test queues
//   in the SPI device.
[Collection(DotnetBuildCollection.Name)]
public class DriverExamplesI2cTests
{
    private const string ExampleFolder = "examples/i2c-sensor";
    private const string ImageName = "i2c-sensor";

    [Fact]
    public async Task OnQemuEveryI2cTransferTimesOutAndTheDriversGoOnServing()
    {
        EmulatorRun run = await new Qemu().RunAsync(Repository.Image(ExampleFolder, ImageName));

        Assert.True(run.ExitedWith(0), run.Describe());
        Assert.Equal(
            "sensor: reading the TMP103 at 0x70 over I2C1\n" +
            "sensor: probe of 0x49 (no device): Timeout\n" +
            "sensor: address 0x80: InvalidArgument\n" +
            "sensor: a 49-byte write: TooLong\n" +
            "sensor: temperature: Timeout\n" +
            "sensor: SPI mode 0, clock / 8: Ok\n" +
            "sensor: SPI sent 9f 00 00, received 00 00 00\n" +
            "sensor: done\n",
            run.Console);
    }

    [RenodeTheory]
    [InlineData(-7, new byte[] { 0xEF, 0x40, 0x18 })]
    [InlineData(23, new byte[] { 0xC2, 0x20, 0x17 })]
    public async Task OnRenodeTheSensorsTemperatureAndTheSpiDevicesBytesArePrinted(int celsius, byte[] spiAnswer)
    {
        (int exitCode, string output) = DotnetBuild.Run(Path.Combine(Repository.Root, ExampleFolder, "I2cSensor.csproj"), [$"-p:KeelBoard={Renode.Board}"]);
        Assert.True(exitCode == 0, output);
        string devices = Renode.MonitorPath(Path.Combine(Repository.Root, ExampleFolder, "renode", "devices.repl"));
        var renode = new Renode
        {
            Setup =
            [
                $"machine LoadPlatformDescription @{devices}",
                $"i2c1.tmp103 Temperature {celsius.ToString(CultureInfo.InvariantCulture)}",
                .. spiAnswer.Select(value => $"spi2.device EnqueueValue 0x{value:X2}"),
            ],
        };

        EmulatorRun run = await renode.RunAsync(Repository.Image(ExampleFolder, ImageName, Renode.Board));

        Assert.True(run.ExitedWith(0), run.Describe());
        Assert.Equal(
            "sensor: reading the TMP103 at 0x70 over I2C1\n" +
            "sensor: probe of 0x49 (no device): Nack\n" +
            "sensor: address 0x80: InvalidArgument\n" +
            "sensor: a 49-byte write: TooLong\n" +
            $"sensor: temperature: {celsius.ToString(CultureInfo.InvariantCulture)} C\n" +
            "sensor: SPI mode 0, clock / 8: Ok\n" +
            $"sensor: SPI sent 9f 00 00, received {string.Join(' ', spiAnswer.Select(value => value.ToString("x2", CultureInfo.InvariantCulture)))}\n" +
            "sensor: done\n",
            run.Console);
    }
}
