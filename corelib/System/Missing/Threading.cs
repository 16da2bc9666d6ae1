// KEEL1104: threads, tasks and timers of a process (corelib/System/Missing/Collections.cs
// says why these placeholders exist). A Keel task is one thread, scheduled by the kernel;
// it waits by blocking on IPC or a notification.
namespace System.Threading
{
    internal static class MissingThreading
    {
        internal const string Id = "KEEL1104";
        internal const string Thread = "Thread does not exist in firmware: a Keel task has one thread; to run code concurrently, make it another task in app.toml; to wait, block on IPC or a notification (Ipc.Recv, Notifications.Wait); for a delay, ask the timer service (drivers/timer: SetDeadline, then Notifications.Wait)";
        internal const string Task = "System.Threading.Tasks.Task needs a heap and a scheduler firmware does not have: to run code concurrently, make it another task in app.toml; to wait, block on IPC or a notification (Ipc.Recv, Notifications.Wait); for a delay, ask the timer service (drivers/timer: SetDeadline, then Notifications.Wait)";
        internal const string Timer = "System.Threading.Timer calls back on a thread pool firmware does not have: ask the timer service for a deadline (drivers/timer: SetDeadline) and wait for its notification (Notifications.Wait)";
    }

    [Obsolete(MissingThreading.Thread, error: true, DiagnosticId = MissingThreading.Id)]
    public sealed class Thread
    {
        [Obsolete(MissingThreading.Thread, error: true, DiagnosticId = MissingThreading.Id)]
        public static void Sleep(int millisecondsTimeout) { }

        [Obsolete(MissingThreading.Thread, error: true, DiagnosticId = MissingThreading.Id)]
        public void Start() { }

        [Obsolete(MissingThreading.Thread, error: true, DiagnosticId = MissingThreading.Id)]
        public void Join() { }
    }

    [Obsolete(MissingThreading.Timer, error: true, DiagnosticId = MissingThreading.Id)]
    public sealed class Timer
    {
        [Obsolete(MissingThreading.Timer, error: true, DiagnosticId = MissingThreading.Id)]
        public bool Change(int dueTime, int period) => false;
    }
}

namespace System.Threading.Tasks
{
    [Obsolete(MissingThreading.Task, error: true, DiagnosticId = MissingThreading.Id)]
    public class Task
    {
        [Obsolete(MissingThreading.Task, error: true, DiagnosticId = MissingThreading.Id)]
        public static Task Delay(int millisecondsDelay) => null;

        [Obsolete(MissingThreading.Task, error: true, DiagnosticId = MissingThreading.Id)]
        public static Task CompletedTask => null;

        [Obsolete(MissingThreading.Task, error: true, DiagnosticId = MissingThreading.Id)]
        public void Wait() { }
    }

#pragma warning disable KEEL1104 // derives from the placeholder above
    [Obsolete(MissingThreading.Task, error: true, DiagnosticId = MissingThreading.Id)]
    public class Task<TResult> : Task
    {
        [Obsolete(MissingThreading.Task, error: true, DiagnosticId = MissingThreading.Id)]
        public TResult Result => default;
    }
#pragma warning restore KEEL1104
}
