// Tick signals (docs/ipc.md, HAL interface): the kernel signals a notification
// every N ticks through rule 13's signal logic.
using System.Collections.Generic;
using Xunit;

namespace Keel.Kernel.Tests;

public class TickSignalTests
{
    const int Sleeper = 0, Worker = 1;
    const uint N = 0;

    // Thread 0 (priority 2) holds a Read cap to notification 0; thread 1 (priority 1) just runs.
    static Sim WithTickSignals(params TickSignal[] tickSignals)
    {
        var sim = new Sim(threads: 2, timeSlice: 100, tickSignals: tickSignals);
        sim.T(Sleeper).Priority = 2;
        sim.T(Worker).Priority = 1;
        sim.Give(Sleeper, N, CapType.Notification, 0, Rights.Read);
        sim.StartAll();
        return sim;
    }

    static TickSignal Every(uint ticks, uint badge, int notification = 0) =>
        new() { Notification = notification, Badge = badge, EveryTicks = ticks };

    [Fact]
    public void WokenHigherPriorityWaiterPreemptsAtTheTick()
    {
        var sim = WithTickSignals(Every(ticks: 1, badge: 0b100));
        Assert.Equal(Worker, sim.Run(SyscallNumber.Wait, N));

        Assert.Equal(Sleeper, Kernel.Tick(ref sim.K));
        Assert.Equal(0b100u, sim.T(Sleeper).Regs.Badge);
        Assert.True(sim.T(Sleeper).Regs.Info.Notified);
    }

    [Fact]
    public void PeriodNSignalsOnTicksN_2N_3N()
    {
        var sim = WithTickSignals(Every(ticks: 3, badge: 1));
        sim.Run(SyscallNumber.Wait, N);
        var woken = new List<ulong>();
        for (int tick = 0; tick < 9; tick++)
        {
            if (Kernel.Tick(ref sim.K) != Sleeper)
                continue;
            woken.Add(sim.K.Ticks);
            Assert.Equal(Worker, sim.Run(SyscallNumber.Wait, N));
        }
        Assert.Equal(new ulong[] { 3, 6, 9 }, woken);
    }

    [Fact]
    public void BadgesAreOredWhileNobodyWaits()
    {
        var sim = WithTickSignals(Every(ticks: 2, badge: 0b01), Every(ticks: 3, badge: 0b10));
        sim.MakeCurrent(Worker);
        for (int tick = 0; tick < 6; tick++)
            Kernel.Tick(ref sim.K);
        Assert.Equal(0b11u, sim.K.Notifications[0].Word);

        Assert.Equal(Error.Ok, sim.Sys(Sleeper, SyscallNumber.Wait, N));
        Assert.Equal(ThreadState.Runnable, sim.T(Sleeper).State);
        Assert.Equal(0b11u, sim.T(Sleeper).Regs.Badge);
    }

    [Fact]
    public void InitialiseRestartsEveryCountdown()
    {
        var sim = WithTickSignals(Every(ticks: 4, badge: 1));
        Kernel.Tick(ref sim.K);
        Assert.Equal(3u, sim.K.TickSignals[0].TicksLeft);

        Kernel.Initialise(ref sim.K);
        Assert.Equal(4u, sim.K.TickSignals[0].TicksLeft);
        Assert.Equal((0, 1u, 4u), (sim.K.TickSignals[0].Notification, sim.K.TickSignals[0].Badge, sim.K.TickSignals[0].EveryTicks));
    }

    [Fact]
    public void BoundThreadIsWokenFromRecvByATickSignal()
    {
        var sim = WithTickSignals(Every(ticks: 2, badge: 0b1000));
        sim.Give(Sleeper, 1, CapType.Endpoint, 0, Rights.Read);
        Kernel.BindNotification(ref sim.K, Sleeper, 0);
        Assert.Equal(Worker, sim.Run(SyscallNumber.Recv, 1));

        Assert.Equal(Worker, Kernel.Tick(ref sim.K));
        Assert.Equal(Sleeper, Kernel.Tick(ref sim.K));
        Assert.True(sim.T(Sleeper).Regs.Info.Notified);
        Assert.Equal(0b1000u, sim.T(Sleeper).Regs.Badge);
    }
}
