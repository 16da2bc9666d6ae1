using System.Linq;
using Keel.Drivers.Timer;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Xunit;

namespace Keel.Drivers.Tests;

// The timer service's logic (drivers/timer) against a fake TIM5 that counts as the
// chip does (RM0368 section 13): CNT counts up to ARR, then restarts from 0 with the
// update flag (UIF) set; the compare flag (CC1IF) sets when the count reaches CCR1; SR's
// flags clear by writing 0. `CompareInterrupts = false` makes it behave as QEMU's model
// does instead: CCR1 is kept but nothing ever sets CC1IF.
public class TimerTests
{
    private const uint TicksPerMs = TimerClock.TicksPerMillisecond;
    private const uint MaxAheadTicks = TimerService<FakeRegisters>.MaxAheadTicks;

    private sealed class FakeTimer
    {
        public FakeRegisters Registers { get; } = new();
        public bool CompareInterrupts = true;
        public int CompareEvents;
        // Timer clocks that pass while the service reads CNT once: the counter goes on
        // counting while the service works. TicksCounted is the time that really passed.
        public uint TicksPerCountRead;
        public ulong TicksCounted;

        public FakeTimer()
        {
            Registers.OnRead = (offset, value) =>
            {
                if (offset == TimerRegisters.Cnt && TicksPerCountRead > 0)
                    Advance(TicksPerCountRead);
                return value;
            };
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
            private set => Registers[TimerRegisters.Cnt] = value;
        }

        public uint Compare => Registers[TimerRegisters.Ccr1];

        // Ticks from the count to the next compare match.
        public uint CompareAhead => Compare - Count;

        public bool ComparePending => (Status & TimerRegisters.SrCompare1) != 0;

        // Counts `ticks` timer clocks one step at a time to each event: the compare match,
        // the update event at ARR (then from 0).
        public void Advance(ulong ticks)
        {
            TicksCounted += ticks;
            while (ticks > 0)
            {
                uint arr = Registers[TimerRegisters.Arr];
                ulong toUpdate = (ulong)arr - Count + 1;
                ulong toMatch = Compare > Count && Compare <= arr ? Compare - Count : ulong.MaxValue;
                ulong step = System.Math.Min(ticks, System.Math.Min(toUpdate, toMatch));
                ticks -= step;
                if (step == toUpdate)
                {
                    Count = 0;
                    Status |= TimerRegisters.SrUpdate;
                }
                else
                    Count += (uint)step;
                if (step == toMatch && CompareInterrupts)
                {
                    Status |= TimerRegisters.SrCompare1;
                    CompareEvents++;
                }
            }
        }

        public void AdvanceMs(uint milliseconds) => Advance((ulong)milliseconds * TicksPerMs);

        // To the next compare match.
        public void AdvanceToCompare() => Advance(CompareAhead == 0 ? 1ul << 32 : CompareAhead);
    }

    private static (FakeTimer, TimerService<FakeRegisters>) Started(int clients = TimerService<FakeRegisters>.MaxClients)
    {
        var timer = new FakeTimer();
        var service = new TimerService<FakeRegisters>(timer.Registers, new TimerClientRecord[clients]);
        service.Start();
        return (timer, service);
    }

    [Fact]
    public void StartCountsAt100KilohertzOverAll32BitsWithTheCompareInterruptOn()
    {
        (FakeTimer timer, _) = Started();

        Assert.Equal(839u, timer.Registers[TimerRegisters.Psc]);   // 84 MHz / 840 = 100 kHz
        Assert.Equal(uint.MaxValue, timer.Registers[TimerRegisters.Arr]);
        Assert.Equal(MaxAheadTicks, timer.Compare);
        Assert.Equal(TimerRegisters.DierCompare1Interrupt, timer.Registers[TimerRegisters.Dier]);
        Assert.Equal(TimerRegisters.Cr1CounterEnable | TimerRegisters.Cr1UpdateOnOverflowOnly, timer.Registers[TimerRegisters.Cr1]);
        // The prescaler is loaded by a software update, before the counter starts.
        int update = timer.Registers.Writes.FindIndex(w => w.Offset == TimerRegisters.Egr);
        int enable = timer.Registers.Writes.FindLastIndex(w => w.Offset == TimerRegisters.Cr1);
        Assert.InRange(update, 0, enable - 1);
    }

