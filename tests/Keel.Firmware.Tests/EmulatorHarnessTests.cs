using System.Diagnostics;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The harness itself: a hung image must end in a time-out that carries the transcript,
// and a missing image must say how to get one.
public class EmulatorHarnessTests
{
    // A minimal image in assembly: enable USART2, print "alive", then spin forever.
    private const string HangingImage = """
            .syntax unified
            .thumb
            .text
            .word 0x20001000
            .word reset + 1
            .thumb_func
        reset:
            ldr r0, =0x40004400
            ldr r1, =0x200C
            str r1, [r0, #0x0C]
            adr r2, message
        next:
            ldrb r1, [r2], #1
            cbz r1, spin
            str r1, [r0, #4]
            b next
        spin:
            b spin
            .balign 4
        message:
            .asciz "alive\n"
        """;

    [Fact]
    public async Task AHungImageTimesOutAndKeepsWhatItPrinted()
    {
        string image = BuildHangingImage();
        var qemu = new Qemu { TimeLimit = TimeSpan.FromSeconds(2) };

        EmulatorRun run = await qemu.RunAsync(image);

        Assert.True(run.TimedOut);
        Assert.Null(run.ExitCode);
        Assert.Equal("alive\n", run.Console);
        Assert.Contains("timed out", run.Describe());
        Assert.Contains("alive", run.Describe());
    }

    [Fact]
    public async Task AMissingImageFailsWithTheBuildCommand()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new Qemu().RunAsync("/nonexistent/image.elf"));
        Assert.Contains("dotnet build Firmware.sln", error.Message);
    }

    private static string BuildHangingImage()
    {
        string dir = Directory.CreateTempSubdirectory("keel-hang-").FullName;
        File.WriteAllText(Path.Combine(dir, "hang.S"), HangingImage);
        Run("arm-none-eabi-gcc", $"-mcpu=cortex-m4 -mthumb -nostdlib -Wl,-Ttext=0x08000000 -Wl,-e,reset -o {dir}/hang.elf {dir}/hang.S", dir);
        return Path.Combine(dir, "hang.elf");
    }

    private static void Run(string tool, string arguments, string dir)
    {
        using Process process = Process.Start(new ProcessStartInfo(tool, arguments) { WorkingDirectory = dir, RedirectStandardError = true })!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {arguments} failed: {errors}");
    }
}
