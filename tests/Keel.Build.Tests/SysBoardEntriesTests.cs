// The two combined entries both boards' peripherals.toml keep for the sys task
// (drivers/sys): `gpio` over every GPIO port and `syscfg-exti` over SYSCFG and EXTI.
// They carry no mark of their own, and must not: ranges decide, so a mark would refuse
// every port entry they overlap. They are refused as the marked entries they cover,
// granted to a task trusted with them, and a port they cover given to another task
// beside them is a shared device.
using Keel.BuildTool.SystemDescription;

namespace Keel.Build.Tests;

public class SysBoardEntriesTests
{
    private static string App(string board, string sys, string other) => $"""
        name = "t"
        board = "{board}"

        [kernel]
        flash = 65536
        ram = 16384
        stack = 2048

        [tasks.sys]
        project = "Solo.csproj"
        priority = 0
        stack = 1024
        flash = 16384
        ram = 4096
        {sys}

        [tasks.other]
        project = "Solo.csproj"
        priority = 1
        stack = 1024
        flash = 16384
        ram = 4096
        {other}
        """;

    private static (string Code, string Message)[] Errors(string toml) =>
        SystemCommand.Build(TestApps.WriteApp(toml, "Solo.csproj"), TestApps.BoardsDirectory).Diagnostics
            .Select(diagnostic => (diagnostic.Code, diagnostic.Message))
            .ToArray();

    [Theory]
    [InlineData("netduinoplus2")]
    [InlineData("nucleo-f401re")]
    public void TheEntriesCoverThePortsAndSyscfgWithExtiInTwoRegions(string board)
    {
        var diagnostics = new DiagnosticBag();
        var loaded = BoardDescription.Load(TestApps.BoardsDirectory, board, problem => Assert.Fail(problem), diagnostics)!;

        Assert.Equal(new Peripheral("gpio", 0x4002_0000, 0x2000), loaded.FindPeripheral("gpio"));
        Assert.Equal(new Peripheral("syscfg-exti", 0x4001_3800, 0x800), loaded.FindPeripheral("syscfg-exti"));
        foreach (string port in new[] { "gpioa", "gpiob", "gpioc", "gpiod", "gpioe", "gpioh" })
            Assert.True(loaded.FindPeripheral(port)!.Overlaps(0x4002_0000, 0x4002_2000), port);
    }

    [Theory]
    [InlineData("netduinoplus2")]
    [InlineData("nucleo-f401re")]
    public void OnlyATrustedTaskIsGrantedThemAndThePortsStayGrantableWithoutThem(string board)
    {
        (string Code, string Message)[] untrusted = Errors(App(board, "peripherals = [\"gpio\", \"syscfg-exti\"]", ""));
        Assert.Equal(3, untrusted.Length);
        Assert.All(untrusted, error => Assert.Equal(Diagnostic.PeripheralBreaksIsolation, error.Code));
        Assert.Contains(untrusted, error => error.Message.StartsWith("task 'sys': field 'peripherals': 'gpio' covers 'gpioa', which breaks isolation", StringComparison.Ordinal));
        Assert.Contains(untrusted, error => error.Message.StartsWith("task 'sys': field 'peripherals': 'syscfg-exti' covers 'syscfg', which breaks isolation", StringComparison.Ordinal));
        Assert.Contains(untrusted, error => error.Message.StartsWith("task 'sys': field 'peripherals': 'syscfg-exti' covers 'exti', which breaks isolation", StringComparison.Ordinal));

        const string Trusted = "peripherals = [\"rcc\", \"gpio\", \"syscfg-exti\"]\ntrusted-peripherals = [\"rcc\", \"gpio\", \"syscfg-exti\"]";
        Assert.Empty(Errors(App(board, Trusted, "")));
        // Without sys, a driver may still hold a port of its own ...
        Assert.Empty(Errors(App(board, "peripherals = [\"gpioc\"]", "peripherals = [\"gpiob\"]")));
        // ... but beside sys's `gpio` it would share that port with sys.
        Assert.Equal(
            [(Diagnostic.SharedPeripheral, "task 'other': field 'peripherals': 'gpiob' is also granted to task 'sys' (as 'gpio'): a device two tasks share is a channel between them that no capability controls; to grant it anyway, add 'gpiob' to the task's trusted-peripherals")],
            Errors(App(board, Trusted, "peripherals = [\"gpiob\"]")));
    }
}
