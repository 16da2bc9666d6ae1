// The noninterference checker (Noninterference.cs) as a test: with every kernel test, a
// bounded run (2 low calls per schedule, at most 1 high call), and a deeper one with
// KEEL_NONINTERFERENCE_BOUNDS="low calls,high calls" (docs/security.md gives the figures).
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

    static (int LowCalls, int HighCalls) Bounds()
    {
        string? bounds = Environment.GetEnvironmentVariable("KEEL_NONINTERFERENCE_BOUNDS");
        if (string.IsNullOrEmpty(bounds))
            return (2, 1);
        string[] parts = bounds.Split(',');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ALowThreadWithSendCapabilitiesOnlyObservesNothingOfTheHighThreads(string configuration)
    {
        (int lowCalls, int highCalls) = Bounds();
        var clock = Stopwatch.StartNew();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Noninterference.Result result = Noninterference.Check(Named(configuration), lowCalls, highCalls);
        output.WriteLine($"{configuration}: {lowCalls} low calls of {result.LowAlphabet}, at most {highCalls} high calls of {result.HighAlphabet}: {result.Schedules} low schedules, "
            + $"{result.States} states, {result.LowCallsChecked} low calls compared; {clock.Elapsed.TotalSeconds:F1} s "
            + $"({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s of CPU)");
        Assert.True(result.Violation == null, result.Violation);
    }
}
