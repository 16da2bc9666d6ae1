using Keel.BuildTool;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The image build's refusals: code that allocates, a missing cross toolchain, an
// unknown board. Each must fail the build with a message that says what to do.
// Builds the fixture tests/images/allocating (kept out of Firmware.sln because it must
// not build); the tests share it, so they run one after another in this class.
[Collection(DotnetBuildCollection.Name)]
public class ImageBuildTests
{
    private static readonly string AllocatingProject = Path.Combine(Repository.Root, "tests", "images", "allocating", "Allocating.csproj");
    private static readonly string DoublePrecisionProject = Path.Combine(Repository.Root, "tests", "images", "double-precision", "DoublePrecision.csproj");
    private static readonly string IlcFailureProject = Path.Combine(Repository.Root, "tests", "images", "ilc-failure", "IlcFailure.csproj");
    private static readonly string UnsupportedCSharpProject = Path.Combine(Repository.Root, "tests", "images", "unsupported-csharp", "UnsupportedCSharp.csproj");

    [Fact]
    public void AnImageThatAllocatesFailsToBuildNamingEachAllocatingMethod()
    {
        (int exitCode, string output) = DotnetBuild.Run(AllocatingProject);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error KEEL0001: firmware code may not allocate: Keel.Tests.Images.Allocations.MakeNode (in allocating) makes a `new` of a class", output);
        Assert.Contains("error KEEL0001: firmware code may not allocate: Keel.Tests.Images.Allocations.MakeBuffer (in allocating) makes an array created at run time", output);
        Assert.Contains("error KEEL0001: firmware code may not allocate: Keel.Tests.Images.Allocations.Box (in allocating) makes a boxing conversion", output);
        Assert.DoesNotContain("undefined reference", output);
    }

