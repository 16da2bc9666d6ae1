// Sleep and a periodic wait: client-side helpers over the generated TimerClient
// (docs/drivers.md "Timer service"), SetDeadline then Wait until the timer service's
// signal. In a folder of its
// own because it calls the kernel (Notifications) and the generated client, which the
// drivers' host tests, compiling drivers/*/*.cs, have neither of.
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Drivers
{
    public static class TimerSleep
    {
        // Waits `milliseconds` on `notification` (the caller must hold it with `read`),
        // to which the caller subscribed the service with a capability whose badge has
        // the bits `timerBits`. Signals of other badges that come meanwhile do not end
        // the sleep: their bits come back in `otherBits`, for the caller to handle.
        public static Error Sleep(this TimerClient timer, uint milliseconds, uint notification, uint timerBits, out uint otherBits)
        {
            otherBits = 0;
            Error status = timer.SetDeadline(milliseconds);
            while (status == Error.Ok)
            {
                uint word = Notifications.Wait(notification, out status);
                otherBits |= word & ~timerBits;
                if ((word & timerBits) != 0)
                    break;
            }
            return status;
        }

        // Waits until the end of the schedule's next period (PeriodicSchedule), as Sleep
        // waits: a loop that calls it runs once per period without drifting, however
        // long each turn takes. `missed` counts the periods that ended while the caller
        // was busy past them.
        public static Error WaitForNextPeriod(this TimerClient timer, ref PeriodicSchedule schedule, uint notification, uint timerBits, out uint missed, out uint otherBits)
        {
            missed = 0;
            otherBits = 0;
            Error status = timer.Now(out uint now);
            if (status != Error.Ok)
                return status;
            return timer.Sleep(schedule.Next(now, out missed), notification, timerBits, out otherBits);
        }
    }
}
