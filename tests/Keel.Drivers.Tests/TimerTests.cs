using Keel.Drivers.Timer;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Xunit;

namespace Keel.Drivers.Tests;

// The timer service's logic (drivers/timer) against a fake TIM5 that counts as the
// chip does (RM0368 section 13): CNT counts up to ARR, then restarts from 0 with the
// update flag (UIF) set; SR's flags clear by writing 0. `Restarts = false` makes it
// count as QEMU's model does instead: past ARR, without restarting.
public class TimerTests
{
    private const uint TicksPerMs = TimerClock.TicksPerMillisecond;

    private sealed class FakeTimer
    {
        public FakeRegisters Registers { get; } = new();
        public bool Restarts = true;
        public int UpdateEvents;

        public FakeTimer()
        {
            Registers.OnWrite = (offset, value) =>
            {
                if (offset == TimerRegisters.Sr)
                    Registers[offset] = Status & value;   // rc_w0
            };
            Status = 0;
        }

        private uint Status
        {
            get => Registers[TimerRegisters.Sr];
            set => Registers[TimerRegisters.Sr] = value;
        }

        public uint Count
        {
            get => Registers[TimerRegisters.Cnt];
            set => Registers[TimerRegisters.Cnt] = value;
        }

        public uint Period => Registers[TimerRegisters.Arr] + 1;

        public bool UpdatePending => (Status & TimerRegisters.SrUpdate) != 0;

        // Counts `ticks` timer clocks in a few steps: up to the next update event, then
        // on from there.
        public void Advance(uint ticks)
        {
            while (ticks > 0)
            {
                uint arr = Registers[TimerRegisters.Arr];
                if (!Restarts)
                {
                    bool crosses = Count < arr && ticks >= arr - Count;
                    Count += ticks;
                    if (crosses)
                    {
                        Status |= TimerRegisters.SrUpdate;
                        UpdateEvents++;
                    }
                    return;
                }
                // The chip: from Count, the update event comes after arr - Count + 1 clocks.
                uint toUpdate = arr - Count + 1;
                if (ticks < toUpdate)
                {
                    Count += ticks;
                    return;
                }
                ticks -= toUpdate;
                Count = 0;
                Status |= TimerRegisters.SrUpdate;
                UpdateEvents++;
            }
        }

        public void AdvanceMs(uint milliseconds) => Advance(milliseconds * TicksPerMs);
    }

    private static (FakeTimer, TimerService<FakeRegisters>) Started(int clients = TimerService<FakeRegisters>.MaxClients)
    {
        var timer = new FakeTimer();
        var service = new TimerService<FakeRegisters>(timer.Registers, new TimerClientRecord[clients]);
        service.Start();
        return (timer, service);
    }

    [Fact]
    public void StartCountsAt100KilohertzWithTheUpdateInterruptOnAndTheCounterRunning()
    {
        (FakeTimer timer, _) = Started();

        Assert.Equal(839u, timer.Registers[TimerRegisters.Psc]);   // 84 MHz / 840 = 100 kHz
        Assert.Equal(TimerService<FakeRegisters>.MaxPeriodTicks - 1, timer.Registers[TimerRegisters.Arr]);
        Assert.Equal(TimerRegisters.DierUpdateInterrupt, timer.Registers[TimerRegisters.Dier]);
        Assert.Equal(TimerRegisters.Cr1CounterEnable | TimerRegisters.Cr1UpdateOnOverflowOnly, timer.Registers[TimerRegisters.Cr1]);
        // The prescaler is loaded by a software update, before the counter starts.
        int update = timer.Registers.Writes.FindIndex(w => w.Offset == TimerRegisters.Egr);
        int enable = timer.Registers.Writes.FindLastIndex(w => w.Offset == TimerRegisters.Cr1);
        Assert.InRange(update, 0, enable - 1);
    }

    [Fact]
    public void TheClockCountsMillisecondsFromTheCounter()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();

