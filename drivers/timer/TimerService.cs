// The timer service's logic, generic over TIM5's registers (Keel.Hal.IRegisterBlock) so
// that host tests run it against a fake timer (tests/Keel.Drivers.Tests/TimerTests.cs);
// Program.cs owns the system calls (capabilities, signals) and calls this struct.
//
// Tickless: the hardware interrupts only when the earliest deadline is due. The counter
// runs at TimerClock.TicksPerMillisecond per millisecond from 0 after each restart, and
// its update event (the counter passing ARR) is the one interrupt used: ARR is set to
// the ticks left until the earliest deadline. With no deadline ARR is MaxPeriodTicks,
// so a counter that nobody needs still interrupts once every few hours, to fold its
// count into the clock before it could wrap. The compare channels are not used: QEMU's
// model of the timer has no compare interrupt, only the update one.
//
// The clock is `_epochMilliseconds` (and a remainder of ticks) at the last restart plus
// the ticks counted since. Every change of the earliest deadline restarts the counter
// (reads it, adds it to the clock, writes 0), so ARR is always a count from 0. On the
// chip (and Renode) the counter restarts from 0 by itself at the update event, having
// counted ARR + 1 ticks; QEMU's model (hw/timer/stm32f2xx_timer.c) does not restart it,
// its count keeps growing past ARR. ElapsedTicks reads both rightly: a count above ARR
// is one that did not restart (on the chip the count never exceeds ARR).
//
// Clients are told apart by the badge of their capability (Caller.Badge); each has a
// record (MaxClients of them) with its deadline in the millisecond clock. Comparisons
// are on the difference as a signed number, so they hold across the clock's wrap for
// deadlines up to TimerLimits.MaxDeadlineMilliseconds ahead.
using Keel.Hal;
using Keel.Hal.Stm32f4;
using Keel.Kernel;

namespace Keel.Drivers.Timer
{
    public struct TimerClientRecord
    {
        public bool InUse;
        public bool Armed;
        public uint Badge;
        public uint DeadlineMilliseconds;
    }

    public struct TimerService<TRegisters> where TRegisters : IRegisterBlock
    {
        // How many clients (badges) the service keeps deadlines for; a bit each in the
        // mask Update returns.
        public const int MaxClients = 8;

        // The longest period the counter runs between restarts: 2^30 ticks (about three
        // hours at 100 kHz), far below its 32 bits, so that a late interrupt still finds
        // the count unwrapped.
        public const uint MaxPeriodTicks = 1u << 30;

        private TRegisters _registers;
        private readonly TimerClientRecord[] _clients;
        private uint _epochMilliseconds;
        private uint _epochTicks;   // ticks of the clock's current millisecond, < TicksPerMillisecond
        private uint _period;       // ARR + 1: ticks from a restart to the update event

        public TimerService(TRegisters registers, TimerClientRecord[] clients)
        {
            _registers = registers;
            _clients = clients;
            _epochMilliseconds = 0;
            _epochTicks = 0;
            _period = MaxPeriodTicks;
        }

        public uint ProgrammedPeriodTicks => _period;

        // Counts TicksPerMillisecond per millisecond from 0, the update event (and its
        // interrupt) after MaxPeriodTicks. URS: the software update below, which loads
        // the prescaler at once instead of at the first overflow, sets no flag.
        public void Start()
        {
            _registers.Write(TimerRegisters.Cr1, TimerRegisters.Cr1UpdateOnOverflowOnly);
            _registers.Write(TimerRegisters.Psc, TimerClock.Prescaler);
            _registers.Write(TimerRegisters.Arr, MaxPeriodTicks - 1);
            _registers.Write(TimerRegisters.Egr, TimerRegisters.EgrUpdateGeneration);
            _registers.Write(TimerRegisters.Cnt, 0);
            _registers.Write(TimerRegisters.Sr, ~TimerRegisters.SrUpdate);
            _registers.Write(TimerRegisters.Dier, TimerRegisters.DierUpdateInterrupt);
            _registers.Write(TimerRegisters.Cr1, TimerRegisters.Cr1UpdateOnOverflowOnly | TimerRegisters.Cr1CounterEnable);
            _period = MaxPeriodTicks;
        }

