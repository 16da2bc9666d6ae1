// KEEL1105: clocks, and KEEL1106: random numbers (corelib/System/Missing/Collections.cs
// says why these placeholders exist).
namespace System
{
    internal static class MissingTime
    {
        internal const string Id = "KEEL1105";
        internal const string DateTime = "DateTime needs a calendar clock, and firmware has none: for time since boot in milliseconds, ask the timer service (drivers/timer: ITimer.Now(out uint milliseconds))";
        internal const string Stopwatch = "Stopwatch needs the operating system's clock, and firmware has none: read the timer service's milliseconds (drivers/timer: ITimer.Now) before and after, and subtract";
        internal const string RandomId = "KEEL1106";
        internal const string Random = "Random is not in firmware: keep a small generator of your own in a struct (xorshift32: x ^= x << 13; x ^= x >> 17; x ^= x << 5), seeded from something that varies (a timer reading); it is not for secrets";
    }

    [Obsolete(MissingTime.DateTime, error: true, DiagnosticId = MissingTime.Id)]
    public struct DateTime
    {
        [Obsolete(MissingTime.DateTime, error: true, DiagnosticId = MissingTime.Id)]
        public static DateTime Now => default;

        [Obsolete(MissingTime.DateTime, error: true, DiagnosticId = MissingTime.Id)]
        public static DateTime UtcNow => default;
    }

    [Obsolete(MissingTime.Random, error: true, DiagnosticId = MissingTime.RandomId)]
    public class Random
    {
        public Random() { }

        public Random(int seed) { }

        [Obsolete(MissingTime.Random, error: true, DiagnosticId = MissingTime.RandomId)]
        public int Next() => 0;

        [Obsolete(MissingTime.Random, error: true, DiagnosticId = MissingTime.RandomId)]
        public int Next(int maxValue) => 0;

        [Obsolete(MissingTime.Random, error: true, DiagnosticId = MissingTime.RandomId)]
        public int Next(int minValue, int maxValue) => 0;

        [Obsolete(MissingTime.Random, error: true, DiagnosticId = MissingTime.RandomId)]
        public float NextSingle() => 0;
    }
}

namespace System.Diagnostics
{
    [Obsolete(MissingTime.Stopwatch, error: true, DiagnosticId = MissingTime.Id)]
    public sealed class Stopwatch
    {
        public Stopwatch() { }

        [Obsolete(MissingTime.Stopwatch, error: true, DiagnosticId = MissingTime.Id)]
        public static Stopwatch StartNew() => null;

        [Obsolete(MissingTime.Stopwatch, error: true, DiagnosticId = MissingTime.Id)]
        public void Start() { }

        [Obsolete(MissingTime.Stopwatch, error: true, DiagnosticId = MissingTime.Id)]
        public void Stop() { }

        [Obsolete(MissingTime.Stopwatch, error: true, DiagnosticId = MissingTime.Id)]
        public void Restart() { }

        [Obsolete(MissingTime.Stopwatch, error: true, DiagnosticId = MissingTime.Id)]
        public long ElapsedMilliseconds => 0;

        [Obsolete(MissingTime.Stopwatch, error: true, DiagnosticId = MissingTime.Id)]
        public long ElapsedTicks => 0;
    }
}
