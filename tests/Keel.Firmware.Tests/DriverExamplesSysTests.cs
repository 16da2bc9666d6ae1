using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The sys task's examples (examples/blink, examples/button) on the emulators. QEMU's
// netduinoplus2 models neither RCC nor the GPIO ports (sys's writes to them go nowhere)
// but answers every request the same way, so the transcripts show that sys served each
// request and refused what the badges do not give. Renode's Nucleo-F401RE
// (renode-scripts/nucleo-f401re.repl) models GPIOA and GPIOC with the LED on PA5 and
// the user button on PC13, SYSCFG and EXTI: there the tests check the LED model itself
// (its log of each change) and press the button, whose EXTI interrupt reaches the
// button task only through sys.
[Collection(DotnetBuildCollection.Name)]
public class DriverExamplesSysTests
{
    private const string BlinkFolder = "examples/blink";
    private const string ButtonFolder = "examples/button";

    private const string BlinkTranscript =
        "blinker: PA5 configured as an output: Ok\n" +
        "blinker: PA6 is not ours: NotOwned\n" +
        "blinker: LED on (1 of 6): Ok\n" +
        "blinker: LED off (2 of 6): Ok\n" +
        "blinker: LED on (3 of 6): Ok\n" +
        "blinker: LED off (4 of 6): Ok\n" +
        "blinker: LED on (5 of 6): Ok\n" +
        "blinker: LED off (6 of 6): Ok\n" +
        "blinker: done\n";

    private const string ButtonReady =
        "button: PA5 configured as an output: Ok\n" +
        "button: PC13 configured as an input: Ok\n" +
        "button: subscribed to PC13's falling edge: Ok\n" +
        "button: driving PC13 through the LED's capability: NotOwned\n" +
        "button: subscribing PC13 again: Busy\n" +
        "button: waiting for presses\n";

    private static string Build(string folder, string project, string? board = null)
    {
        string path = Path.Combine(Repository.Root, folder, project);
        (int exitCode, string output) = board is null ? DotnetBuild.Run(path) : DotnetBuild.Run(path, $"-p:KeelBoard={board}");
        Assert.True(exitCode == 0, output);
        return path;
    }

    // The LED model's changes, in order, from Renode's log (`logLevel -1` on it).
    private static List<bool> LedChanges(EmulatorRun run) =>
        Regex.Matches(run.EmulatorOutput ?? "", @"UserLED: LED state changed to (True|False)").Select(change => change.Groups[1].Value == "True").ToList();

    private const string LedLog = "logLevel -1 sysbus.gpioPortA.UserLED";

    // QEMU logs each access to a device it does not model (`-d unimp`): GPIOA is one,
    // so the log shows the very stores sys made for the blinker, in order.
    [Fact]
    public async Task BlinkPrintsEachChangeOfTheLedAndEndsOnQemu()
    {
        Build(BlinkFolder, "Blink.csproj");
        string log = Path.GetTempFileName();
        try
        {
            EmulatorRun run = await new Qemu { ExtraArguments = ["-d", "unimp", "-D", log] }.RunAsync(Repository.Image(BlinkFolder, "blink"));

            Assert.True(run.ExitedWith(0), run.Describe());
            Assert.Equal(BlinkTranscript, run.Console);
            string[] gpioa = Writes(log, "GPIOA: unimplemented device write");
            string[] blinking = ["(size 4, offset 0x018, value 0x00000020)", "(size 4, offset 0x018, value 0x00200000)"];
            Assert.Equal(
                [
                    "(size 4, offset 0x004, value 0x00000000)",   // OTYPER: PA5 push-pull
                    "(size 4, offset 0x00c, value 0x00000000)",   // PUPDR: no pull
                    "(size 4, offset 0x000, value 0x00000400)",   // MODER: PA5 an output, last
                    .. blinking, .. blinking, .. blinking,         // BSRR: set PA5, reset PA5; none for PA6
                ],
                gpioa);
            // sys turned on the clocks of ports A-E and H (AHB1ENR) and of SYSCFG (APB2ENR).
            Assert.Contains("(size 4, offset 0x030, value 0x0000009f)", Writes(log, "RCC: unimplemented device write"));
            Assert.Contains("(size 4, offset 0x044, value 0x00004000)", Writes(log, "RCC: unimplemented device write"));
        }
        finally
        {
            File.Delete(log);
        }
    }

