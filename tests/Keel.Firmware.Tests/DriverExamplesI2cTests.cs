using System.Globalization;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The I2C sensor example (examples/i2c-sensor): a client task reading a TMP103 through
// its device driver (Keel.Devices' Tmp103, in the client task) over the I2C master task
// and exchanging bytes through the SPI master task.
//
// - On QEMU, whose STM32F405 does not model I2C (its registers read 0), every transfer
//   ends in the driver's Timeout instead of hanging, and the requests after each are
//   answered (an InvalidArgument from the driver, another Timeout): the driver serves
//   on after a bus that does not work. QEMU does model SPI2 (stm32f2xx_spi): with no
//   device on the bus, every byte received is 0.
// - On Renode, with the example's devices (examples/i2c-sensor/renode/devices.repl),
//   the temperature printed (in Celsius and Fahrenheit, from the device driver's
//   Temperature) is the one the test gives the sensor model (the example's own
//   renode/inputs.resc gives 23 under `keel run`), a probe of an
//   empty address is Nack, and the bytes received over SPI are the ones the test queues
//   in the SPI device.
[Collection(DotnetBuildCollection.Name)]
public class DriverExamplesI2cTests
{
    private const string ExampleFolder = "examples/i2c-sensor";
    private const string ImageName = "i2c-sensor";

    private static void Build(string? board = null)
    {
        string project = Path.Combine(Repository.Root, ExampleFolder, "I2cSensor.csproj");
        (int exitCode, string output) = board is null ? DotnetBuild.Run(project) : DotnetBuild.Run(project, $"-p:KeelBoard={board}");
        Assert.True(exitCode == 0, output);
    }

    // I2C1's configuration by the driver (I2cMaster.Initialise), as QEMU logs the writes
    // to a device it does not model: reset, APB1 at 42 MHz, 100 kHz, rise time, enabled.
    private static readonly string[] Initialise =
    [
        "(size 4, offset 0x000, value 0x00008000)",   // CR1: SWRST
        "(size 4, offset 0x000, value 0x00000000)",
        "(size 4, offset 0x004, value 0x0000002a)",   // CR2: FREQ = 42 (MHz)
        "(size 4, offset 0x01c, value 0x000000d2)",   // CCR: 210
        "(size 4, offset 0x020, value 0x0000002b)",   // TRISE: 43
        "(size 4, offset 0x000, value 0x00000001)",   // CR1: PE
    ];

    // CR1: START with ACK (QEMU's CR1 reads 0, so PE is not carried over).
    private const string Start = "(size 4, offset 0x000, value 0x00000500)";

