// What the build says when ld fails: a window of app.toml that its task (or the
// kernel) outgrew is reported at the field that sizes it, with the bytes missing and
// a value that fits; any other line of ld's is passed on as an error, so a failed link
// never shows only "exited with code 1".
using System.Diagnostics;
using Keel.BuildTool;

namespace Keel.Build.Tests;

public class LinkErrorTests
{
    [Theory]
    // A task window is an MPU region: the next power of two that holds what ld placed.
    [InlineData("arm-none-eabi-ld: region `TASK_UART_DRIVER_FLASH' overflowed by 904 bytes", "(49,1): error KEEL0106: task 'uart-driver': field 'flash': the task needs 9096 bytes of flash but its window (TASK_UART_DRIVER_FLASH) holds 8192, 904 bytes short: set flash = 16384 (a task's window is an MPU region, so its size is a power of two)")]
    [InlineData("arm-none-eabi-ld: region `TASK_SUPERVISOR_RAM' overflowed by 5000 bytes", "(36,1): error KEEL0106: task 'supervisor': field 'ram': the task needs 9096 bytes of RAM (its stack and IPC buffer included) but its window (TASK_SUPERVISOR_RAM) holds 4096, 5000 bytes short: set ram = 16384 (a task's window is an MPU region, so its size is a power of two)")]
    // The kernel's windows need not be powers of two: the next KiB that fits.
    [InlineData("arm-none-eabi-ld: region `KERNEL_FLASH' overflowed by 100 bytes", "(15,1): error KEEL0106: kernel: field 'flash': the kernel needs 65636 bytes of flash but its window (KERNEL_FLASH) holds 65536, 100 bytes short: set flash = 66560 (the next multiple of 1024 that fits)")]
    [InlineData("arm-none-eabi-ld: region `KERNEL_RAM' overflowed by 2048 bytes", "(16,1): error KEEL0106: kernel: field 'ram': the kernel needs 18432 bytes of RAM but its window (KERNEL_RAM) holds 16384, 2048 bytes short: set ram = 18432 (the next multiple of 1024 that fits)")]
    // Anything else ld says is its own error, as ld worded it.
    [InlineData("arm-none-eabi-ld: cannot find missing.o: No such file or directory", "error KEEL0301: arm-none-eabi-ld: cannot find missing.o: No such file or directory")]
    public void Explains_each_line_of_a_failed_link(string ldLine, string expected)
    {
        string toml = TestApps.WriteSampleApp();

        Assert.Equal(new[] { Located(toml, expected) }, LinkErrors.Explain([ldLine], toml));
    }

    // ld names the section that did not fit before the overflow: the overflow says it all.
    [Fact]
    public void The_section_that_did_not_fit_is_not_repeated()
    {
        string toml = TestApps.WriteSampleApp();

        var errors = LinkErrors.Explain(
            [
                "arm-none-eabi-ld: /x/policy-demo.elf section `.task_uart_driver_text' will not fit in region `TASK_UART_DRIVER_FLASH'",
                "arm-none-eabi-ld: region `TASK_UART_DRIVER_FLASH' overflowed by 904 bytes",
            ],
            toml);

        Assert.Equal(new[] { Located(toml, "(49,1): error KEEL0106: task 'uart-driver': field 'flash': the task needs 9096 bytes of flash but its window (TASK_UART_DRIVER_FLASH) holds 8192, 904 bytes short: set flash = 16384 (a task's window is an MPU region, so its size is a power of two)") }, errors);
    }

    // An image without a system description (hello) has only the board's memory map.
    [Fact]
    public void Without_a_description_every_line_is_passed_on() =>
        Assert.Equal(
            new[] { "error KEEL0301: arm-none-eabi-ld: region `FLASH' overflowed by 12 bytes" },
            LinkErrors.Explain(["arm-none-eabi-ld: region `FLASH' overflowed by 12 bytes"], tomlPath: null));

    // ld failed without a word (killed, say): the build still says the link failed.
    [Fact]
    public void A_silent_failure_is_still_an_error() =>
        Assert.Equal(new[] { "error KEEL0301: the link failed and ld printed nothing" }, LinkErrors.Explain([""], tomlPath: null));

    // As MSBuild runs it: ld's output in a file, the errors on standard error, status 1.
    [Fact]
    public void Command_prints_the_errors_and_exits_1()
    {
        string toml = TestApps.WriteSampleApp();
        string ldOutput = Path.Combine(Path.GetDirectoryName(toml)!, "ld-output.txt");
        File.WriteAllText(ldOutput, "arm-none-eabi-ld: region `TASK_UART_DRIVER_FLASH' overflowed by 904 bytes\n");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "Keel.BuildTool.dll"), "link-errors", ldOutput, toml })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode);
        Assert.StartsWith($"{toml}(49,1): error KEEL0106: task 'uart-driver': field 'flash': ", errors);
    }

    private static string Located(string toml, string error) => error.StartsWith('(') ? toml + error : error;
}