    // Nothing raises PC13's line under QEMU (no GPIO model; its EXTI takes SWIER writes
    // without raising the line), so the run shows the subscription made and waits until
    // its budget of work (the idle ticks of many emulated seconds) is spent. QEMU
    // models SYSCFG and EXTI, and traces their register writes: they are the routing of
    // line 13 to port C, its falling edge, and the line unmasked last; never SWIER.
    [Fact]
    public async Task ButtonSubscribesThroughSysAndWaitsOnQemu()
    {
        Build(ButtonFolder, "Button.csproj");
        string log = Path.GetTempFileName();
        try
        {
            EmulatorRun run = await new Qemu
            {
                InstructionBudget = 20_000_000,
                ExtraArguments = ["-d", "unimp,trace:stm32f4xx_exti_write,trace:stm32f4xx_syscfg_write", "-D", log],
            }.RunAsync(Repository.Image(ButtonFolder, "button"));

            Assert.True(run.TimedOut, run.Describe());
            Assert.Equal(ButtonReady, run.Console);
            Assert.Contains("(size 4, offset 0x000, value 0x00000000)", Writes(log, "GPIOC: unimplemented device write"));   // PC13 an input
            // QEMU 7.2's trace of a SYSCFG write prints the value as `addr` and the offset
            // as `val`: this is EXTICR4 (0x14) = port C (2) in EXTI13's field (bits 4-7).
            Assert.Equal(["addr: 0x20 val: 0x14"], Writes(log, "stm32f4xx_syscfg_write reg write:"));
            Assert.Equal(
                [
                    "addr: 0x8 val: 0x0",      // RTSR: no rising edge
                    "addr: 0xc val: 0x2000",   // FTSR: falling edge of line 13
                    "addr: 0x14 val: 0x2000",  // PR: a stale pending bit cleared
                    "addr: 0x0 val: 0x2000",   // IMR: line 13 unmasked, last
                ],
                Writes(log, "stm32f4xx_exti_write reg write:"));
        }
        finally
        {
            File.Delete(log);
        }
    }

    // The rest of each line of QEMU's log that starts with `prefix`, in order.
    private static string[] Writes(string log, string prefix) =>
        File.ReadAllLines(log).Where(line => line.StartsWith(prefix, StringComparison.Ordinal)).Select(line => line[prefix.Length..].Trim()).ToArray();

    [RenodeFact]
    public async Task BlinkLightsAndDarkensTheLedModelOnRenode()
    {
        Build(BlinkFolder, "Blink.csproj", Renode.Board);

        EmulatorRun run = await new Renode { Commands = [LedLog] }.RunAsync(Repository.Image(BlinkFolder, "blink", Renode.Board));

        Assert.True(run.ExitedWith(0), run.Describe());
        Assert.Equal(BlinkTranscript, run.Console);
        Assert.Equal([true, false, true, false, true, false], LedChanges(run));
    }

    // The example's own scripted inputs (examples/button/renode/inputs.resc, which
    // `keel run` loads too) press the user button three times, 200 ms of emulated time
    // apart once the task waits, and end the run 200 ms after the last: each press is
    // one falling edge of PC13, one EXTI15_10 interrupt to sys, one signal to the
    // button task, one toggle of the LED model.
    [RenodeFact]
    public async Task EachPressOfTheUserButtonTogglesTheLedOnRenode()
    {
        Build(ButtonFolder, "Button.csproj", Renode.Board);

        EmulatorRun run = await new Renode
        {
            Commands = [LedLog, .. RenodeAdditions.Of(Path.Combine(Repository.Root, ButtonFolder)).Commands],
        }.RunAsync(Repository.Image(ButtonFolder, "button", Renode.Board));

        Assert.True(run.EndedByInputs && run.EmulatorExitCode == 0, run.Describe());
        Assert.Equal(
            ButtonReady +
            "button: press 1, LED toggled: Ok\n" +
            "button: press 2, LED toggled: Ok\n" +
            "button: press 3, LED toggled: Ok\n",
            run.Console);
        Assert.Equal([true, false, true], LedChanges(run));
    }
}
