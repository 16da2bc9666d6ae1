// The boards' own files: the real peripherals.toml of each board loads and lists the
// peripherals tasks commonly need, and board.props names the kernel's console and its
// interrupt, the very ones the hal attaches; a board whose files are wrong is refused
// with errors against the board's file, not the app's.
using Keel.BuildTool.SystemDescription;
using Keel.Hal.Stm32f4;

namespace Keel.Build.Tests;

public class BoardTests
{
    private const string App = """
        name = "t"
        board = "fake"
        [kernel]
        flash = 65536
        ram = 16384
        stack = 2048
        [tasks.solo]
        project = "Solo.csproj"
        priority = 0
        stack = 1024
        flash = 16384
        ram = 4096
        """;

    [Theory]
    [InlineData("netduinoplus2", 82)]
    [InlineData("nucleo-f401re", 85)]
    public void Real_board_loads(string name, int irqCount)
    {
        var diagnostics = new DiagnosticBag();

        var board = BoardDescription.Load(TestApps.BoardsDirectory, name, problem => Assert.Fail(problem), diagnostics);

        Assert.Empty(diagnostics.All);
        Assert.Equal(irqCount, board!.IrqCount);
        foreach (string peripheral in new[] { "usart1", "usart2", "gpioa", "gpiob", "gpioc", "tim2", "tim3", "spi1", "i2c1", "rcc" })
            Assert.NotNull(board.FindPeripheral(peripheral));
        Assert.Equal(new Peripheral("usart2", 0x4000_4400, 0x400), board.FindPeripheral("usart2"));
    }

    [Fact]
    public void Peripherals_that_cannot_be_MPU_regions_are_refused()
    {
        string boards = FakeBoards("""
            misaligned = { base = 0x40004500, size = 0x400 }
            odd = { base = 0x40004400, size = 0x300 }
            tiny = { base = 0x40004400, size = 0x10 }
            typo = { base = 0x40000000, size = 0x400, irq = 3 }
            """);

        var (layout, diagnostics) = SystemCommand.Build(TestApps.WriteApp(App, "Solo.csproj"), boards);

        Assert.Null(layout);
        string peripheralsFile = Path.Combine(boards, "fake", BoardDescription.PeripheralsFile);
        Assert.Equal(
            new[]
            {
                new Diagnostic(peripheralsFile, "peripheral 'misaligned': base 0x40004500 is not a multiple of its size 0x400 (an MPU region must be aligned)", Position: new(1, 1)),
                new Diagnostic(peripheralsFile, "peripheral 'odd': size 0x300 is not a power of two (an MPU region must be)", Position: new(2, 1)),
                new Diagnostic(peripheralsFile, "peripheral 'tiny': size 0x10 is smaller than the MPU's smallest region (32 bytes)", Position: new(3, 1)),
                new Diagnostic(peripheralsFile, "peripheral 'typo': unknown field 'irq'", Position: new(4, 43)),
            },
            diagnostics);
    }

    [Fact]
    public void Board_without_peripherals_file_is_refused()
    {
        string boards = FakeBoards(peripherals: null);

        Assert.Equal(
            new[] { "top level: field 'board': board 'fake' has no peripherals.toml" },
            SystemCommand.Build(TestApps.WriteApp(App, "Solo.csproj"), boards).Diagnostics.Select(diagnostic => diagnostic.Message));
    }

    [Fact]
    public void Board_props_without_interrupt_count_is_refused()
    {
        string boards = FakeBoards("", props: "<Project><PropertyGroup><KeelFlashBytes>1048576</KeelFlashBytes><KeelRamBytes>131072</KeelRamBytes></PropertyGroup></Project>");

        var diagnostics = SystemCommand.Build(TestApps.WriteApp(App, "Solo.csproj"), boards).Diagnostics;

        Assert.Equal(new[] { new Diagnostic(Path.Combine(boards, "fake", BoardDescription.PropsFile), "property 'KeelIrqCount' is missing or not a number") }, diagnostics);
    }

    [Theory]
    [InlineData(null, "property 'KeelConsolePeripheral' is missing (the peripheral of the kernel's console, or empty for none)")]
    [InlineData("usart3", "property 'KeelConsolePeripheral': no peripheral 'usart3' in peripherals.toml")]
    public void Console_peripheral_must_be_given_and_be_one_of_the_board_s(string? console, string problem)
    {
        string boards = FakeBoards("usart2 = { base = 0x40004400, size = 0x400 }", props: Props(console));

        Assert.Equal(
            new[] { new Diagnostic(Path.Combine(boards, "fake", BoardDescription.PropsFile), problem) },
            SystemCommand.Build(TestApps.WriteApp(App, "Solo.csproj"), boards).Diagnostics);
    }