    // Issue 28: the service restarted its counter (read CNT, write 0) on every
    // SetDeadline and Cancel, even from a client with nothing armed, losing the ticks
    // counted between the read and the write. A client looping on Cancel made the
    // clock lag, and another client's deadline came late: with one tick lost per
    // Cancel, this test's 10 ms deadline came at 20 ms.
    [Fact]
    public void AClientLoopingOnCancelNeitherSlowsTheClockNorDelaysAnothersDeadline()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        timer.TicksPerCountRead = 1;
        service.Subscribe(1, out int sleeper);
        service.Subscribe(2, out _);
        service.SetDeadline(1, 10);
        service.Update();

        ulong signalledAt = 0;
        while (signalledAt == 0 && timer.TicksCounted < 40 * TicksPerMs)
        {
            // What the task does for each Cancel: the logic's Cancel, then Update.
            Assert.Equal(Error.Ok, service.Cancel(2));
            if ((service.Update() & (1u << sleeper)) != 0)
                signalledAt = timer.TicksCounted;
            timer.Advance(1);
        }

        // Signalled by the first Update that reads the count at 10 ms: the ticks of one
        // turn of the loop (its Update reads the counter twice, then a tick) at most late.
        Assert.InRange(signalledAt, 10 * TicksPerMs, 10 * TicksPerMs + 3);
        Assert.InRange(service.NowMilliseconds(), (uint)(timer.TicksCounted / TicksPerMs) - 1, (uint)(timer.TicksCounted / TicksPerMs));
    }

    [Fact]
    public void TheServiceNeverWritesTheCounterAfterStart()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        int writesAtStart = timer.Registers.Writes.Count;
        service.Subscribe(1, out _);
        for (uint i = 0; i < 50; i++)
        {
            service.SetDeadline(1, i);
            service.Update();
            service.Cancel(1);
            service.Update();
            timer.Advance(7);
        }

        Assert.DoesNotContain(timer.Registers.Writes.Skip(writesAtStart), w => w.Offset == TimerRegisters.Cnt);
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
    public void TheClockGoesOnAcrossTheCountersWrap()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        ulong ticks = 0;
        // Read at least every MaxAheadTicks, as the compare interrupt makes it.
        for (int i = 0; i < 5; i++)
        {
            timer.Advance(MaxAheadTicks - 3);
            ticks += MaxAheadTicks - 3;
            Assert.Equal((uint)(ticks / TicksPerMs), service.NowMilliseconds());
        }
        Assert.True(ticks > 1ul << 32);
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
        Assert.Equal(20 * TicksPerMs, timer.Compare);

        timer.Advance(20 * TicksPerMs - 1);
        Assert.False(timer.ComparePending);
        timer.Advance(1);
        Assert.True(timer.ComparePending);
        Assert.Equal(1u << b, service.Update());
        Assert.False(timer.ComparePending);
        Assert.Equal(15 * TicksPerMs, timer.CompareAhead);

        timer.AdvanceToCompare();
        Assert.Equal(1u << c, service.Update());
        timer.AdvanceToCompare();
        Assert.Equal(1u << a, service.Update());
        Assert.Equal(50u, service.NowMilliseconds());

        // Nothing left: the compare register lies as far ahead as it may.
        Assert.Equal(MaxAheadTicks, timer.CompareAhead);
        Assert.Equal(3, timer.CompareEvents);
    }

    [Fact]
    public void AnInterruptServedLateStillSignalsAndTheClockKeepsTheTicksSinceTheMatch()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        service.Subscribe(1, out int client);
        service.SetDeadline(1, 10);
        service.Update();

        // The compare match, then 3 ms before the service runs.
        timer.AdvanceMs(13);
        Assert.True(timer.ComparePending);
        Assert.Equal(13u, service.NowMilliseconds());
        Assert.Equal(1u << client, service.Update());
        Assert.Equal(13u, service.NowMilliseconds());
    }

    [Fact]
    public void ACompareValueTheCounterPassedWhileItWasWrittenIsTakenAtOnce()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        service.Subscribe(1, out int client);
        service.SetDeadline(1, 1);
        // The service is slow: 3 ms pass at each read of the counter, so CCR1 is behind
        // the count by the time it is written, and no match would come before the wrap.
        timer.TicksPerCountRead = 3 * TicksPerMs;

        Assert.Equal(1u << client, service.Update());
        Assert.False(service.IsArmed(client));
    }

    [Fact]
    public void UnderQemuWithNoCompareInterruptDeadlinesAreFoundAtEachWakeUp()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        timer.CompareInterrupts = false;
        service.Subscribe(1, out int client);
        service.SetDeadline(1, 10);
        service.Update();

        // A tick signal every 5 ms wakes the service.
        timer.AdvanceMs(5);
        Assert.Equal(0u, service.Update());
        timer.AdvanceMs(5);
        Assert.False(timer.ComparePending);
        Assert.Equal(1u << client, service.Update());
        Assert.Equal(10u, service.NowMilliseconds());
    }

    [Fact]
    public void ADeadlineBeyondTheFurthestCompareIsReachedInSeveralMatches()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        uint maxAheadMs = MaxAheadTicks / TicksPerMs;
        service.Subscribe(1, out int client);
        service.SetDeadline(1, maxAheadMs + 500);
        service.Update();
        Assert.Equal(MaxAheadTicks, timer.CompareAhead);

        timer.AdvanceToCompare();
        Assert.Equal(0u, service.Update());
        Assert.True(service.IsArmed(client));
        // The deadline is in whole milliseconds, the match counted from the clock's tick.
        Assert.InRange(timer.CompareAhead, 500 * TicksPerMs - TicksPerMs, 500 * TicksPerMs);
        timer.AdvanceToCompare();
        Assert.Equal(1u << client, service.Update());
    }

    [Fact]
    public void DeadlinesAcrossTheWrapOfTheMillisecondClockAreDueInOrder()
    {
        (FakeTimer timer, TimerService<FakeRegisters> service) = Started();
        service.Subscribe(1, out int early);
        service.Subscribe(2, out int late);
        // Run the clock to 40 ms before it wraps, one compare match at a time.
        uint target = uint.MaxValue - 39;
        while (service.NowMilliseconds() != target)
        {
            ulong toTarget = (ulong)(target - service.NowMilliseconds()) * TicksPerMs;
            timer.Advance(System.Math.Min(toTarget, timer.CompareAhead));
            service.Update();
        }

        service.SetDeadline(1, 30);    // before the wrap
        service.SetDeadline(2, 100);   // after it: deadline 59
        service.Update();
        // The clock may be part of its way into its millisecond: the match counts from there.
        Assert.InRange(timer.CompareAhead, 29 * TicksPerMs + 1, 30 * TicksPerMs);

        timer.Advance(timer.CompareAhead - 1);
        Assert.Equal(0u, service.Update());
        timer.AdvanceToCompare();
        Assert.Equal(uint.MaxValue - 9, service.NowMilliseconds());
        Assert.Equal(1u << early, service.Update());
        Assert.Equal(70 * TicksPerMs, timer.CompareAhead);
        timer.AdvanceToCompare();
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
        Assert.Equal(10 * TicksPerMs, timer.CompareAhead);

        Assert.Equal(Error.Ok, service.Cancel(1));
        Assert.Equal(0u, service.Update());
        Assert.Equal(40 * TicksPerMs, timer.CompareAhead);
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
        Assert.Equal(5 * TicksPerMs, timer.CompareAhead);
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
        Assert.Equal(MaxAheadTicks, timer.CompareAhead);
    }
}