        timer.Advance(1234 * TicksPerMs + TicksPerMs - 1);
        Assert.Equal(1234u, service.NowMilliseconds());
        timer.Advance(1);
        Assert.Equal(1235u, service.NowMilliseconds());
    }

    [Fact]
    public void OnlyTheEarliestDeadlineIsProgrammedAndEachClientIsSignalledAtItsOwn()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        Assert.Equal(Error.Ok, service.Subscribe(10, out int a));
        Assert.Equal(Error.Ok, service.Subscribe(20, out int b));
        Assert.Equal(Error.Ok, service.Subscribe(30, out int c));

        service.SetDeadline(10, 50);
        Assert.Equal(0u, service.Update());
        service.SetDeadline(20, 20);
        Assert.Equal(0u, service.Update());
        service.SetDeadline(30, 35);
        Assert.Equal(0u, service.Update());
        Assert.Equal(20 * TicksPerMs, timer.Period);

        timer.Advance(20 * TicksPerMs - 1);
        Assert.False(timer.UpdatePending);
        timer.Advance(1);
        Assert.True(timer.UpdatePending);
        Assert.Equal(1u << b, service.Update());
        Assert.False(timer.UpdatePending);
        Assert.Equal(15 * TicksPerMs, timer.Period);

        timer.Advance(15 * TicksPerMs);
        Assert.Equal(1u << c, service.Update());
        timer.Advance(15 * TicksPerMs);
        Assert.Equal(1u << a, service.Update());
        Assert.Equal(50u, service.NowMilliseconds());

        // Nothing left: the counter runs its longest period, with no interrupt due soon.
        Assert.Equal(TimerService<FakeRegisters>.MaxPeriodTicks, timer.Period);
        Assert.Equal(3, timer.UpdateEvents);
    }

    [Fact]
    public void AnInterruptServedLateStillSignalsAndTheClockKeepsTheTicksSinceTheUpdate()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        service.Subscribe(1, out int client);
        service.SetDeadline(1, 10);
        service.Update();

        // The update event, then 3 ms before the service runs.
        timer.AdvanceMs(13);
        Assert.Equal(13u, service.NowMilliseconds());
        Assert.Equal(1u << client, service.Update());
        Assert.Equal(13u, service.NowMilliseconds());
    }

    [Fact]
    public void UnderQemusCounterWhichDoesNotRestartAtArrTheClockIsTheSame()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        timer.Restarts = false;
        service.Subscribe(1, out int client);
        service.SetDeadline(1, 10);
        service.Update();

        timer.AdvanceMs(13);
        Assert.True(timer.UpdatePending);
        Assert.Equal(13u, service.NowMilliseconds());
        Assert.Equal(1u << client, service.Update());
        timer.AdvanceMs(2);
        Assert.Equal(15u, service.NowMilliseconds());
    }

    [Fact]
    public void ADeadlineBeyondTheLongestPeriodIsReachedInSeveralPeriods()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        uint maxPeriodMs = TimerService<FakeRegisters>.MaxPeriodTicks / TicksPerMs;
        service.Subscribe(1, out int client);
        service.SetDeadline(1, maxPeriodMs + 500);
        service.Update();
        Assert.Equal(TimerService<FakeRegisters>.MaxPeriodTicks, timer.Period);

        timer.Advance(timer.Period);
        Assert.Equal(0u, service.Update());
        Assert.True(service.IsArmed(client));
        Assert.InRange(timer.Period, 500 * TicksPerMs - TicksPerMs, 500 * TicksPerMs);
        timer.Advance(timer.Period);
        Assert.Equal(1u << client, service.Update());
    }

    [Fact]
    public void DeadlinesAcrossTheWrapOfTheMillisecondClockAreDueInOrder()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        service.Subscribe(1, out int early);
        service.Subscribe(2, out int late);
        // Run the clock to 40 ms before it wraps, one longest period at a time.
        uint target = uint.MaxValue - 39;
        while (service.NowMilliseconds() != target)
        {
            uint left = target - service.NowMilliseconds();
            ulong toTarget = (ulong)left * TicksPerMs;
            uint toUpdate = timer.Period - timer.Count;
            uint step = toTarget < toUpdate ? (uint)toTarget : toUpdate;
            timer.Advance(step);
            service.Update();
        }

        service.SetDeadline(1, 30);    // before the wrap
        service.SetDeadline(2, 100);   // after it: deadline 59
        service.Update();
        // The clock may be part of its way into its millisecond: the period counts from there.
        Assert.InRange(timer.Period, 29 * TicksPerMs + 1, 30 * TicksPerMs);

        timer.Advance(timer.Period - 1);
        Assert.Equal(0u, service.Update());
        timer.Advance(timer.Period);
        Assert.Equal(uint.MaxValue - 9, service.NowMilliseconds());
        Assert.Equal(1u << early, service.Update());
        Assert.Equal(70 * TicksPerMs, timer.Period);
        timer.Advance(timer.Period);
        Assert.Equal(1u << late, service.Update());
        Assert.Equal(60u, service.NowMilliseconds());
    }

    [Fact]
    public void ACancelledDeadlineIsNeverSignalledAndNoLongerProgrammed()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        service.Subscribe(1, out int first);
        service.Subscribe(2, out int second);
        service.SetDeadline(1, 10);
        service.SetDeadline(2, 40);
        service.Update();
        Assert.Equal(10 * TicksPerMs, timer.Period);

        Assert.Equal(Error.Ok, service.Cancel(1));
        Assert.Equal(0u, service.Update());
        Assert.Equal(40 * TicksPerMs, timer.Period);
        timer.AdvanceMs(40);
        Assert.Equal(1u << second, service.Update());
        Assert.False(service.IsArmed(first));
    }

    [Fact]
    public void AZeroDeadlineIsDueAtOnceAndANewDeadlineReplacesTheOld()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        service.Subscribe(7, out int client);

        service.SetDeadline(7, 0);
        Assert.Equal(1u << client, service.Update());

        service.SetDeadline(7, 100);
        service.SetDeadline(7, 5);
        service.Update();
        Assert.Equal(5 * TicksPerMs, timer.Period);
        timer.AdvanceMs(5);
        Assert.Equal(1u << client, service.Update());
        timer.AdvanceMs(200);
        Assert.Equal(0u, service.Update());
    }

    [Fact]
    public void ClientsAreToldApartByBadgeAndTheRecordsRunOutWithBusy()
    {
        (_, TimerService<FakeRegisters> service) = Started(clients: 2);

        Assert.Equal(Error.Ok, service.Subscribe(5, out int five));
        Assert.Equal(Error.Ok, service.Subscribe(6, out int six));
        Assert.NotEqual(five, six);
        Assert.Equal(Error.Ok, service.Subscribe(5, out int again));
        Assert.Equal(five, again);
        Assert.Equal(Error.Busy, service.Subscribe(9, out _));

        // The service goes on serving those it has.
        Assert.Equal(Error.Ok, service.SetDeadline(6, 1));
    }

    [Fact]
    public void ACallerWithoutARecordIsNotOwnedAndATooDistantDeadlineIsRefused()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();

        Assert.Equal(Error.NotOwned, service.SetDeadline(3, 10));
        Assert.Equal(Error.NotOwned, service.Cancel(3));
        service.Subscribe(3, out int client);
        Assert.Equal(Error.InvalidArgument, service.SetDeadline(3, TimerLimits.MaxDeadlineMilliseconds + 1));
        Assert.False(service.IsArmed(client));
        Assert.Equal(Error.Ok, service.SetDeadline(3, TimerLimits.MaxDeadlineMilliseconds));
        Assert.Equal(0u, service.Update());
        Assert.Equal(TimerService<FakeRegisters>.MaxPeriodTicks, timer.Period);
    }
}
