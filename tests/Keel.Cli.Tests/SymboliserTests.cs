using Keel.Cli;
using Keel.Cli.Faults;

namespace Keel.Cli.Tests;

// Fault reports: ILC's names made readable, address lookup, and notes beneath the
// console lines that report a task fault or a kernel fault, on synthetic symbols and
// console text as the kernel, the port and the demo's supervisor print them.
public class SymboliserTests
{
    [Theory]
    [InlineData("Rogue_Keel_Demo_Rogue_Program__Main", "Keel.Demo.Rogue.Program.Main (Rogue)")]
    [InlineData("Keel_Hal_Keel_Hal_Console__WriteHex", "Keel.Hal.Console.WriteHex (Keel.Hal)")]
    [InlineData("Keel_CoreLib_System_Math__DivUInt32", "System.Math.DivUInt32 (Keel.CoreLib)")]
    [InlineData("Keel_CoreLib_Internal_Runtime_CompilerHelpers_ThrowHelpers__ThrowIndexOutOfRangeException",
        "Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowIndexOutOfRangeException (Keel.CoreLib)")]
    [InlineData("Acme_Sensors_Filter__get_Value", "Acme.Sensors.Filter.get_Value")]
    [InlineData("HardFault_Handler", "HardFault_Handler")]
    [InlineData("keel_task_main", "keel_task_main")]
    public void ManagedNamesReadAsCSharp(string symbol, string readable) => Assert.Equal(readable, ManagedNames.Readable(symbol));

    // A user's application (the keel-app template) roots its namespaces at its name.
    [Fact]
    public void AnApplicationsOwnNamespaceEndsTheAssemblyName()
    {
        Assert.Equal("Client.Orchard.Client.Program.Main", ManagedNames.Readable("Client_Orchard_Client_Program__Main"));
        Assert.Equal("Orchard.Client.Program.Main (Client)", ManagedNames.Readable("Client_Orchard_Client_Program__Main", ["Orchard"]));
        Assert.Equal("Keel.Demo.Rogue.Program.Main (Rogue)", ManagedNames.Readable("Rogue_Keel_Demo_Rogue_Program__Main", ["Orchard"]));
    }

    private static readonly ElfSymbols Symbols = new(
    [
        new ElfSymbol("Reset_Handler", 0x0800_0100, 0x20),
        new ElfSymbol("Keel_Port_Keel_Port_KernelPort__OnSyscall", 0x0800_0200, 0x100),
        new ElfSymbol("Rogue_Keel_Demo_Rogue_Program__Main", 0x0801_0040, 0x80),
        new ElfSymbol("_fram0Rogue_Keel_Demo_Rogue_Program__Main", 0x0801_0040, 0x80),
        new ElfSymbol("keel_task_main", 0x0801_0040, 0),
        new ElfSymbol("Service_Keel_Demo_Service_Program__s_count", 0x2000_5010, 4),
    ]);

    private static readonly MemoryOwner[] Owners =
    [
        new MemoryOwner("kernel", 0x0800_0000, 0x1_0000, 0x2000_0000, 0x4000),
        new MemoryOwner("task rogue", 0x0801_0000, 0x4000, 0x2000_4000, 0x1000),
        new MemoryOwner("task service", 0x0801_4000, 0x4000, 0x2000_5000, 0x1000),
    ];

    private static readonly FaultSymboliser Symboliser = new(Symbols, Owners);

    [Fact]
    public void AnAddressIsFoundInsideItsSymbolAndNotPastItsEnd()
    {
        Assert.Equal(("Rogue_Keel_Demo_Rogue_Program__Main", 0x10u), Symbols.Find(0x0801_0050) is var (s, o) ? (s.Name, o) : default);
        Assert.Equal(("Reset_Handler", 0u), Symbols.Find(0x0800_0100) is var (s2, o2) ? (s2.Name, o2) : default);
        Assert.Null(Symbols.Find(0x0800_0120));
        Assert.Null(Symbols.Find(0x0800_0000));
    }

    [Fact]
    public void ASupervisorsFaultLineGetsTheTaskMethodAndOffsetAndWhoseMemoryWasTouched()
    {
        string line = "supervisor: rogue faulted: memory access at address 0x20005010, pc 0x0801005e";
        Assert.Equal(
        [
            "    address 0x20005010: in the RAM of task service, Keel.Demo.Service.Program.s_count (Service) + 0x0",
            "    pc 0x0801005e: task rogue, Keel.Demo.Rogue.Program.Main (Rogue) + 0x1e",
        ], Symboliser.Annotate(line));
    }

    [Fact]
    public void TheKernelsLineForATaskWithoutAFaultHandlerIsAnnotated()
    {
        string line = "keel: task rogue faulted (memory access) at pc 0x08010042, address 0x20006000, and has no fault handler: suspended";
        Assert.Equal(
        [
            "    pc 0x08010042: task rogue, Keel.Demo.Rogue.Program.Main (Rogue) + 0x2",
            "    address 0x20006000: outside every window of the layout",
        ], Symboliser.Annotate(line));
    }

