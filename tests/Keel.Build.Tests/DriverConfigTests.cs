// A driver task's `[tasks.<name>.config]` (DriverConfigChecker): the instance, pins and
// rate checked against the board's pins.toml, each refusal naming the field and its
// line; and what a valid one becomes: the instance's MPU window, the sys badges minted
// from the pins, the DriverConfig class in the task's Caps.g.cs.
using Keel.BuildTool.SystemDescription;
using Keel.Drivers;
using Peripheral = Keel.Drivers.Peripheral;

namespace Keel.Build.Tests;

public class DriverConfigTests
{
    private const string Sys = """
        [tasks.sys]
        project = "Solo.csproj"
        priority = 0
        stack = 1024
        flash = 16384
        ram = 4096
        peripherals = ["rcc", "gpio", "syscfg-exti"]
        trusted-peripherals = ["rcc", "gpio", "syscfg-exti"]

        [tasks.sys.caps]
        requests = { endpoint = "sys", rights = ["read"] }

        """;

    private static string App(string tasks, string board = "netduinoplus2") => $"""
        name = "t"
        board = "{board}"

        [kernel]
        flash = 65536
        ram = 16384
        stack = 2048

        [endpoints]
        sys = {"{}"}

        {Sys}
        {tasks}
        """;

    private static string Driver(string name, string config, string caps = "sys = { endpoint = \"sys\", rights = [\"write\", \"grant-reply\"] }", string more = "") => $"""
        [tasks.{name}]
        project = "Solo.csproj"
        priority = 1
        stack = 1024
        flash = 16384
        ram = 4096
        {more}

        [tasks.{name}.config]
        {config}

        [tasks.{name}.caps]
        {caps}

        """;

    private static string[] Errors(string toml) => TestApps.Errors(toml, "Solo.csproj");

    private static Diagnostic OnlyError(string toml) => Assert.Single(TestApps.Build(toml, "Solo.csproj").Diagnostics);

    private static int LineOf(string toml, string text) => toml.Split('\n').ToList().FindIndex(line => line.Contains(text)) + 1;

    [Fact]
    public void I2c3OnTwoPortsGetsItsWindowTwoMintedSysBadgesAndItsConfigurationInItsBuild()
    {
        string toml = App(Driver("i2c", """
            instance = "i2c3"
            scl = "PA8"
            sda = "PC9"
            speed = 400000
            """, """
            sys = { endpoint = "sys", rights = ["write", "grant-reply"] }
            sys-c = { endpoint = "sys", rights = ["write", "grant-reply"] }
            """));
        var (layout, diagnostics) = TestApps.Build(toml, "Solo.csproj");
        Assert.Empty(diagnostics);

        var i2c = layout!.Tasks.Single(task => task.Task.Name == "i2c");
        Assert.Equal(["i2c3"], i2c.Task.Peripherals);
        // The MPU region after flash and RAM is I2C3's register block.
        Assert.Equal(0x40005C00u, i2c.Regions[2].Rbar & ~0x1Fu);
        Assert.Equal(SysBadge.For(Port.A, 1 << 8, Peripheral.I2c3), (uint)i2c.Task.Caps.Single(cap => cap.Name == "sys").Badge!.Value);
        Assert.Equal(SysBadge.For(Port.C, 1 << 9), (uint)i2c.Task.Caps.Single(cap => cap.Name == "sys-c").Badge!.Value);

        string caps = TaskCapsWriter.Write(layout, i2c);
        Assert.Contains("public const global::Keel.Drivers.Peripheral Peripheral = global::Keel.Drivers.Peripheral.I2c3;", caps);
        Assert.Contains("public const uint RegistersBase = 0x40005C00;", caps);
        Assert.Contains("public const uint BusClockHz = 42000000;", caps);
        Assert.Contains("public const uint SpeedHz = 400000;", caps);
        Assert.Contains("public const uint SdaSys = Caps.SysC;", caps);
        Assert.Contains("public const ushort SclPin = 1 << 8;", caps);
        Assert.Contains("public const byte SdaAlternateFunction = 4;", caps);
    }

    [Fact]
    public void APinThatDoesNotCarryTheFunctionIsRefusedAtItsLineWithThePinsThatDo()
    {
        string toml = App(Driver("i2c", """
            instance = "i2c1"
            scl = "PB10"
            sda = "PB9"
            """));
        var error = OnlyError(toml);
        Assert.Equal("task 'i2c': config: field 'scl': PB10 does not carry i2c1's scl (pins that do: PB6, PB8)", error.Message);
        Assert.Equal(LineOf(toml, "scl = \"PB10\""), error.Position!.Line);
    }

