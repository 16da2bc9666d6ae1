// The generator on the sample app (SampleApp/demo.toml): its output must equal the
// reviewed files in Expected/ byte for byte. Expected/SystemTables.g.cs and
// Expected/supervisor/Caps.g.cs are compiled into this assembly, so the assertions on
// Keel.Firmware.Boot.SystemTables below read the very tables the kernel would get, and
// check their values against the layout worked out by hand.
using Keel.BuildTool.SystemDescription;
using Keel.Firmware.Boot;

namespace Keel.Build.Tests;

public class SampleAppTests
{
    public static TheoryData<string> GeneratedFileNames => new()
    {
        GeneratedFiles.LinkerScript,
        GeneratedFiles.TaskSections,
        GeneratedFiles.TaskProjects,
        GeneratedFiles.SystemTables,
        GeneratedFiles.LayoutReport,
        Path.Combine("supervisor", GeneratedFiles.TaskCaps),
        Path.Combine("uart-driver", GeneratedFiles.TaskCaps),
        Path.Combine("worker", GeneratedFiles.TaskCaps),
    };

    [Theory]
    [MemberData(nameof(GeneratedFileNames))]
    public void Generated_file_matches_the_reviewed_one(string relativePath)
    {
        var (layout, diagnostics) = SystemCommand.Build(TestApps.WriteSampleApp(), TestApps.BoardsDirectory);

        Assert.Empty(diagnostics);
        string generated = GeneratedFiles.All(layout!).Single(file => file.RelativePath == relativePath).Content;
        Assert.Equal(File.ReadAllText(Path.Combine(TestApps.ExpectedFolder, relativePath)), generated);
    }

    [Fact]
    public void Command_writes_every_file_and_exits_0()
    {
        string output = Directory.CreateTempSubdirectory("keel-out-").FullName;

        int status = SystemCommand.Run(new SystemArguments(TestApps.WriteSampleApp(), output, null, []));

        Assert.Equal(0, status);
        foreach (string relativePath in GeneratedFileNames)
            Assert.True(File.Exists(Path.Combine(output, relativePath)), relativePath);
    }

    [Fact]
    public void Tasks_are_packed_largest_first_after_the_kernel()
    {
        // Flash: kernel 0x08000000+64K; worker 32K at 0x08010000, supervisor 16K at
        // 0x08018000, uart-driver 8K at 0x0801C000: no padding.
        // RAM: kernel 0x20000000+16K; worker 32K must start at a 32K multiple, so
        // 0x20008000 (16K of padding), supervisor 4K at 0x20010000, uart-driver 2K at 0x20011000.
        Assert.Equal(
            new[] { (0x0801_8000u, 0x2001_0000u), (0x0801_C000u, 0x2001_1000u), (0x0801_0000u, 0x2000_8000u) },
            SystemTables.Tasks.Select(task => (task.FlashBase, task.RamBase)));
        var (layout, _) = SystemCommand.Build(TestApps.WriteSampleApp(), TestApps.BoardsDirectory);
        Assert.Equal(0, layout!.FlashPadding);
        Assert.Equal(16384, layout.RamPadding);
    }