    [Fact]
    public void AKernelFaultReportGetsItsPcAndTheCallerInLr()
    {
        string console = """
            kernel fault: memory access at pc 0x08000210, address 0x00000004, status 0x00000082
              r0 0x00000000 r1 0x00000001 r2 0x00000002 r3 0x00000003 r12 0x00000000
              lr 0x08000105 xpsr 0x21000000 sp 0x20003f00 hfsr 0x00000000 exc_return 0xfffffff9
            PANIC: fault in the kernel
            """;
        Assert.Equal("""
            kernel fault: memory access at pc 0x08000210, address 0x00000004, status 0x00000082
                pc 0x08000210: kernel, Keel.Port.KernelPort.OnSyscall (Keel.Port) + 0x10
                address 0x00000004: outside every window of the layout
              r0 0x00000000 r1 0x00000001 r2 0x00000002 r3 0x00000003 r12 0x00000000
              lr 0x08000105 xpsr 0x21000000 sp 0x20003f00 hfsr 0x00000000 exc_return 0xfffffff9
                lr 0x08000105: kernel, Reset_Handler + 0x4
            PANIC: fault in the kernel
            """, Symboliser.AnnotateTranscript(console));
    }

    // A failed check's panic, printed by the task or the kernel with the return address
    // into the method that made it: the note names that method, and its line (the
    // call's, so the address before the return address is looked up).
    [Theory]
    [InlineData("PANIC: index out of range, caller 0x0801005b", "    caller 0x0801005b: task rogue, Keel.Demo.Rogue.Program.Main (Rogue) + 0x1a, tasks/x/Program.cs:89")]
    [InlineData("PANIC: arithmetic overflow, caller 0x08000221", "    caller 0x08000221: kernel, Keel.Port.KernelPort.OnSyscall (Keel.Port) + 0x20, tasks/x/Program.cs:31")]
    public void APanicsCallerNamesTheMethodAndLineOfTheFailedCheck(string line, string note)
    {
        var lines = new FakeSourceLines();
        Assert.Equal([note], new FaultSymboliser(Symbols, Owners, lines).Annotate(line));
    }

    [Theory]
    [InlineData("rogue: reading the service's RAM at 0x20005000")]
    [InlineData("supervisor: restarting the rogue (1 of 2)")]
    [InlineData("PANIC: index out of range")]
    public void LinesThatReportNoFaultGetNoNotes(string line) => Assert.Empty(Symboliser.Annotate(line));

    private static readonly MemoryOwner[] OwnersWithStacks =
    [
        new MemoryOwner("kernel", 0x0800_0000, 0x1_0000, 0x2000_0000, 0x4000, new StackSetting(2048, "[kernel]", "app.toml(12,1)")),
        new MemoryOwner("task logger", 0x0801_0000, 0x4000, 0x2000_4000, 0x1000, new StackSetting(1024, "[tasks.logger]", "app.toml(17,1)")),
        new MemoryOwner("task sensor", 0x0801_4000, 0x4000, 0x2000_5000, 0x1000, new StackSetting(1024, "[tasks.sensor]", "app.toml(25,1)")),
        new MemoryOwner("task big", 0x0801_8000, 0x4000, 0x2000_6000, 0x1000, new StackSetting(2048, "[tasks.big]", "app.toml(33,1)")),
    ];

    // Source lines as a fake DWARF: every address is on line (address & 0xff) of its file,
    // and the addresses asked are kept.
    private sealed class FakeSourceLines : ISourceLines
    {
        public List<uint> Asked { get; } = [];

        public string? Find(uint address)
        {
            Asked.Add(address);
            return $"tasks/x/Program.cs:{address & 0xff}";
        }
    }

    // The stack pointer of an overflow lies below the task's RAM, in the logger's: the
    // note blames the sensor, whose stack it was, and says what to raise.
    [Theory]
    [InlineData("supervisor: sensor faulted: stack overflow at address 0x20004fc8, pc 0x00000000")]
    [InlineData("keel: task sensor faulted (stack overflow) at pc 0x00000000, caller 0x00000000, address 0x20004fc8, and has no fault handler: suspended")]
    public void AStackOverflowBlamesTheTaskWhoseStackItWasNotItsNeighbour(string line)
    {
        var symboliser = new FaultSymboliser(Symbols, OwnersWithStacks);
        Assert.Equal(
            ["    address 0x20004fc8: the stack pointer of task sensor when its 1024-byte stack overflowed (stack = 1024 in [tasks.sensor], app.toml(25,1)): try stack = 2048"],
            symboliser.Annotate(line));
    }

