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
                lr 0x08000105: kernel, Reset_Handler + 0x5
            PANIC: fault in the kernel
            """, Symboliser.AnnotateTranscript(console));
    }

    [Theory]
    [InlineData("rogue: reading the service's RAM at 0x20005000")]
    [InlineData("supervisor: restarting the rogue (1 of 2)")]
    [InlineData("PANIC: index out of range")]
    public void LinesThatReportNoFaultGetNoNotes(string line) => Assert.Empty(Symboliser.Annotate(line));

    [Fact]
    public void AStackOverflowHasNoPcToResolve()
    {
        // FaultInfo reports a stacking fault with pc 0 and the stack's address.
        string line = "supervisor: rogue faulted: memory access at address 0x20003ff0, pc 0x00000000";
        Assert.Equal(["    address 0x20003ff0: in the RAM of kernel"], Symboliser.Annotate(line));
    }

    // The policy demo's real image and layout (built before these tests run).
    [Fact]
    public void ThePolicyDemosImageResolvesTheRoguesMainAndTheServicesRam()
    {
        var workspace = new Workspace(CliHarness.Root);
        var app = workspace.Application(null, CliHarness.Root);
        var layout = app.Layout(workspace, "netduinoplus2");
        ElfSymbols symbols = ElfSymbols.Load(CliHarness.DemoImage);
        var symboliser = new FaultSymboliser(symbols, FaultSymboliser.Owners(layout));
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