    [Fact]
    public void TheSameTableOfTheF401KnowsItsOwnPins()
    {
        // PB3 carries I2C2's SDA (AF9) on the F401, not on the F405 (whose is PB11).
        string config = """
            instance = "i2c2"
            scl = "PB10"
            sda = "PB3"
            """;
        Assert.Empty(Errors(App(Driver("i2c", config), board: "nucleo-f401re")));
        Assert.Equal(["task 'i2c': config: field 'sda': PB3 does not carry i2c2's sda (pins that do: PB11)"], Errors(App(Driver("i2c", config))));
    }

    [Fact]
    public void TheF401HasNotTheF411sUsart1Pins()
    {
        // PA15 (TX) and PB3 (RX) carry USART1 on the F411 only (ST's pin data).
        string toml = App(Driver("usart", """
            instance = "usart1"
            tx = "PA15"
            rx = "PB3"
            """, "sys = { endpoint = \"sys\", rights = [\"write\"] }\nsys-b = { endpoint = \"sys\", rights = [\"write\"] }"), board: "nucleo-f401re");
        Assert.Equal(
            [
                "task 'usart': config: field 'rx': PB3 does not carry usart1's rx (pins that do: PA10, PB7)",
                "task 'usart': config: field 'tx': PA15 does not carry usart1's tx (pins that do: PA9, PB6)",
            ],
            Errors(toml).Order().ToArray());
    }

    [Fact]
    public void APinAlreadyGivenToAnotherDriverIsRefused()
    {
        string toml = App(Driver("i2c", """
            instance = "i2c1"
            scl = "PB8"
            sda = "PB9"
            """) + Driver("spi", """
            instance = "spi2"
            sck = "PB13"
            miso = "PB14"
            mosi = "PB15"
            chip-select = "PB8"
            """));
        var error = OnlyError(toml);
        Assert.Equal("task 'spi': config: field 'chip-select': PB8 is already given: it is task 'i2c''s scl", error.Message);
        Assert.Equal(LineOf(toml, "chip-select = \"PB8\""), error.Position!.Line);
    }

    [Fact]
    public void TheConsolesPinsAreRefused()
    {
        Assert.Equal(
            ["task 'spi': config: field 'chip-select': PA2 is already given: it is the kernel console's tx (board 'netduinoplus2' pins.toml [console])"],
            Errors(App(Driver("spi", """
                instance = "spi2"
                sck = "PB13"
                miso = "PB14"
                mosi = "PB15"
                chip-select = "PA2"
                """, "sys = { endpoint = \"sys\", rights = [\"write\"] }\nsys-a = { endpoint = \"sys\", rights = [\"write\"] }"))));
    }

    [Fact]
    public void AClientsSysBadgeGivingADriversPinIsRefused()
    {
        string toml = App(Driver("i2c", """
            instance = "i2c1"
            scl = "PB8"
            sda = "PB9"
            """) + """
            [tasks.blinker]
            project = "Solo.csproj"
            priority = 2
            stack = 1024
            flash = 16384
            ram = 4096

            [tasks.blinker.caps]
            led = { endpoint = "sys", rights = ["write"], badge = 0x10100 }
            """);
        var error = OnlyError(toml);
        Assert.Equal("task 'blinker': cap 'led': field 'badge': 0x10100 gives PB8, which is task 'i2c''s scl", error.Message);
        Assert.Equal(LineOf(toml, "led = "), error.Position!.Line);
    }

    [Fact]
    public void AHandWrittenBadgeMustBeTheMintedOneAndEachFurtherPortNeedsItsCapability()
    {
        string config = """
            instance = "i2c3"
            scl = "PA8"
            sda = "PC9"
            """;
        Assert.Equal(
            ["task 'i2c': needs an endpoint capability to sys named 'sys-c' for its pins on port C (PC9): add sys-c = { endpoint = \"sys\", rights = [\"write\", \"grant-reply\"] } to its caps (the build mints its badge)"],
            Errors(App(Driver("i2c", config))));
        Assert.Equal(
            ["task 'i2c': cap 'sys': field 'badge': 0x390300 does not match the configuration, which gives 0x480100 (i2c3, PA8): leave the badge out, the build mints it"],
            Errors(App(Driver("i2c", config, "sys = { endpoint = \"sys\", rights = [\"write\"], badge = 0x390300 }\nsys-c = { endpoint = \"sys\", rights = [\"write\"] }"))));
    }