// The periodic wait's schedule (drivers/Keel.Drivers.Api/Timer.cs): period ends counted
// from the start, so lateness does not accumulate.
public class PeriodicScheduleTests
{
    [Fact]
    public void EachWaitLastsUntilThePeriodsEndHoweverLongTheTurnTook()
    {
        var schedule = new PeriodicSchedule(startMilliseconds: 1000, periodMilliseconds: 100);

        Assert.Equal(100u, schedule.Next(1000, out uint missed));
        Assert.Equal(0u, missed);
        // The caller woke at 1100 and worked 30 ms: the next wait is 70 ms, to 1200.
        Assert.Equal(70u, schedule.Next(1130, out _));
        Assert.Equal(100u, schedule.Next(1200, out _));
    }

    [Fact]
    public void PeriodsThatEndedWhileTheCallerWasBusyAreSkippedAndCounted()
    {
        var schedule = new PeriodicSchedule(startMilliseconds: 0, periodMilliseconds: 100);

        // Busy until 350: the ends at 100, 200 and 300 have passed; the wait is to 400.
        Assert.Equal(50u, schedule.Next(350, out uint missed));
        Assert.Equal(3u, missed);
        Assert.Equal(100u, schedule.Next(400, out missed));
        Assert.Equal(0u, missed);
    }

    [Fact]
    public void TheScheduleHoldsAcrossTheClocksWrap()
    {
        var schedule = new PeriodicSchedule(startMilliseconds: uint.MaxValue - 150, periodMilliseconds: 100);

        Assert.Equal(100u, schedule.Next(uint.MaxValue - 150, out _));
        Assert.Equal(100u, schedule.Next(uint.MaxValue - 50, out _));   // to 49 after the wrap
        Assert.Equal(40u, schedule.Next(109, out _));                    // to 149
    }
}