    [Fact]
    public void Tables_hold_the_description()
    {
        Assert.Equal(3, SystemTables.TaskCount);
        Assert.Equal(3, SystemTables.EndpointCount);
        Assert.Equal(2, SystemTables.NotificationCount);
        Assert.Equal(8 + 8 + 12, SystemTables.TotalCapSlots);
        Assert.Equal(82, SystemTables.IrqCount);
        Assert.Equal(1000u, SystemTables.TickHz);
        Assert.Equal(10u, SystemTables.TimeSliceTicks);
        Assert.Equal("uart-driver", SystemTables.TaskName(SystemTables.TaskUartDriver));
        Assert.Equal("?", SystemTables.TaskName(3));

        var uartDriver = SystemTables.Tasks[SystemTables.TaskUartDriver];
        Assert.Equal((8192u, 2048u, 512u, (byte)1), (uartDriver.FlashSize, uartDriver.RamSize, uartDriver.StackSize, uartDriver.Priority));
        Assert.Equal((8, 8, 4, 3), (uartDriver.FirstRegion, uartDriver.RegionCount, uartDriver.FirstCap, uartDriver.CapCount));

        // Faults go to endpoint 'faults' (index 2): uart-driver's with its fault-badge 2,
        // the worker's with the smallest badge free there, 1; the supervisor has no handler.
        Assert.Equal(new[] { (-1, 0u), (2, 2u), (2, 1u) }, SystemTables.Tasks.Select(task => (task.FaultEndpoint, task.FaultBadge)));
        Assert.Equal((2u, 1u), (Keel.Tasks.FaultBadges.UartDriver, Keel.Tasks.FaultBadges.Worker));

        // CNodes follow each other in the slot pool: supervisor and uart-driver have the
        // default 8 slots, worker declares 12.
        Assert.Equal(
            new[] { (0, 8), (8, 8), (16, 12) },
            SystemTables.Tasks.Select(task => (task.FirstSlot, task.SlotCount)));

        // uart-driver's cap 'service': endpoint 'service' (index 1), read = 0b0001, unbadged.
        var service = SystemTables.Caps[uartDriver.FirstCap];
        Assert.Equal(((byte)1, (ushort)1, 1u, (byte)0b0001, 0u), (service.Kind, service.Object, service.Slot, service.Rights, service.Badge));

        // uart-driver's cap 'rx-irq': IrqHandler (5) for interrupt 37, write = 0b0010, unbadged.
        var rxIrq = SystemTables.Caps[uartDriver.FirstCap + 2];
        Assert.Equal(((byte)5, (ushort)37, 3u, (byte)0b0010, 0u), (rxIrq.Kind, rxIrq.Object, rxIrq.Slot, rxIrq.Rights, rxIrq.Badge));

        // supervisor's cap 'worker': Thread (4) of task 2, write, unbadged.
        var worker = SystemTables.Caps[SystemTables.Tasks[SystemTables.TaskSupervisor].FirstCap + 3];
        Assert.Equal(((byte)4, (ushort)SystemTables.TaskWorker, 4u, (byte)0b0010, 0u), (worker.Kind, worker.Object, worker.Slot, worker.Rights, worker.Badge));

        var irq = Assert.Single(SystemTables.Irqs);
        Assert.Equal((37, SystemTables.TaskUartDriver, (ushort)1, 1u), (irq.Irq, irq.Task, irq.Notification, irq.Badge));
        Assert.Equal(3u, Keel.Tasks.Caps.Tick);

        // 'timer' (notification 0) every 100 ticks with the default badge 1.
        Assert.Equal(1, SystemTables.TickSignalCount);
        var tick = Assert.Single(SystemTables.TickSignals);
        Assert.Equal(((ushort)0, 1u, 100u), (tick.Notification, tick.Badge, tick.EveryTicks));

        // uart-driver is bound to 'uart' (notification 1); the others to none.
        Assert.Equal(new[] { -1, 1, -1 }, SystemTables.Tasks.Select(task => task.BoundNotification));
        Assert.True(SystemTables.UnprivilegedIrqTrigger);
        Assert.True(SystemTables.DebugInvariants);

        // supervisor may Halt (0x101, bit 1) and CheckInvariants (0x104, bit 4); the
        // others no platform call beyond every task's DebugWrite and Exit.
        Assert.Equal(new[] { 0b1_0010u, 0u, 0u }, SystemTables.Tasks.Select(task => task.PlatformCalls));
    }

    // Each platform call is its own bit, number 0x100 + n at bit n, whatever the order
    // the description lists them in.
    [Fact]
    public void Platform_call_mask_has_one_bit_per_call()
    {
        string toml = TestApps.SampleAppToml.Replace("platform-calls = [\"halt\", \"check-invariants\"]", "platform-calls = [\"digest\", \"fastpath-count\", \"halt\"]");
        var (layout, diagnostics) = SystemCommand.Build(TestApps.WriteSampleApp(toml), TestApps.BoardsDirectory);

        Assert.Empty(diagnostics);
        Assert.Contains("SlotCount = 8, PlatformCalls = 0x2A }, // supervisor", GeneratedFiles.All(layout!).Single(file => file.RelativePath == GeneratedFiles.SystemTables).Content);
    }

    // Without `every-ticks`, `bound-notification`, `unprivileged-irq-trigger`,
    // `debug-invariants` and `platform-calls` the tables hold no tick signal, no
    // binding, cleared flags and no platform call.
    [Fact]
    public void Tick_signals_bindings_irq_trigger_invariant_checks_and_platform_calls_are_off_by_default()
    {
        string toml = TestApps.SampleAppToml
            .Replace("timer = { every-ticks = 100 }", "timer = {}")
            .Replace("bound-notification = \"uart\"\n", "")
            .Replace("unprivileged-irq-trigger = true\n", "")
            .Replace("debug-invariants = true\n", "")
            .Replace("platform-calls = [\"halt\", \"check-invariants\"]\n", "");
        var (layout, diagnostics) = SystemCommand.Build(TestApps.WriteSampleApp(toml), TestApps.BoardsDirectory);

        Assert.Empty(diagnostics);
        Assert.Equal(
            File.ReadAllText(Path.Combine(TestApps.ExpectedFolder, GeneratedFiles.SystemTables))
                .Replace("TickSignalCount = 1;", "TickSignalCount = 0;")
                .Replace("UnprivilegedIrqTrigger = true;", "UnprivilegedIrqTrigger = false;")
                .Replace("DebugInvariants = true;", "DebugInvariants = false;")
                .Replace("BoundNotification = 1,", "BoundNotification = -1,")
                .Replace("PlatformCalls = 0x12", "PlatformCalls = 0x0")
                .Replace("            new TickSignalConfig { Notification = 0, Badge = 1, EveryTicks = 100 }, // notification 'timer'\n", ""),
            GeneratedFiles.All(layout!).Single(file => file.RelativePath == GeneratedFiles.SystemTables).Content);
    }

