// The grants the build refuses because they break the isolation between tasks
// (IsolationChecker), each with its code and exact message, on the real boards' data
// and on fake boards for the rules no real board triggers (memory overlaps, entries
// that cover other entries); and the trusted override, which lets the grant through,
// shows it in layout.txt, and is itself refused when no rule needs it.
using Keel.BuildTool.SystemDescription;

namespace Keel.Build.Tests;

public class IsolationTests
{
    private const string SoloProject = "Solo.csproj";

    private const string Rcc = "RCC gates and resets the clock of every peripheral, the kernel console's and other tasks' included, and sets the system clock";
    private const string Dma = "a DMA controller copies between any memory and peripherals without the MPU's checks, the kernel's RAM and every task's included";
    private const string Wwdg = "the window watchdog, once started, resets the whole chip unless refreshed in time: the task decides when the kernel and every task are reset";

    // Tasks 'solo' and 'other', with the given peripheral lines, on `board`. Layout: kernel flash
    // 0x08000000+64K and RAM 0x20000000+16K; solo's windows 0x08010000+16K and
    // 0x20004000+4K, other's 0x08014000+16K and 0x20005000+4K.
    private static string App(string solo, string other = "", string board = "netduinoplus2") => $"""
        name = "t"
        board = "{board}"

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
        {solo}

        [tasks.other]
        project = "Solo.csproj"
        priority = 1
        stack = 1024
        flash = 16384
        ram = 4096
        {other}
        """;

    private static (string Code, string Message)[] Errors(string toml, string? boards = null) =>
        SystemCommand.Build(TestApps.WriteApp(toml, SoloProject), boards ?? TestApps.BoardsDirectory).Diagnostics
            .Select(diagnostic => (diagnostic.Code, diagnostic.Message))
            .ToArray();

    private static string Hint(string peripheral) => $"; to grant it anyway, add '{peripheral}' to the task's trusted-peripherals";

    [Theory]
    [InlineData("rcc", "task 'solo': field 'peripherals': 'rcc' breaks isolation: " + Rcc)]
    [InlineData("dma2", "task 'solo': field 'peripherals': 'dma2' breaks isolation: " + Dma)]
    [InlineData("usart2", "task 'solo': field 'peripherals': 'usart2' is the kernel's console (KeelConsolePeripheral of board 'netduinoplus2'): a task holding it can read and forge what the kernel prints, and stop the kernel, which waits on it")]
    public void Refuses_a_peripheral_that_breaks_isolation(string peripheral, string problem)
    {
        string code = peripheral == "usart2" ? Diagnostic.KernelConsole : Diagnostic.PeripheralBreaksIsolation;

        Assert.Equal(new[] { (code, problem + Hint(peripheral)) }, Errors(App($"peripherals = [\"tim3\", \"{peripheral}\"]")));
    }