    // The firmware analyzer in a real build, as a user sees it: each construct refused
    // at its file and line, with what to write instead, before ILC runs. The compiler's
    // own errors (no String.Format; System.Exception's KEEL1102) stay beside them.
    [Fact]
    public void CSharpTheCoreLibraryCannotServeFailsAtItsSourceLine()
    {
        (int exitCode, string output) = DotnetBuild.Run(UnsupportedCSharpProject);

        Assert.NotEqual(0, exitCode);
        string program = Path.Combine("tests", "images", "unsupported-csharp", "Program.cs");
        Assert.Contains($"{program}(2,1): error KEEL1009: LINQ allocates", output);
        Assert.Contains($"{program}(16,31): error KEEL1005: this interpolated string becomes a string, built at run time", output);
        Assert.Contains($"{program}(17,31): error KEEL1004: `+` on strings builds a new string at run time", output);
        Assert.Contains($"{program}(19,17): error KEEL1010: firmware has no exceptions", output);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(program)}\(19,\d+\): error KEEL1102: 'Exception' is obsolete: 'firmware has no exceptions", output);
        Assert.Contains($"{program}(20,13): error KEEL1012: `double` is double precision", output);
        Assert.DoesNotContain("ILC ->", output);
    }

    // ILC failing on a method (here a [MethodImpl(Synchronized)] one: the core library
    // has no lock) is reported as the method and ILC's own reason, with what to do, never as a bare
    // failed command.
    [Fact]
    public void AMethodIlcCannotCompileIsNamedWithIlcsReason()
    {
        (int exitCode, string output) = DotnetBuild.Run(IlcFailureProject);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error KEEL0004: ILC could not compile Keel.Tests.Images.Counter.Next() (in ilc-failure): Expected type 'Internal.Runtime.CompilerHelpers.SynchronizedMethodHelpers' not found in module 'Keel.CoreLib'", output);
        Assert.Contains("the core library (Keel.CoreLib) lacks what this method needs", output);
        Assert.DoesNotContain("MSB3073", output);
        Assert.DoesNotContain("EXEC : error", output);
    }

    // The backstop of KEEL1012 (switched off in that image): ILC's double-precision
    // instructions are found in its object and the image is not linked.
    [Fact]
    public void AnImageThatComputesInDoubleFailsToBuildNamingTheMethod()
    {
        (int exitCode, string output) = DotnetBuild.Run(DoublePrecisionProject);

        Assert.NotEqual(0, exitCode);
        Assert.Matches(@"error KEEL0003: firmware code may not use double precision: Keel\.Tests\.Images\.Doubles\.Half \(in double-precision\) executes `v[a-z]+\.f64", output);
        Assert.Contains("error KEEL0003: double-precision was not linked", output);
    }

    [Fact]
    public void TheDoublePrecisionScanFindsF64InstructionsButNotDoubleRegisterMoves()
    {
        const string disassembly = """
            00000100 <app_Ns_Type__Saves>:
             100:	vpush	{d8-d15}
             104:	vldr	d0, [r0]
             108:	vadd.f32	s0, s0, s1
            00000200 <app_Ns_Type__Converts>:
             200:	vcvt.f64.u32	d16, s0
             204:	vadd.f64	d16, d16, d17
            00000300 <app_Ns_Type__Narrows>:
             300:	vcvt.f32.f64	s0, d16
            """;
        IReadOnlyList<DoublePrecisionCheck.Use> found = DoublePrecisionCheck.Find(disassembly, ["app"]);

        Assert.Equal(
            [new("Ns.Type.Converts (in app)", "vcvt.f64.u32 d16, s0"), new("Ns.Type.Narrows (in app)", "vcvt.f32.f64 s0, d16")],
            found);
    }

    [Fact]
    public void AMissingCrossToolchainFailsWithTheAptCommandThatInstallsIt()
    {
        (int exitCode, string output) = DotnetBuild.Run(AllocatingProject, "-p:KeelToolPrefix=missing-toolchain-");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("was not found on PATH. Install it with: sudo apt-get install -y gcc-arm-none-eabi binutils-arm-none-eabi", output);
    }

    [Fact]
    public void AnUnknownBoardFailsNamingTheKnownBoards()
    {
        (int exitCode, string output) = DotnetBuild.Run(AllocatingProject, "-p:KeelBoard=no-such-board");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Unknown board 'no-such-board' (KeelBoard)", output);
        Assert.Contains("netduinoplus2", output);
        Assert.Contains("nucleo-f401re", output);
    }

    [Fact]
    public void DemangleTurnsIlcSymbolsBackIntoMethodNames()
    {
        string[] assemblies = ["Keel.CoreLib", "Keel.Hal", "hello"];
        Assert.Equal("Keel.Hal.Console.WriteHex (in Keel.Hal)", Disassembly.Demangle("Keel_Hal_Keel_Hal_Console__WriteHex", assemblies));
        Assert.Equal("System.Math.DivInt32 (in Keel.CoreLib)", Disassembly.Demangle("Keel_CoreLib_System_Math__DivInt32", assemblies));
        Assert.Equal("unrelated_symbol", Disassembly.Demangle("unrelated_symbol", assemblies));
        Assert.Equal("Ns.Type.Method (in double-precision)", Disassembly.Demangle("double_precision_Ns_Type__Method", ["double-precision"]));
    }

    [Fact]
    public void TheAllocationScanIgnoresThunksAndOtherHelpers()
    {
        const string disassembly = """
            00000100 <app_Ns_Type__Fine>:
             100:	movw	r3, #0
            			100: R_ARM_THM_MOVW_PREL_NC	RhpAssignRef$thunk
            00000200 <RhpNewFast$thunk>:
             200:	ldr	pc, [pc]
            			200: R_ARM_ABS32	RhpNewFast
            00000300 <app_Ns_Type__Allocates>:
             300:	movw	r3, #0
            			300: R_ARM_THM_MOVW_PREL_NC	RhpNewFast$thunk
            """;
        IReadOnlyList<AllocationCheck.Allocation> found = AllocationCheck.Find(disassembly, ["app"]);

        AllocationCheck.Allocation only = Assert.Single(found);
        Assert.Equal("Ns.Type.Allocates (in app)", only.Method);
        Assert.Equal("a `new` of a class", only.Kind);
    }

    [Fact]
    public void TheSizeReportPlacesSectionsByWhereTheyRunAndWhereTheyLoad()
    {
        // The policy demo's ELF: the kernel's .data is unpacked into RAM at start from
        // its packed image in flash (DataPacking); a task's data is copied to RAM at its
        // start; the task-image table is writable for ld but runs where it is loaded,
        // in flash.
        var sections = SizeReport.ReadSections(File.ReadAllBytes(Repository.Image("firmware/policy-demo", "policy-demo")));

        SizeReport.Section data = Assert.Single(sections, s => s.Name == ".data");
        Assert.True(!data.InFlash && data.InRam);
        SizeReport.Section packedData = Assert.Single(sections, s => s.Name == ".keel_data_image");
        Assert.True(packedData.InFlash && !packedData.InRam);
        SizeReport.Section taskData = Assert.Single(sections, s => s.Name == ".task_alice_data");
        Assert.True(taskData.InFlash && taskData.InRam);
        SizeReport.Section table = Assert.Single(sections, s => s.Name == ".keel_task_images");
        Assert.True(table.InFlash && !table.InRam);
        SizeReport.Section bss = Assert.Single(sections, s => s.Name == ".bss");
        Assert.True(!bss.InFlash && bss.InRam);
    }

    [Fact]
    public void TheSizeReportCountsDataInBothFlashAndRam()
    {
        SizeReport.Section[] sections =
        [
            new(".text", 0x08000000, 1000, InFlash: true, InRam: false),
            new(".data", 0x20000000, 100, InFlash: true, InRam: true),
            new(".bss", 0x20000064, 20, InFlash: false, InRam: true),
            new(".stack", 0x20000078, 4000, InFlash: false, InRam: true),
        ];
        string report = SizeReport.Format("x.elf", sections, flashBytes: 2000, ramBytes: 8000);

        Assert.Contains("flash: 1100 of 2000 bytes (55.0%)", report);
        Assert.Contains("RAM:   120 of 8000 bytes (1.5%), main stack 4000 bytes", report);
        Assert.Contains(".data            0x20000000      100  flash+RAM", report);
    }
}