    [Fact]
    public void AnotherInstancesWindowOrInterruptBesideTheConfiguredOneIsRefused()
    {
        string config = """
            instance = "usart6"
            tx = "PC6"
            rx = "PC7"
            baud = 9600
            """;
        Assert.Equal(
            [
                "task 'usart': field 'irq': 37 is not an interrupt of usart6 (its interrupts: 71)",
                "task 'usart': field 'peripherals': grants usart1, but the driver is configured on usart6 (config.instance grants its window: remove 'usart1')",
            ],
            Errors(App(Driver("usart", config, more: """
                peripherals = ["usart1"]
                irqs = [{ irq = 37, notification = "n", badge = 1 }]
                bound-notification = "n"
                """)).Replace("[endpoints]", "[notifications]\nn = {}\n\n[endpoints]")).Order().ToArray());
    }

    // Keel's driver tasks, by their project's folder (drivers/<name>/), as a user's
    // app.toml names them.
    private static (SystemLayout? Layout, IReadOnlyList<Diagnostic> Diagnostics) BuildWithDrivers(string toml) =>
        TestApps.Build(toml, "Solo.csproj", "keel/drivers/usart/Usart.csproj", "keel/drivers/i2c/I2c.csproj", "keel/drivers/spi/Spi.csproj", "keel/drivers/sys/Sys.csproj");

    private static string Unconfigured(string name, string project) => $"""
        [tasks.{name}]
        project = "{project}"
        priority = 1
        stack = 1024
        flash = 16384
        ram = 4096

        [tasks.{name}.caps]
        sys = {"{"} endpoint = "sys", rights = ["write", "grant-reply"] {"}"}

        """;

    [Fact]
    public void ADriverTaskWithoutItsConfigTableIsRefusedAtItsProjectWithWhatToWrite()
    {
        string toml = App(Unconfigured("serial", "keel/drivers/usart/Usart.csproj"));
        var error = Assert.Single(BuildWithDrivers(toml).Diagnostics);
        Assert.Equal(
            "task 'serial': field 'project': keel/drivers/usart/Usart.csproj is the usart driver, which app.toml configures: " +
            "add [tasks.serial.config] with its instance and pins, e.g. instance = \"usart1\", tx = \"PA9\", rx = \"PA10\" " +
            "(docs/system-description.md, [tasks.<name>.config])",
            error.Message);
        Assert.Equal(LineOf(toml, "project = \"keel/drivers/usart"), error.Position!.Line);

        // An SPI driver is told of its chip select too; sys has nothing to configure.
        Assert.Equal(
            ["task 'spi': field 'project': keel/drivers/spi/Spi.csproj is the spi driver, which app.toml configures: " +
             "add [tasks.spi.config] with its instance and pins, e.g. instance = \"spi1\", sck = \"PA5\", miso = \"PA6\", mosi = \"PA7\" and a free pin as chip-select " +
             "(docs/system-description.md, [tasks.<name>.config])"],
            BuildWithDrivers(App(Unconfigured("spi", "keel/drivers/spi/Spi.csproj") + Unconfigured("sys2", "keel/drivers/sys/Sys.csproj"))).Diagnostics.Select(diagnostic => diagnostic.Message));
    }

    [Fact]
    public void ADriverConfiguredOnAnotherKindOfInstanceIsRefused()
    {
        string toml = App(Driver("i2c", """
            instance = "usart1"
            tx = "PA9"
            rx = "PA10"
            """).Replace("Solo.csproj", "keel/drivers/i2c/I2c.csproj"));
        Assert.Equal(
            ["task 'i2c': config: field 'instance': keel/drivers/i2c/I2c.csproj is the i2c driver, which cannot run usart1 (expected one of: i2c1, i2c2, i2c3)"],
            BuildWithDrivers(toml).Diagnostics.Select(diagnostic => diagnostic.Message));
    }

    [Fact]
    public void AnUnknownInstanceAMissingPinAndAMisplacedRateAreEachNamed()
    {
        Assert.Equal(
            ["task 'i2c': config: field 'instance': no driver instance 'i2c4' on board 'netduinoplus2' (expected one of: usart1, usart6, i2c1, i2c2, i2c3, spi1, spi2, spi3)"],
            Errors(App(Driver("i2c", "instance = \"i2c4\""))));
        Assert.Equal(
            [
                "task 'i2c': config: field 'baud': only a USART has a baud rate",
                "task 'i2c': config: field 'sda' is missing: the pin of i2c1's sda (one of PB7, PB9)",
            ],
            Errors(App(Driver("i2c", "instance = \"i2c1\"\nscl = \"PB8\"\nbaud = 9600"))).Order().ToArray());
        Assert.Equal(
            ["task 'i2c': config: field 'speed': 1000000 Hz is out of range (1000 to 400000: standard mode up to 100 kHz, fast mode above)"],
            Errors(App(Driver("i2c", "instance = \"i2c1\"\nscl = \"PB8\"\nsda = \"PB9\"\nspeed = 1000000"))));
    }
}
