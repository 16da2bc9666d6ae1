using System.Diagnostics;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The harness itself: a hung image must end in a time-out that carries the transcript,
// at its budget of emulated work, and only a host too slow for the wall-clock safety
// net may end a run otherwise, saying so; a missing image must say how to get one, and an unprivileged semihosting call must
// not reach the host (issue 13, F7).
public class EmulatorHarnessTests
{
    // Assembly the test images share: enable USART2, print the zero-terminated string
    // at `message`, go on at `printed`.
    private const string PrintMessage = """
            ldr r0, =0x40004400
            ldr r1, =0x200C
            str r1, [r0, #0x0C]
            adr r2, message
        next:
            ldrb r1, [r2], #1
            cbz r1, printed
            str r1, [r0, #4]
            b next

        """;

    // A minimal image in assembly: print "alive", then spin forever.
    private const string HangingImage = """
            .syntax unified
            .thumb
            .text
            .word 0x20001000
            .word reset + 1
            .thumb_func
        reset:

        """ + PrintMessage + """
        printed:
            b printed
            .balign 4
        message:
            .asciz "alive\n"
        """;

    // A minimal image in assembly that makes a semihosting exit with status 42 from
    // unprivileged thread mode, as a task could. The host must not take it: the trap
    // either faults (HardFault) or is ignored (then the image asks for privilege with
    // SVC); both print "refused" and exit with status 3, privileged, as the kernel's
    // Halt does. An exit with 42 means any task could use the host's files.
    private const string UnprivilegedSemihostingImage = """
            .syntax unified
            .thumb
            .text
            .word 0x20001000
            .word reset + 1
            .word refused + 1      @ NMI
            .word refused + 1      @ HardFault
            .word 0, 0, 0, 0, 0, 0, 0
            .word refused + 1      @ SVCall
            .thumb_func
        reset:
            movs r0, #1
            msr control, r0        @ unprivileged from here
            isb
            movs r0, #0x20         @ SYS_EXIT_EXTENDED
            adr r1, exit42
            bkpt 0xab
            svc #0
            .thumb_func
        refused:

        """ + PrintMessage + """
        printed:
            movs r0, #0x20
            adr r1, exit3
            bkpt 0xab
        spin:
            b spin
            .balign 4
        exit42:
            .word 0x20026, 42
        exit3:
            .word 0x20026, 3
        message:
            .asciz "refused\n"
        """;

    [Fact]
    public async Task AHungImageTimesOutAndKeepsWhatItPrinted()
    {
        string image = BuildImage("hang", HangingImage);
        var qemu = new Qemu { InstructionBudget = 50_000_000 };

        EmulatorRun run = await qemu.RunAsync(image);

        Assert.True(run.TimedOut && !run.WallClockLimitReached, run.Describe());
        Assert.Null(run.ExitCode);
        Assert.Equal("alive\n", run.Console);
        Assert.Contains("timed out: the image did not stop within its budget of 50000000 instructions", run.Describe());
        Assert.Contains("alive", run.Describe());
    }

    // The safety net's time-out is the host's, not the image's, and says so: a test that
    // fails there points at the machine.
    [Fact]
    public async Task TheWallClockSafetyNetSaysTheHostWasTooSlow()
    {
        string image = BuildImage("hang", HangingImage);
        var qemu = new Qemu { TimeLimit = TimeSpan.FromMilliseconds(1) };

        EmulatorRun run = await qemu.RunAsync(image);

        Assert.True(run.TimedOut && run.WallClockLimitReached, run.Describe());
        Assert.Contains("the host was too slow (or the emulator itself hung), not the image", run.Describe());
    }

    [Fact]
    public async Task AMissingImageFailsWithTheBuildCommand()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new Qemu().RunAsync("/nonexistent/image.elf"));
        Assert.Contains("dotnet build Firmware.sln", error.Message);
    }

    [Fact]
    public async Task AnUnprivilegedSemihostingCallDoesNotReachTheHost()
    {
        string image = BuildImage("semihosting", UnprivilegedSemihostingImage);
        EmulatorRun run = await new Qemu().RunAsync(image);

        Assert.True(run.ExitedWith(3), run.Describe());
        Assert.Equal("refused\n", run.Console);
    }

    private static string BuildImage(string name, string source)
    {
        string dir = Directory.CreateTempSubdirectory($"keel-{name}-").FullName;
        File.WriteAllText(Path.Combine(dir, $"{name}.S"), source);
        Run("arm-none-eabi-gcc", $"-mcpu=cortex-m4 -mthumb -nostdlib -Wl,-Ttext=0x08000000 -Wl,-e,reset -o {dir}/{name}.elf {dir}/{name}.S", dir);
        return Path.Combine(dir, $"{name}.elf");
    }

    private static void Run(string tool, string arguments, string dir)
    {
        using Process process = Process.Start(new ProcessStartInfo(tool, arguments) { WorkingDirectory = dir, RedirectStandardError = true })!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {arguments} failed: {errors}");
    }
}