    [Theory]
    [InlineData(null, "property 'KeelConsoleIrq' is missing (the interrupt of the kernel's console, or empty for none)")]
    [InlineData("82", "property 'KeelConsoleIrq': '82' is not one of the board's interrupts (0..81, KeelIrqCount being 82)")]
    [InlineData("-1", "property 'KeelConsoleIrq': '-1' is not one of the board's interrupts (0..81, KeelIrqCount being 82)")]
    [InlineData("usart2", "property 'KeelConsoleIrq': 'usart2' is not one of the board's interrupts (0..81, KeelIrqCount being 82)")]
    public void Console_interrupt_must_be_given_and_be_one_of_the_board_s(string? consoleIrq, string problem)
    {
        string boards = FakeBoards("usart2 = { base = 0x40004400, size = 0x400 }", props: Props("usart2", consoleIrq));

        Assert.Equal(
            new[] { new Diagnostic(Path.Combine(boards, "fake", BoardDescription.PropsFile), problem) },
            SystemCommand.Build(TestApps.WriteApp(App, "Solo.csproj"), boards).Diagnostics);
    }

    [Fact]
    public void Console_interrupt_may_be_the_board_s_last()
    {
        var board = BoardDescription.Load(FakeBoards("", props: Props("", "81")), "fake", problem => Assert.Fail(problem), new DiagnosticBag());

        Assert.Equal(81, board!.ConsoleIrq);
    }

    // A board whose kernel console is not a peripheral says so with an empty property.
    [Fact]
    public void Empty_console_peripheral_means_none()
    {
        string boards = FakeBoards("usart2 = { base = 0x40004400, size = 0x400 }", props: Props(console: ""));

        Assert.Empty(SystemCommand.Build(TestApps.WriteApp(App.Replace("ram = 4096", "ram = 4096\nperipherals = [\"usart2\"]"), "Solo.csproj"), boards).Diagnostics);
    }

    [Fact]
    public void Empty_isolation_reason_is_refused()
    {
        string boards = FakeBoards("dma1 = { base = 0x40026000, size = 0x400, breaks-isolation = \" \" }", props: Props(console: ""));

        Assert.Equal(
            new[] { new Diagnostic(Path.Combine(boards, "fake", BoardDescription.PeripheralsFile), "peripheral 'dma1': field 'breaks-isolation': is empty (say why the peripheral breaks isolation, or leave the field out)", Position: new(1, 43)) },
            SystemCommand.Build(TestApps.WriteApp(App, "Solo.csproj"), boards).Diagnostics);
    }

    [Theory]
    [InlineData(null, "property 'KeelFpuIrq' is missing (the interrupt the FPU raises from its exception flags, or empty for none)")]
    [InlineData("82", "property 'KeelFpuIrq': '82' is not one of the board's interrupts (0..81, KeelIrqCount being 82)")]
    public void Fpu_interrupt_must_be_given_and_be_one_of_the_board_s(string? fpuIrq, string problem)
    {
        string boards = FakeBoards("usart2 = { base = 0x40004400, size = 0x400 }", props: Props("usart2", "38", fpuIrq));

        Assert.Equal(
            new[] { new Diagnostic(Path.Combine(boards, "fake", BoardDescription.PropsFile), problem) },
            SystemCommand.Build(TestApps.WriteApp(App, "Solo.csproj"), boards).Diagnostics);
    }

    // The board data says what the kernel image does (Board.cs attaches the hal's USART2
    // and its interrupt to the console), so the two cannot drift apart unnoticed.
    [Theory]
    [InlineData("netduinoplus2")]
    [InlineData("nucleo-f401re")]
    public void Real_board_console_is_the_hal_s_usart2(string name)
    {
        var board = BoardDescription.Load(TestApps.BoardsDirectory, name, problem => Assert.Fail(problem), new DiagnosticBag());

        Assert.Equal(board!.FindPeripheral("usart2"), board.ConsolePeripheral);
        Assert.Equal(Usart.Usart2.Base, board.ConsolePeripheral!.Base);
        Assert.Equal((int)Usart.Usart2Irq, board.ConsoleIrq);
    }

    // board.props with the sizes of netduinoplus2, `console` as its KeelConsolePeripheral,
    // `consoleIrq` as its KeelConsoleIrq and `fpuIrq` as its KeelFpuIrq (no such
    // property if null).
    public static string Props(string? console, string? consoleIrq = "", string? fpuIrq = "") =>
        "<Project><PropertyGroup><KeelFlashBytes>1048576</KeelFlashBytes><KeelRamBytes>131072</KeelRamBytes><KeelIrqCount>82</KeelIrqCount>"
        + (console is null ? "" : $"<KeelConsolePeripheral>{console}</KeelConsolePeripheral>")
        + (consoleIrq is null ? "" : $"<KeelConsoleIrq>{consoleIrq}</KeelConsoleIrq>")
        + (fpuIrq is null ? "" : $"<KeelFpuIrq>{fpuIrq}</KeelFpuIrq>")
        + "</PropertyGroup></Project>";

    // A boards folder with one board, 'fake': netduinoplus2's board.props (or `props`)
    // and the given peripherals.toml (none if null).
    public static string FakeBoards(string? peripherals, string? props = null)
    {
        string boards = Directory.CreateTempSubdirectory("keel-boards-").FullName;
        string fake = Directory.CreateDirectory(Path.Combine(boards, "fake")).FullName;
        File.WriteAllText(Path.Combine(fake, BoardDescription.PropsFile),
            props ?? File.ReadAllText(Path.Combine(TestApps.BoardsDirectory, "netduinoplus2", BoardDescription.PropsFile)));
        if (peripherals is not null)
            File.WriteAllText(Path.Combine(fake, BoardDescription.PeripheralsFile), peripherals);
        return boards;
    }
}
