// The timer service's logic, generic over TIM5's registers (Keel.Hal.IRegisterBlock) so
// that host tests run it against a fake timer (tests/Keel.Drivers.Tests/TimerTests.cs);
// Program.cs owns the system calls (capabilities, signals) and calls this struct.
//
// A free-running count and a compare register. TIM5 counts TimerClock.TicksPerMillisecond
// per millisecond over its full 32 bits (ARR = 2^32 - 1) and the service never writes
// CNT after Start: the clock is the count as last read (`_lastCount`) folded into
// milliseconds, and each read adds the ticks since the previous one (as a 32-bit
// difference, right across the counter's wrap). No request can lose a tick or delay
// another client's deadline, however often it comes (issue 28: the service used to
// restart the counter at every SetDeadline and Cancel, losing the ticks counted between
// its read and its write, so a client looping on Cancel made the clock lag).
//
// The deadline interrupt is channel 1's compare match (CCR1, CC1IF): CCR1 holds the
// count at which the earliest deadline is due, or, with none, MaxAheadTicks ahead, so
// that the service reads the counter at least that often and no difference it takes
// exceeds 32 bits. A compare value the counter passed while it was being written is
// found by reading the counter after the write, and handled at once. QEMU's model
// (hw/timer/stm32f2xx_timer.c) has no compare interrupt: there deadlines are found when
// the service wakes for another reason (a request, or a tick signal given to its
// notification in app.toml, docs/drivers.md).
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

        // The furthest ahead of the count the compare register is set: 2^30 ticks (about
        // three hours at 100 kHz), a quarter of the counter's range, so that a late
        // interrupt still finds the count less than one wrap past its last read.
        public const uint MaxAheadTicks = 1u << 30;

        private TRegisters _registers;
        private readonly TimerClientRecord[] _clients;
        private uint _lastCount;           // CNT at the last read: the clock's time
        private uint _clockMilliseconds;
        private uint _clockTicks;          // ticks of the clock's current millisecond, < TicksPerMillisecond

        public TimerService(TRegisters registers, TimerClientRecord[] clients)
        {
            _registers = registers;
            _clients = clients;
            _lastCount = 0;
            _clockMilliseconds = 0;
            _clockTicks = 0;
        }

        // Counts TicksPerMillisecond per millisecond from 0 over all 32 bits, with the
        // compare interrupt MaxAheadTicks ahead. URS: the software update below, which
        // loads the prescaler at once instead of at the first overflow, sets no flag.
        public void Start()
        {
            _registers.Write(TimerRegisters.Cr1, TimerRegisters.Cr1UpdateOnOverflowOnly);
            _registers.Write(TimerRegisters.Psc, TimerClock.Prescaler);
            _registers.Write(TimerRegisters.Arr, uint.MaxValue);
            _registers.Write(TimerRegisters.Ccr1, MaxAheadTicks);
            _registers.Write(TimerRegisters.Egr, TimerRegisters.EgrUpdateGeneration);
            _registers.Write(TimerRegisters.Cnt, 0);
            _registers.Write(TimerRegisters.Sr, 0);
            _registers.Write(TimerRegisters.Dier, TimerRegisters.DierCompare1Interrupt);
            _registers.Write(TimerRegisters.Cr1, TimerRegisters.Cr1UpdateOnOverflowOnly | TimerRegisters.Cr1CounterEnable);
        }

        public uint NowMilliseconds()
        {
            CatchUp();
            return _clockMilliseconds;
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

        // After every request and every interrupt: disarms and returns (a bit per record)
        // the clients whose deadline has come, and sets the compare register for the
        // earliest deadline left. Should the counter pass that value while it is being
        // written, the deadline is taken now instead of a wrap later.
        public uint Update()
        {
            uint due = 0;
            while (true)
            {
                due |= TakeDue(out uint ticksAhead);
                uint compare = _lastCount + ticksAhead;
                _registers.Write(TimerRegisters.Sr, ~TimerRegisters.SrCompare1);
                _registers.Write(TimerRegisters.Ccr1, compare);
                if ((int)(compare - _registers.Read(TimerRegisters.Cnt)) > 0)
                    return due;
            }
        }

        public bool IsArmed(int client) => _clients[client].Armed;

        // Disarms the clients whose deadline has come (a bit each in the result) and
        // gives the ticks from the clock's time to the earliest deadline left, at most
        // MaxAheadTicks.
        private uint TakeDue(out uint ticksAhead)
        {
            CatchUp();
            uint due = 0;
            ticksAhead = MaxAheadTicks;
            for (int i = 0; i < _clients.Length; i++)
            {
                if (!_clients[i].InUse || !_clients[i].Armed)
                    continue;
                int left = (int)(_clients[i].DeadlineMilliseconds - _clockMilliseconds);
                if (left <= 0)
                {
                    _clients[i].Armed = false;
                    due |= 1u << i;
                }
                else if ((uint)left <= MaxAheadTicks / TimerClock.TicksPerMillisecond)
                {
                    uint ticks = (uint)left * TimerClock.TicksPerMillisecond - _clockTicks;
                    if (ticks < ticksAhead)
                        ticksAhead = ticks;
                }
            }
            return due;
        }

        // Adds the ticks counted since the last read to the clock.
        private void CatchUp()
        {
            uint count = _registers.Read(TimerRegisters.Cnt);
            uint ticks = _clockTicks + (count - _lastCount);
            _lastCount = count;
            _clockMilliseconds += ticks / TimerClock.TicksPerMillisecond;
            _clockTicks = ticks % TimerClock.TicksPerMillisecond;
        }

        private int Find(uint badge)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                if (_clients[i].InUse && _clients[i].Badge == badge)
                    return i;
            }
            return -1;
        }
    }
}
