// The timer service's interface (drivers/timer, docs/drivers.md "Timer service"): a
// millisecond clock and one deadline per client, on one hardware timer.
//
// A client transfers a notification once (Subscribe); each SetDeadline then has the
// service signal that notification when the time comes, once. A task bound to that
// notification (app.toml `bound-notification`) is woken from a Recv by it, which is
// how a server or client gives an IPC a timeout; `Sleep` (TimerClient) is SetDeadline
// followed by a Wait. Clients are told apart by the badge of their capability to the
// service, so each needs its own badge (app.toml).
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Drivers
{
    public static class TimerLimits
    {
        // The furthest a deadline may lie ahead: half the clock's range, so that "due"
        // (deadline - now, as a signed number, not positive) holds across the wrap.
        public const uint MaxDeadlineMilliseconds = 0x7FFFFFFF;
    }

    // The ends of a periodic wait's periods in the service's clock: start + period,
    // start + 2 × period, ..., so a wake-up that comes late shortens the next wait
    // instead of pushing every later period back (TimerSleep.WaitForNextPeriod).
    public struct PeriodicSchedule
    {
        private readonly uint _period;
        private uint _end;

        public PeriodicSchedule(uint startMilliseconds, uint periodMilliseconds)
        {
            _period = periodMilliseconds;
            _end = startMilliseconds;
        }

        // Moves to the next period's end and gives the milliseconds from `now` to it (0
        // if it has passed). Periods that ended before `now` entirely are skipped, and
        // counted in `missed`, rather than signalled in a burst.
        public uint Next(uint nowMilliseconds, out uint missed)
        {
            missed = 0;
            _end += _period;
            int left = (int)(_end - nowMilliseconds);
            if (left < 0 && _period > 0)
            {
                missed = ((uint)-left + _period - 1) / _period;
                _end += missed * _period;
                left = (int)(_end - nowMilliseconds);
            }
            return left > 0 ? (uint)left : 0;
        }
    }

    [IpcInterface]
    public interface ITimer
    {
        // Milliseconds since the service started; wraps after 2^32 (49.7 days).
        Error Now(out uint milliseconds);

        // Takes the caller's client record (Busy when every record is taken by other
        // badges) and the notification the service signals at the caller's deadline,
        // replacing one given before.
        Error Subscribe([Transfer] uint notification);

        // Sets the caller's one deadline (replacing any) `millisecondsFromNow` ahead:
        // 0 signals at once. NotOwned before Subscribe; InvalidArgument beyond
        // TimerLimits.MaxDeadlineMilliseconds.
        Error SetDeadline(uint millisecondsFromNow);

        // Drops the caller's deadline, if any: no signal comes. NotOwned before Subscribe.
        Error Cancel();
    }
}