        public uint NowMilliseconds()
        {
            uint ticks = _epochTicks + ElapsedTicks();
            return _epochMilliseconds + ticks / TimerClock.TicksPerMillisecond;
        }

        // The record of `badge`, taken if it has none yet; Busy when all are others'.
        public Error Subscribe(uint badge, out int client)
        {
            client = Find(badge);
            if (client >= 0)
                return Error.Ok;
            for (int i = 0; i < _clients.Length; i++)
            {
                if (!_clients[i].InUse)
                {
                    _clients[i] = new TimerClientRecord { InUse = true, Badge = badge };
                    client = i;
                    return Error.Ok;
                }
            }
            return Error.Busy;
        }

        public Error SetDeadline(uint badge, uint millisecondsFromNow)
        {
            int client = Find(badge);
            if (client < 0)
                return Error.NotOwned;
            if (millisecondsFromNow > TimerLimits.MaxDeadlineMilliseconds)
                return Error.InvalidArgument;
            _clients[client].DeadlineMilliseconds = NowMilliseconds() + millisecondsFromNow;
            _clients[client].Armed = true;
            return Error.Ok;
        }

        public Error Cancel(uint badge)
        {
            int client = Find(badge);
            if (client < 0)
                return Error.NotOwned;
            _clients[client].Armed = false;
            return Error.Ok;
        }

        // After every request and every interrupt: restarts the counter, disarms and
        // returns (a bit per record) the clients whose deadline has come, and programs
        // the update event for the earliest deadline left.
        public uint Update()
        {
            Restart();
            uint now = _epochMilliseconds;
            uint due = 0;
            bool any = false;
            uint earliest = 0;   // milliseconds from now to the earliest deadline left
            for (int i = 0; i < _clients.Length; i++)
            {
                if (!_clients[i].InUse || !_clients[i].Armed)
                    continue;
                int left = (int)(_clients[i].DeadlineMilliseconds - now);
                if (left <= 0)
                {
                    _clients[i].Armed = false;
                    due |= 1u << i;
                }
                else if (!any || (uint)left < earliest)
                {
                    any = true;
                    earliest = (uint)left;
                }
            }
            uint period = MaxPeriodTicks;
            if (any && earliest <= MaxPeriodTicks / TimerClock.TicksPerMillisecond)
                period = earliest * TimerClock.TicksPerMillisecond - _epochTicks;
            ProgramPeriod(period);
            return due;
        }

        public bool IsArmed(int client) => _clients[client].Armed;

        private int Find(uint badge)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i].InUse && _clients[i].Badge == badge)
                    return i;
            }
            return -1;
        }

        // Ticks since the last restart. Reads the count, then the update flag, then the
        // count again: a flag still clear says the first count came before any update
        // event; a set flag says the second came after one.
        private uint ElapsedTicks()
        {
            uint first = _registers.Read(TimerRegisters.Cnt);
            uint status = _registers.Read(TimerRegisters.Sr);
            if ((status & TimerRegisters.SrUpdate) == 0)
                return first;
            uint second = _registers.Read(TimerRegisters.Cnt);
            if (second >= _period)
                return second;              // QEMU: the count did not restart at ARR
            return _period + second;        // the chip: it restarted from 0 after _period ticks
        }

        // Adds the ticks since the last restart to the clock and counts from 0 again.
        private void Restart()
        {
            uint ticks = _epochTicks + ElapsedTicks();
            _registers.Write(TimerRegisters.Cnt, 0);
            _registers.Write(TimerRegisters.Sr, ~TimerRegisters.SrUpdate);
            _epochMilliseconds += ticks / TimerClock.TicksPerMillisecond;
            _epochTicks = ticks % TimerClock.TicksPerMillisecond;
        }

        private void ProgramPeriod(uint period)
        {
            if (period == _period)
                return;
            _period = period;
            _registers.Write(TimerRegisters.Arr, period - 1);
        }
    }
}
