using Keel.BuildTool.SystemDescription;
using Keel.Cli;

namespace Keel.Cli.Tests;

// keel add driver: the entry it appends to app.toml (the driver's driver.toml, found
// where the application's build finds its drivers), the user's own text left as it was,
// and what it refuses, leaving nothing changed. The application is a user's, outside
// Keel's tree; MSBuild's answer about where its boards and drivers are is the one a
// restored Keel.Sdk application gives (here, Keel's tree's folders).
public sealed class AddDriverTests : IDisposable
{
    private const string UserText = """
        # My plant's controller. A comment of mine, kept as I wrote it.
        name = "plant"
        board = "netduinoplus2"

        [kernel]
        flash = 65536
        ram   = 16384   # aligned, as I like it
        stack = 2048
        """;

    private readonly string _app = Directory.CreateTempSubdirectory("keel-add-driver-").FullName;
    private readonly string _drivers = Path.Combine(CliHarness.Root, "drivers") + "/";

    public AddDriverTests()
    {
        File.WriteAllText(Path.Combine(_app, "Plant.csproj"), "<Project Sdk=\"Keel.Sdk\">\n</Project>\n");
        File.WriteAllText(Path.Combine(_app, "app.toml"), UserText);
    }

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private string Description => File.ReadAllText(Path.Combine(_app, "app.toml"));

    private FakeRunner Runner(Func<string> driversDir) => new(
        (_, _) => new ProcessResult(0, false, "restored"),
        msbuild: _ => new ProcessResult(0, false,
            "{\"Properties\": {\"KeelOwnBoardsDir\": \"" + _app + "/boards/\", \"KeelSdkBoardsDir\": \"" + Path.Combine(CliHarness.Root, "board") + "/\", \"KeelDriversDir\": \"" + driversDir() + "\"}}"));

    private Task<CliResult> Add(string driver, FakeRunner? runner = null) =>
        CliHarness.RunAsync(["add", "driver", driver], runner: runner ?? Runner(() => _drivers), currentDirectory: _app);

    [Fact]
    public async Task EachDriverIsAppendedAsItsDriverTomlSaysAndTheGeneratorAcceptsTheWhole()
    {
        foreach (string driver in new[] { "sys", "usart", "i2c", "timer" })
        {
            CliResult result = await Add(driver);
            Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
            Assert.Contains($"Added Keel's driver '{driver}' to app.toml", result.Output);
        }

        string expected = UserText + "\n\n" + string.Join("\n", new[] { "sys", "usart", "i2c", "timer" }
            .Select(driver => File.ReadAllText(Path.Combine(_drivers, driver, "driver.toml"))));
        Assert.Equal(expected, Description);
        var (layout, diagnostics) = SystemCommand.Build(Path.Combine(_app, "app.toml"), Path.Combine(CliHarness.Root, "board"), drivers: new DriverSearch(_drivers));
        Assert.True(layout is not null, string.Join("\n", diagnostics));
        Assert.Equal(["sys", "usart", "i2c", "timer"], layout.Tasks.Select(task => task.Task.Name));
        Assert.All(layout.Tasks, task => Assert.Equal(task.Task.Name, task.Task.Driver));
        // The I2C driver's sys badge is minted from its [tasks.i2c.config] (I2C1's clock, PB8 and PB9).
        Assert.Contains("[tasks.i2c.config]\ninstance = \"i2c1\"", Description);
        Assert.Equal(0x390300, layout.Tasks.Single(task => task.Task.Name == "i2c").Task.Caps.Single(cap => cap.Name == "sys").Badge);
    }

    // A driver whose sys capability has no sys task to go to is refused, as the build
    // would refuse it, and app.toml is as it was.
    [Fact]
    public async Task ADriverWithoutItsSysIsRefusedAndNothingChanges()
    {
        CliResult result = await Add("i2c");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("keel: error: add driver: the system description refuses driver 'i2c': ", result.Error);
        Assert.Contains("'sys'", result.Error);
        Assert.Equal(UserText, Description);
    }

    [Theory]
    [InlineData("uart", "add driver: Keel has no driver 'uart' (its drivers: i2c, spi, sys, timer, usart).")]
    [InlineData("Sys", "add driver: 'Sys' is not a driver's name: name must start with a lower-case letter and use only lower-case letters, digits, '-' and '_'.")]
    public async Task UnknownDriversAreRefused(string driver, string message)
    {
        CliResult result = await Add(driver);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"keel: error: {message}\nkeel: fix: keel --help\n", result.Error);
        Assert.Equal(UserText, Description);
    }

    [Fact]
    public async Task ADriverAddedTwiceIsRefused()
    {
        Assert.Equal(ExitCodes.Success, (await Add("sys")).ExitCode);
        string once = Description;
        CliResult result = await Add("sys");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith($"keel: error: add driver: {Path.GetFileName(_app)} already has a task 'sys'.", result.Error);
        Assert.Equal(once, Description);
    }

    // A fresh application from packages has no drivers folder until it is restored:
    // keel restores it, as its first build would, and asks MSBuild again.
    [Fact]
    public async Task AFreshApplicationIsRestoredFirst()
    {
        bool restored = false;
        var runner = new FakeRunner((executable, arguments) =>
            {
                restored |= executable == "dotnet" && arguments[0] == "restore";
                return new ProcessResult(0, false, "restored");
            },
            msbuild: _ => new ProcessResult(0, false,
                "{\"Properties\": {\"KeelOwnBoardsDir\": \"\", \"KeelSdkBoardsDir\": \"" + Path.Combine(CliHarness.Root, "board") + "/\", \"KeelDriversDir\": \"" + (restored ? _drivers : "drivers/") + "\"}}"));

        CliResult result = await Add("sys", runner);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());
        Assert.Equal([$"dotnet restore {Path.Combine(_app, "Plant.csproj")} -nologo"], runner.Commands);
        Assert.Contains("[tasks.sys]\ndriver = \"sys\"\n", Description);
    }
}