    [Fact]
    public void AStackThatWouldFillItsWindowAsksForALargerWindowToo()
    {
        var symboliser = new FaultSymboliser(Symbols, OwnersWithStacks);
        Assert.Equal(
            ["    address 0x20005ff0: the stack pointer of task big when its 2048-byte stack overflowed (stack = 2048 in [tasks.big], app.toml(33,1)): try stack = 4096 and ram = 8192"],
            symboliser.Annotate("supervisor: big faulted: stack overflow at address 0x20005ff0, pc 0x00000000"));
    }

    [Fact]
    public void TheKernelsStackOverflowPointsAtTheKernelsStack()
    {
        var symboliser = new FaultSymboliser(Symbols, OwnersWithStacks);
        Assert.Equal(
            ["    address 0x20000010: the stack pointer of the kernel when its 2048-byte stack overflowed (stack = 2048 in [kernel], app.toml(12,1)): try stack = 4096"],
            symboliser.Annotate("kernel stack overflow: stack overflow at pc 0x00000000, address 0x20000010, status 0x00000010"));
    }

    // A fault of a task the layout does not name (a badge name of the handler's own)
    // gets the plain description of the address.
    [Fact]
    public void AStackOverflowOfAnUnknownNameDescribesTheAddress()
    {
        var symboliser = new FaultSymboliser(Symbols, OwnersWithStacks);
        Assert.Equal(["    address 0x20004fc8: in the RAM of task logger"],
            symboliser.Annotate("supervisor: worker-3 faulted: stack overflow at address 0x20004fc8, pc 0x00000000"));
    }

    // The pc's line is the pc's; a return address (caller, lr) is the instruction after
    // the call, so its line is asked for one byte back, inside the call.
    [Fact]
    public void CodeAddressesGetTheirFileAndLineAndReturnAddressesTheirCallsLine()
    {
        var lines = new FakeSourceLines();
        var symboliser = new FaultSymboliser(Symbols, Owners, lines);
        Assert.Equal(
        [
            "    pc 0x08010042: task rogue, Keel.Demo.Rogue.Program.Main (Rogue) + 0x2, tasks/x/Program.cs:66",
            "    caller 0x08010051: task rogue, Keel.Demo.Rogue.Program.Main (Rogue) + 0x10, tasks/x/Program.cs:79",
            "    address 0x20006000: outside every window of the layout",
        ], symboliser.Annotate("keel: task rogue faulted (memory access) at pc 0x08010042, caller 0x08010051, address 0x20006000, and has no fault handler: suspended"));
        Assert.Equal([0x0801_0042u, 0x0801_004Fu], lines.Asked);
    }

    [Theory]
    [InlineData("/src/keel/tasks/x/Program.cs:21", "tasks/x/Program.cs:21")]
    [InlineData("/src/keel/tasks/x/Program.cs:21 (discriminator 2)", "tasks/x/Program.cs:21")]
    [InlineData("/elsewhere/Program.cs:7", "/elsewhere/Program.cs:7")]
    [InlineData("??:0", null)]
    [InlineData("??:?", null)]
    [InlineData("/src/keel/tasks/x/Program.cs:0", null)]
    public void Addr2LinesAnswersReadRelativeToTheTree(string output, string? readable) =>
        Assert.Equal(readable, Addr2Line.Readable(output, "/src/keel"));

    // The policy demo's real image and layout (built before these tests run).
    [Fact]
    public void ThePolicyDemosImageResolvesTheRoguesMainAndTheServicesRam()
    {
        var layout = CliHarness.Layout(Workspace.DefaultApplication);
        ElfSymbols symbols = ElfSymbols.Load(CliHarness.DemoImage);
        var symboliser = new FaultSymboliser(symbols, FaultSymboliser.Owners(layout, CliHarness.Root));
        uint main = CliHarness.SymbolAddress("Rogue_Keel_Demo_Rogue_Program__Main");
        uint derive = CliHarness.SymbolAddress("Keel_Kernel_Keel_Kernel_CSpace__Derive");
        long serviceRam = layout.Tasks.Single(t => t.Task.Name == "service").Ram.Base;

        Assert.Equal(
        [
            $"    address 0x{serviceRam:x8}: in the RAM of task service",
            $"    pc 0x{main + 0x20:x8}: task rogue, Keel.Demo.Rogue.Program.Main (Rogue) + 0x20",
        ], symboliser.Annotate($"supervisor: rogue faulted: memory access at address 0x{serviceRam:x8}, pc 0x{main + 0x20:x8}"));
        Assert.Equal(
            [$"    pc 0x{derive + 4:x8}: kernel, Keel.Kernel.CSpace.Derive (Keel.Kernel) + 0x4"],
            symboliser.Annotate($"kernel fault: memory access at pc 0x{derive + 4:x8}, address 0xe000ed28, status 0x00000001").Take(1));
    }
}