    // The board data: every class of peripheral issue 13 names is refused on both
    // boards, and a task trusted with it is granted it.
    [Theory]
    [InlineData("netduinoplus2", "dma1", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("netduinoplus2", "dma2", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("netduinoplus2", "flash", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("netduinoplus2", "rcc", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("netduinoplus2", "syscfg", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("netduinoplus2", "pwr", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("netduinoplus2", "iwdg", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("netduinoplus2", "wwdg", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("netduinoplus2", "exti", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("netduinoplus2", "usart2", Diagnostic.KernelConsole)]
    [InlineData("netduinoplus2", "gpioa", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "dma1", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "dma2", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "flash", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "rcc", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "syscfg", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "pwr", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "iwdg", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "wwdg", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "exti", Diagnostic.PeripheralBreaksIsolation)]
    [InlineData("nucleo-f401re", "usart2", Diagnostic.KernelConsole)]
    [InlineData("nucleo-f401re", "gpioa", Diagnostic.PeripheralBreaksIsolation)]
    public void Board_data_refuses_each_dangerous_peripheral_unless_trusted(string board, string peripheral, string code)
    {
        string toml = App($"peripherals = [\"{peripheral}\"]", board: board);

        var (refusedCode, message) = Assert.Single(Errors(toml));
        Assert.Equal(code, refusedCode);
        Assert.StartsWith($"task 'solo': field 'peripherals': '{peripheral}' ", message);
        Assert.EndsWith(Hint(peripheral), message);
        Assert.Empty(Errors(toml.Replace($"peripherals = [\"{peripheral}\"]", $"peripherals = [\"{peripheral}\"]\ntrusted-peripherals = [\"{peripheral}\"]")));
    }

    // The console's interrupt is the kernel's own: routing it to a task is refused even
    // when the task is trusted with the console's peripheral, and an irq cap on it
    // needs that refused entry (without it, the cap names none of the task's irqs).
    [Theory]
    [InlineData("netduinoplus2")]
    [InlineData("nucleo-f401re")]
    public void Refuses_the_kernel_console_interrupt(string board)
    {
        string other = "peripherals = [\"usart2\"]\ntrusted-peripherals = [\"usart2\"]\n"
            + IrqsAndCap("other", "{ irq = 37, notification = \"n\" }, { irq = 38, notification = \"n\" }", cap: 38);

        Assert.Equal(
            new[] { (Diagnostic.KernelConsole, $"task 'other': irqs[1]: field 'irq': 38 is the kernel's console interrupt (KeelConsoleIrq of board '{board}'): the kernel handles it itself and never delivers it to a task, trusted or not") },
            Errors(App("", other, board)));
        Assert.Equal(
            new[] { (Diagnostic.Malformed, "task 'other': cap 'rx': field 'irq': 38 is not one of the task's irqs (a task may only acknowledge its own interrupts)") },
            Errors(App("", other.Replace(", { irq = 38, notification = \"n\" }", ""), board)));
        Assert.Empty(Errors(App("", other.Replace(", { irq = 38, notification = \"n\" }", "").Replace("irq = 38, rights", "irq = 37, rights"), board)));
    }

    // The FPU's interrupt (STM32F4: IRQ 81) is raised by whichever task's FPSCR is
    // loaded: routed to a task, it is a channel from every other task, so it is refused
    // even to a task trusted with every peripheral it holds.
    [Theory]
    [InlineData("netduinoplus2")]
    [InlineData("nucleo-f401re")]
    public void Refuses_the_FPU_interrupt(string board)
    {
        string listener = IrqsAndCap("other", "{ irq = 37, notification = \"n\" }, { irq = 81, notification = \"n\" }", cap: 37);

        Assert.Equal(
            new[] { (Diagnostic.FpuInterrupt, $"task 'other': irqs[1]: field 'irq': 81 is the FPU's interrupt (KeelFpuIrq of board '{board}'): the chip raises it from the exception flags of whichever task's floating-point registers are loaded, so it would tell this task when tasks it shares nothing with overflow, divide by zero or round; no task may have it, trusted or not") },
            Errors(App("", listener, board)));
        Assert.Empty(Errors(App("", listener.Replace(", { irq = 81, notification = \"n\" }", ""), board)));
    }

    // Which interrupt is the console's is the board's data (board.props KeelConsoleIrq).
    [Fact]
    public void The_console_interrupt_is_the_board_s()
    {
        string toml = App(IrqsAndCap("solo", "{ irq = 5, notification = \"n\" }, { irq = 38, notification = \"n\" }", cap: 5), board: "fake");

        Assert.Equal(
            new[] { (Diagnostic.KernelConsole, "task 'solo': irqs[0]: field 'irq': 5 is the kernel's console interrupt (KeelConsoleIrq of board 'fake'): the kernel handles it itself and never delivers it to a task, trusted or not") },
            Errors(toml, BoardTests.FakeBoards("", props: BoardTests.Props(console: "", consoleIrq: "5"))));
        Assert.Empty(Errors(toml, BoardTests.FakeBoards("", props: BoardTests.Props(console: "", consoleIrq: ""))));
    }

    // The lines of `task` with its `irqs`, an irq cap 'rx' on `cap`, and the
    // notification 'n' they name.
    private static string IrqsAndCap(string task, string irqs, int cap) =>
        $"irqs = [{irqs}]\n[tasks.{task}.caps]\nrx = {{ irq = {cap}, rights = [\"write\"] }}\n[notifications]\nn = {{}}";

    [Fact]
    public void Refuses_a_peripheral_granted_to_two_tasks()
    {
        const string Problem = "a device two tasks share is a channel between them that no capability controls" + "; to grant it anyway, add 'tim2' to the task's trusted-peripherals";

        Assert.Equal(
            new[]
            {
                (Diagnostic.SharedPeripheral, "task 'solo': field 'peripherals': 'tim2' is also granted to task 'other': " + Problem),
                (Diagnostic.SharedPeripheral, "task 'other': field 'peripherals': 'tim2' is also granted to task 'solo': " + Problem),
            },
            Errors(App("peripherals = [\"tim2\"]", "peripherals = [\"tim3\", \"tim2\"]")));
        // Each task that shares it must be trusted with it.
        Assert.Equal(
            new[] { (Diagnostic.SharedPeripheral, "task 'other': field 'peripherals': 'tim2' is also granted to task 'solo': " + Problem) },
            Errors(App("peripherals = [\"tim2\"]\ntrusted-peripherals = [\"tim2\"]", "peripherals = [\"tim2\"]")));
        Assert.Empty(Errors(App("peripherals = [\"tim2\"]\ntrusted-peripherals = [\"tim2\"]", "peripherals = [\"tim2\"]\ntrusted-peripherals = [\"tim2\"]")));
    }

    // Two rules at once: RCC granted to both tasks.
    [Fact]
    public void Reports_every_rule_a_grant_breaks()
    {
        Assert.Equal(
            new[]
            {
                (Diagnostic.PeripheralBreaksIsolation, "task 'solo': field 'peripherals': 'rcc' breaks isolation: " + Rcc + Hint("rcc")),
                (Diagnostic.SharedPeripheral, "task 'solo': field 'peripherals': 'rcc' is also granted to task 'other': a device two tasks share is a channel between them that no capability controls" + Hint("rcc")),
            },
            Errors(App("peripherals = [\"rcc\"]", "peripherals = [\"rcc\"]\ntrusted-peripherals = [\"rcc\"]")));
    }

    [Fact]
    public void Refuses_a_peripheral_over_kernel_or_other_task_memory()
    {
        string boards = BoardTests.FakeBoards("""
            kernel-ram = { base = 0x20003000, size = 0x1000 }
            other-ram = { base = 0x20005000, size = 0x400 }
            other-flash = { base = 0x08014000, size = 0x4000 }
            kernel-flash = { base = 0x08008000, size = 0x8000 }
            solo-ram = { base = 0x20004000, size = 0x1000 }
            kernel-ram-bits = { base = 0x22000000, size = 0x400 }
            """, props: BoardTests.Props(console: ""));
        const string Problem = ": a task holding it reads and writes memory the MPU keeps from it";

        Assert.Equal(
            new[]
            {
                (Diagnostic.OverlapsMemory, "task 'solo': field 'peripherals': 'kernel-ram' (0x20003000-0x20003FFF) overlaps the kernel's RAM window (0x20000000-0x20003FFF)" + Problem + Hint("kernel-ram")),
                (Diagnostic.OverlapsMemory, "task 'solo': field 'peripherals': 'other-ram' (0x20005000-0x200053FF) overlaps the RAM window of task 'other' (0x20005000-0x20005FFF)" + Problem + Hint("other-ram")),
                (Diagnostic.OverlapsMemory, "task 'solo': field 'peripherals': 'other-flash' (0x08014000-0x08017FFF) overlaps the flash window of task 'other' (0x08014000-0x08017FFF)" + Problem + Hint("other-flash")),
                (Diagnostic.OverlapsMemory, "task 'other': field 'peripherals': 'kernel-flash' (0x08008000-0x0800FFFF) overlaps the kernel's flash window (0x08000000-0x0800FFFF)" + Problem + Hint("kernel-flash")),
                (Diagnostic.OverlapsMemory, "task 'other': field 'peripherals': 'solo-ram' (0x20004000-0x20004FFF) overlaps the RAM window of task 'solo' (0x20004000-0x20004FFF)" + Problem + Hint("solo-ram")),
                (Diagnostic.OverlapsMemory, "task 'other': field 'peripherals': 'kernel-ram-bits' (0x22000000-0x220003FF) overlaps the bit-band alias of the kernel's RAM window (0x20000000-0x20003FFF)" + Problem + Hint("kernel-ram-bits")),
            },
            Errors(App("peripherals = [\"kernel-ram\", \"other-ram\", \"other-flash\"]", "peripherals = [\"kernel-flash\", \"solo-ram\", \"kernel-ram-bits\"]", "fake"), boards));
        // A task's own window is not another's memory.
        Assert.Empty(Errors(App("peripherals = [\"solo-ram\"]", board: "fake"), boards));
    }

    // Ranges decide, not names: an entry that covers a dangerous one, or its bit-band
    // alias, breaks isolation as that one does.
    [Fact]
    public void Refuses_a_peripheral_that_covers_a_dangerous_one()
    {
        string boards = BoardTests.FakeBoards($$"""
            apb1 = { base = 0x40000000, size = 0x8000 }
            wwdg = { base = 0x40002C00, size = 0x400, breaks-isolation = "{{Wwdg}}" }
            usart2 = { base = 0x40004400, size = 0x400 }
            rcc = { base = 0x40023800, size = 0x400, breaks-isolation = "{{Rcc}}" }
            rcc-bits = { base = 0x42470000, size = 0x8000 }
            """, props: BoardTests.Props(console: "usart2"));

        Assert.Equal(
            new[]
            {
                (Diagnostic.PeripheralBreaksIsolation, "task 'solo': field 'peripherals': 'apb1' covers 'wwdg', which breaks isolation: " + Wwdg + Hint("apb1")),
                (Diagnostic.KernelConsole, "task 'solo': field 'peripherals': 'apb1' covers 'usart2', which is the kernel's console (KeelConsolePeripheral of board 'fake'): a task holding it can read and forge what the kernel prints, and stop the kernel, which waits on it" + Hint("apb1")),
                (Diagnostic.PeripheralBreaksIsolation, "task 'solo': field 'peripherals': 'rcc-bits' covers the bit-band alias of 'rcc', which breaks isolation: " + Rcc + Hint("rcc-bits")),
            },
            Errors(App("peripherals = [\"apb1\", \"rcc-bits\"]", board: "fake"), boards));
    }

    [Fact]
    public void A_trust_no_rule_needs_is_refused()
    {
        Assert.Equal(
            new[] { (Diagnostic.Malformed, "task 'solo': field 'trusted-peripherals': 'tim2' breaks no isolation rule, so there is nothing to trust the task with: remove it") },
            Errors(App("peripherals = [\"tim2\", \"rcc\"]\ntrusted-peripherals = [\"tim2\", \"rcc\"]")));
    }

    // The trust is visible where reviewers look: layout.txt says what was given up.
    [Fact]
    public void Layout_report_shows_the_trust_and_why()
    {
        var (layout, diagnostics) = TestApps.Build(App("peripherals = [\"tim3\", \"rcc\"]\ntrusted-peripherals = [\"rcc\"]\nplatform-calls = [\"halt\"]"), SoloProject);

        Assert.Empty(diagnostics);
        string report = LayoutReportWriter.Write(layout!);
        Assert.Contains("  7       0x00000017  0x00000000  disabled\n  platform calls: halt\n  trusted: rcc breaks isolation: " + Rcc + "\n\ntask other", report);
        Assert.DoesNotContain("trusted: tim3", report);
    }
}
