namespace Keel.Firmware.Tests;

// The debug-only platform calls (hal/Port/DebugPlatformCalls.cs) and the invariant
// checker behind them (kernel/Invariants.cs) are in an image only when its system
// description enables `debug-invariants`: the boot code hands them to the port by a
// constant choice, so ILC compiles them into no other image. An image without the
// option must not carry their flash; one with it must still have them.
// In the build collection: other tests rebuild some of these images.
[Collection(DotnetBuildCollection.Name)]
public class DebugOnlyCodeTests
{
    private static readonly string[] DebugOnlySymbols =
    [
        "Keel_Kernel_Keel_Kernel_Invariants__Check",
        "Keel_Port_Keel_Port_DebugPlatformCalls__Handle",
        "Keel_Port_Keel_Port_KernelPort__ConfigurationDigest",
    ];

    [Theory]
    [InlineData("bench/ipc", "ipc-bench")]
    [InlineData("firmware/policy-demo", "policy-demo")]
    public void AnImageWithoutDebugInvariantsHoldsNoneOfTheirCode(string projectFolder, string image)
    {
        IReadOnlySet<string> symbols = Symbols(projectFolder, image);

        Assert.All(DebugOnlySymbols, symbol => Assert.DoesNotContain(symbol, symbols));
    }

    [Theory]
    [InlineData("tests/fuzz", "fuzz")]
    [InlineData("tests/target-suite", "target-suite")]
    public void AnImageWithDebugInvariantsHoldsThem(string projectFolder, string image)
    {
        IReadOnlySet<string> symbols = Symbols(projectFolder, image);

        Assert.All(DebugOnlySymbols, symbol => Assert.Contains(symbol, symbols));
    }

    private static IReadOnlySet<string> Symbols(string projectFolder, string image) =>
        Binutils.Run("arm-none-eabi-nm", projectFolder, image)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])
            .ToHashSet(StringComparer.Ordinal);
}