    [Fact]
    public async Task OnQemuEveryI2cTransferTimesOutAndTheDriversGoOnServing()
    {
        Build();
        string log = Path.GetTempFileName();
        try
        {
            EmulatorRun run = await new Qemu { ExtraArguments = ["-d", "unimp", "-D", log] }.RunAsync(Repository.Image(ExampleFolder, ImageName));

            Assert.True(run.ExitedWith(0), run.Describe());
            Assert.Equal(
                "sensor: reading the TMP103 at 0x70 over I2C1\n" +
                "sensor: probe of 0x49 (no device): Timeout\n" +
                "sensor: address 0x80: InvalidArgument\n" +
                "sensor: a 49-byte write: TooLong\n" +
                "sensor: temperature: Timeout\n" +
                "sensor: SPI mode 0, clock / 8: Ok\n" +
                "sensor: SPI sent 9f 00 00, received 00 00 00\n" +
                "sensor: BME280 at 0x76: Timeout\n" +
                "sensor: ADXL345 at 0x53: Timeout\n" +
                "sensor: SSD1306 at 0x3c: Timeout\n" +
                "sensor: 24C32 at 0x50: Timeout\n" +
                "sensor: done\n",
                run.Console);

            string[] lines = File.ReadAllLines(log);
            // Configured at start; each of the six transfers that reached the bus (the
            // probe, the temperature, the first of each other device) sent START, waited
            // for SB, and reset the peripheral when it did not come. The bad address and
            // the long write never touched it.
            const int Transfers = 6;
            Assert.Equal([.. Initialise, .. Enumerable.Repeat<string[]>([Start, .. Initialise], Transfers).SelectMany(writes => writes)], Accesses(lines, "I2C1: unimplemented device write"));
            // The wait for SB is bounded: exactly PollLimit reads of SR1 per transfer.
            Assert.Equal(Transfers * 200_000, Accesses(lines, "I2C1: unimplemented device read").Count(read => read.Contains("offset 0x014", StringComparison.Ordinal)));

            // The pins, through sys (GPIOB is not modelled either, and reads as 0), one
            // configured pin at a time (DriverConfig): PB8 and PB9 open-drain on alternate
            // function 4 for I2C1, PB13-PB15 on alternate function 5 for SPI2, and PB12
            // (the chip select) high, low for the one transfer, high.
            string[] gpiob = Accesses(lines, "GPIOB: unimplemented device write");
            string[] afrh = gpiob.Where(write => write.Contains("offset 0x024", StringComparison.Ordinal)).ToArray();
            Assert.Contains("(size 4, offset 0x004, value 0x00000100)", gpiob);
            Assert.Contains("(size 4, offset 0x004, value 0x00000200)", gpiob);
            Assert.Equal(
                [
                    "(size 4, offset 0x024, value 0x00000004)",   // PB8: AF4
                    "(size 4, offset 0x024, value 0x00000040)",   // PB9: AF4
                    "(size 4, offset 0x024, value 0x00500000)",   // PB13: AF5
                    "(size 4, offset 0x024, value 0x05000000)",   // PB14: AF5
                    "(size 4, offset 0x024, value 0x50000000)",   // PB15: AF5
                ],
                afrh);
            Assert.Equal(
                ["value 0x00001000", "value 0x00001000", "value 0x10000000", "value 0x00001000"],
                gpiob.Where(write => write.Contains("offset 0x018", StringComparison.Ordinal)).Select(write => write[^("value 0x00000000)".Length)..^1]).ToArray());
        }
        finally
        {
            File.Delete(log);
        }
    }

    // The rest of each line of QEMU's log that starts with `prefix`, in order.
    private static string[] Accesses(string[] lines, string prefix) =>
        lines.Where(line => line.StartsWith(prefix, StringComparison.Ordinal)).Select(line => line[prefix.Length..].Trim()).ToArray();

    [RenodeTheory]
    [InlineData(-7, "-7.0 C, 19.4 F", new byte[] { 0xEF, 0x40, 0x18 })]
    [InlineData(23, "23.0 C, 73.4 F", new byte[] { 0xC2, 0x20, 0x17 })]
    public async Task OnRenodeTheSensorsTemperatureAndTheSpiDevicesBytesArePrinted(int celsius, string printed, byte[] spiAnswer)
    {
        Build(Renode.Board);
        // The example's devices (as keel run loads them), and this test's own inputs.
        RenodeAdditions devices = RenodeAdditions.Of(Path.Combine(Repository.Root, ExampleFolder)) with { Inputs = null };
        Assert.NotNull(devices.Devices);
        var renode = new Renode
        {
            Commands =
            [
                .. devices.Commands,
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
            $"sensor: temperature: {printed}\n" +
            "sensor: SPI mode 0, clock / 8: Ok\n" +
            $"sensor: SPI sent 9f 00 00, received {string.Join(' ', spiAnswer.Select(value => value.ToString("x2", CultureInfo.InvariantCulture)))}\n" +
            "sensor: BME280 at 0x76: Nack\n" +
            "sensor: ADXL345 at 0x53: Nack\n" +
            "sensor: SSD1306 at 0x3c: Nack\n" +
            "sensor: 24C32 at 0x50: Nack\n" +
            "sensor: done\n",
            run.Console);
    }
}
