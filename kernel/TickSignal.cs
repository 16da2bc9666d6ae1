// Tick signals: the kernel's only timer service.
//
// Design: a boot table (KernelState.TickSignals) names notifications that the
// kernel signals, each with its badge, every EveryTicks SysTick ticks. A task
// that wants a periodic wake-up Waits on such a notification (or Recvs, if it
// is bound to it); the signal goes through Signals.Raise like any other
// (rule 13), so bits coalesce and a late waiter still finds them. Each entry
// counts down to its next signal, so a tick costs one decrement per entry and
// the kernel needs no 64-bit division; the pool is fixed at build time.

using System.Runtime.InteropServices;

namespace Keel.Kernel;

[StructLayout(LayoutKind.Sequential)]
public struct TickSignal
{
    public int Notification;

    /// <summary>Bits each signal ORs into the notification.</summary>
    public uint Badge;

    /// <summary>The period in ticks (at least 1): signalled on ticks EveryTicks, 2 × EveryTicks, … after Initialise.</summary>
    public uint EveryTicks;

    /// <summary>Ticks until the next signal; Initialise sets it to EveryTicks.</summary>
    public uint TicksLeft;
}

internal static class Timers
{
    /// <summary>Restarts every countdown from its period (Initialise).</summary>
    public static void Reset(ref KernelState k)
    {
        for (int i = 0; i < k.TickSignals.Length; i++)
            k.TickSignals[i].TicksLeft = k.TickSignals[i].EveryTicks;
    }

    /// <summary>Counts one tick down on every entry and signals those that are due.</summary>
    public static void SignalDue(ref KernelState k)
    {
        for (int i = 0; i < k.TickSignals.Length; i++)
        {
            ref TickSignal entry = ref k.TickSignals[i];
            if (--entry.TicksLeft != 0)
                continue;
            entry.TicksLeft = entry.EveryTicks;
            Signals.Raise(ref k, entry.Notification, entry.Badge);
        }
    }
}
