// The noninterference checker (Noninterference.cs) as tests: a bounded run with every
// kernel test, and a deeper one when KEEL_NONINTERFERENCE_DEEP=1 (docs/security.md gives
// the figures of both).
using System;
using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Keel.Kernel.Tests;

public class NoninterferenceTests
{
    readonly ITestOutputHelper output;

    public NoninterferenceTests(ITestOutputHelper output) => this.output = output;

    public static TheoryData<string> Configurations => new() { Noninterference.Fresh.Name, Noninterference.ManyCopies.Name };

    static Noninterference.Configuration Named(string name) =>
        name == Noninterference.Fresh.Name ? Noninterference.Fresh : Noninterference.ManyCopies;

    static bool Deep => Environment.GetEnvironmentVariable("KEEL_NONINTERFERENCE_DEEP") == "1";

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ALowThreadWithSendCapabilitiesOnlyObservesNothingOfTheHighThreads(string configuration)
    {
        (int lowCalls, int highCalls) = Deep ? (3, 2) : (2, 1);
        var clock = Stopwatch.StartNew();
        Noninterference.Result result = Noninterference.Check(Named(configuration), lowCalls, highCalls);
        output.WriteLine($"{configuration}: {lowCalls} low calls, at most {highCalls} high calls: "
            + $"{result.Schedules} low schedules, {result.States} states, {result.LowCallsChecked} low calls compared, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(result.Violation == null, result.Violation);
    }
}
