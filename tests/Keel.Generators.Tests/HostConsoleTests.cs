using Keel.Kernel;
using Keel.Testing;
using Xunit;
using Console = Keel.UserLib.Console;

namespace Keel.Generators.Tests;

// A user's task code that prints, run on the host by Keel.Testing: userlib's own
// Console and its interpolated-string handler format as on the target, and an enum
// hole prints its member's name (HostEnumNames stands in for the task's generated
// keel_enum_name).
public class HostConsoleTests
{
    private enum Mode : byte { Off, Heat, Cool }

    [Fact]
    public void InterpolatedTextAndEnumNamesPrintAsOnTheTarget()
    {
        HostConsole.Take();
        float t = 21.456f;
        uint n = 12;
        Mode mode = Mode.Cool;
        Console.WriteLine($"temp {t:F1} C, {n} samples, status {Error.Ok}, mode {mode}, raw {(Mode)7}, hex {n:X4}");
        Assert.Equal("temp 21.5 C, 12 samples, status Ok, mode Cool, raw 7, hex 000C\n", HostConsole.Take());
    }
}