    // Expected/supervisor/Caps.g.cs is compiled here: its constants must be the tables'.
    [Fact]
    public void Task_constants_agree_with_the_tables()
    {
        var supervisor = SystemTables.Tasks[SystemTables.TaskSupervisor];
        Assert.Equal(Keel.Tasks.Caps.SlotCount, (uint)supervisor.SlotCount);
        Assert.Equal(Keel.Tasks.Caps.FirstFreeSlot, (uint)supervisor.CapCount + 1);
        Assert.Equal(SystemTables.TaskSupervisor, Keel.Tasks.Layout.SelfIndex);
        Assert.Equal(SystemTables.TaskWorker, Keel.Tasks.Layout.WorkerIndex);

        var worker = SystemTables.Tasks[Keel.Tasks.Layout.WorkerIndex];
        Assert.Equal(
            (worker.FlashBase, worker.FlashSize, worker.RamBase, worker.RamSize, worker.StackSize),
            (Keel.Tasks.Layout.WorkerFlashBase, Keel.Tasks.Layout.WorkerFlashSize, Keel.Tasks.Layout.WorkerRamBase, Keel.Tasks.Layout.WorkerRamSize, Keel.Tasks.Layout.WorkerStackSize));
        Assert.Equal(
            (0x0800_0000u, 65536u, 0x2000_0000u, 16384u),
            (Keel.Tasks.Layout.KernelFlashBase, Keel.Tasks.Layout.KernelFlashSize, Keel.Tasks.Layout.KernelRamBase, Keel.Tasks.Layout.KernelRamSize));
    }

    // The same description on another board: only the board (its name in the banners,
    // its interrupt count) changes; the layout is the description's.
    [Fact]
    public void Board_option_builds_the_same_system_for_another_board()
    {
        var (layout, diagnostics) = SystemCommand.Build(TestApps.WriteSampleApp(), TestApps.BoardsDirectory, "nucleo-f401re");

        Assert.Empty(diagnostics);
        var files = GeneratedFiles.All(layout!).ToDictionary(file => file.RelativePath, file => file.Content);
        Assert.Equal(
            File.ReadAllText(Path.Combine(TestApps.ExpectedFolder, GeneratedFiles.LinkerScript)).Replace("board 'netduinoplus2'", "board 'nucleo-f401re'"),
            files[GeneratedFiles.LinkerScript]);
        Assert.Equal(
            File.ReadAllText(Path.Combine(TestApps.ExpectedFolder, GeneratedFiles.SystemTables))
                .Replace("board 'netduinoplus2'", "board 'nucleo-f401re'")
                .Replace("IrqCount = 82;", "IrqCount = 85;"),
            files[GeneratedFiles.SystemTables]);
    }

    [Fact]
    public void Regions_are_flash_ram_peripherals_then_disabled()
    {
        var regions = SystemTables.Regions.Skip(SystemTables.Tasks[SystemTables.TaskUartDriver].FirstRegion).Take(8).ToArray();

        // 0: flash 8K at 0x0801C000, region 0: AP=110 0x06000000, C 0x20000, SIZE 12<<1=0x18, EN → 0x06020019
        Assert.Equal((0x0801_C010u, 0x0602_0019u), (regions[0].Rbar, regions[0].Rasr));
        // 1: RAM 2K at 0x20011000, region 1: XN|AP=011|TEX=1,S,C,B 0x130F0000, SIZE 10<<1=0x14, EN → 0x130F0015
        Assert.Equal((0x2001_1011u, 0x130F_0015u), (regions[1].Rbar, regions[1].Rasr));
        // 2: usart1 1K at 0x40011000: XN|AP=011, strongly-ordered (TEX, S, C, B all 0) 0x13000000,
        // SIZE 9<<1=0x12, EN → 0x13000013
        Assert.Equal((0x4001_1012u, 0x1300_0013u), (regions[2].Rbar, regions[2].Rasr));
        // 3: gpiob 1K at 0x40020400, region 3
        Assert.Equal((0x4002_0413u, 0x1300_0013u), (regions[3].Rbar, regions[3].Rasr));
        // 4..7: disabled (VALID|n, RASR 0)
        Assert.Equal(new[] { (0x14u, 0u), (0x15u, 0u), (0x16u, 0u), (0x17u, 0u) }, regions[4..].Select(region => (region.Rbar, region.Rasr)));
    }
}
