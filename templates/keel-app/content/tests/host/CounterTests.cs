// Host tests of KeelApp's logic (Keel's docs/testing.md): the counter's RunningTotal and
// the client and server the build generates from ICounter, compiled for .NET from the
// files the build compiles for the chip. The on-target tests (tests/app.toml, run by
// `keel test`) run the same counter on the emulated chip.
using Keel.Kernel;
using Keel.Testing;
using KeelApp.Counter;
using Xunit;

namespace KeelApp.HostTests;

public class CounterTests
{
    [Fact]
    public void AddsUpToTheLimitAndRefusesMore()
    {
        var counter = new RunningTotal();
        Assert.Equal(Error.Ok, counter.Add(10, out uint total));
        Assert.Equal(10u, total);
        Assert.Equal(Error.Ok, counter.Add(CounterLimits.MaxAmount, out total));
        Assert.Equal(10u + CounterLimits.MaxAmount, total);
        Assert.Equal(Error.InvalidArgument, counter.Add(CounterLimits.MaxAmount + 1, out total));
        Assert.Equal(10u + CounterLimits.MaxAmount, total);
    }

    // The generated client calls the generated server through Keel's kernel on the host:
    // each task a thread, the kernel choosing which runs, the capabilities as app.toml's.
    [Fact]
    public void TheClientReachesTheCounterThroughTheKernel()
    {
        const int Counter = 0, Client = 1;
        const uint Requests = 1, CounterCapability = 1;
        using var system = new HostSystem(priorities: [1, 2]);
        system.Give(Counter, Requests, CapType.Endpoint, 0, Rights.Read);
        system.Give(Client, CounterCapability, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply);
        system.Task(Counter, () =>
        {
            var total = new RunningTotal();
            CounterServer.Serve(ref total, Requests);
        });
        uint seen = 0;
        system.Task(Client, () =>
        {
            var counter = new CounterClient(CounterCapability);
            Assert.Equal(Error.Ok, counter.Add(20, out _));
            Assert.Equal(Error.Ok, counter.Add(22, out seen));
            Assert.Equal(Error.InvalidArgument, counter.Add(5000, out _));
        });
        system.Run(until: Client);
        Assert.Equal(42u, seen);
    }
}
