// The scheduler: fixed priorities, round robin within a priority, direct
// hand-over on blocking IPC.
//
// Design (rule 15): one FIFO ready queue per priority level. The current
// thread is in no queue while it runs; ChooseNext puts it back at the FRONT
// of its level if it is still runnable - it was preempted or simply keeps
// going, and keeps the rest of its time slice - and then runs the head of the
// highest non-empty level. Hence:
//   * the highest-priority runnable thread always runs;
//   * a thread woken by IPC, a signal, Resume or a fault reply, or whose
//     blocked IPC was ended early, goes to the BACK of its level
//     (MakeRunnable) and only preempts threads of lower priority;
//   * Yield and an expired time slice move the current thread to the BACK of
//     its level with a fresh slice (MoveToBack), which is round robin;
//   * when a system call wakes a thread and blocks the caller (a Call or a
//     fault delivered to a waiting receiver, a ReplyRecv whose receive
//     blocks - never a fault reply), the woken thread goes to the FRONT of
//     its level (HandOverTo): if nothing of higher priority is runnable it
//     runs next, in place of the thread that blocked, without waiting behind
//     its peers.
// No runnable thread at all is reported as NoThread; the hardware layer then
// sleeps until an interrupt.
//
// KernelState.ReadyLevels has bit n set exactly when level n's queue is not
// empty, so the highest runnable level is found by the position of the top
// bit rather than by scanning every level (there are at most 32). Every
// change to a ready queue goes through the four helpers at the end, which
// keep the two in step.

using System.Runtime.CompilerServices;

namespace Keel.Kernel;

internal static class Scheduler
{
    /// <summary>Most priority levels: one bit each in KernelState.ReadyLevels.</summary>
    public const int MaxLevels = 32;

    /// <summary>Wakes a thread behind the other runnable threads of its priority.</summary>
    public static void MakeRunnable(ref KernelState k, int thread)
    {
        ref Tcb tcb = ref Pool.At(k.Threads, thread);
        tcb.State = ThreadState.Runnable;
        AppendReady(ref k, ref tcb, thread);
    }

    /// <summary>Wakes a thread that should take over from the current thread, which is about to block.</summary>
    public static void HandOverTo(ref KernelState k, int thread)
    {
        ref Tcb tcb = ref Pool.At(k.Threads, thread);
        tcb.State = ThreadState.Runnable;
        PushReady(ref k, ref tcb, thread);
    }

    /// <summary>Puts a runnable thread at the back of its level with a fresh time slice.</summary>
    public static void MoveToBack(ref KernelState k, int thread)
    {
        ref Tcb tcb = ref Pool.At(k.Threads, thread);
        if (tcb.Queued)
            RemoveReady(ref k, thread);
        tcb.TimeSliceLeft = k.TimeSliceTicks;
        AppendReady(ref k, ref tcb, thread);
    }

    /// <summary>Yield: the caller goes to the back of its priority level.</summary>
    public static Error Yield(ref KernelState k, int caller)
    {
        MoveToBack(ref k, caller);
        return Error.Ok;
    }

    /// <summary>Decides which thread runs next, records it as current and returns it (or NoThread).</summary>
    public static int ChooseNext(ref KernelState k)
    {
        int current = k.Current;
        if (current != KernelState.NoThread)
        {
            ref Tcb tcb = ref Pool.At(k.Threads, current);
            if (tcb.State == ThreadState.Runnable && !tcb.Queued)
                PushReady(ref k, ref tcb, current);
        }
        return RunHighest(ref k);
    }

    /// <summary>
    /// ChooseNext when the current thread is known to be in no ready queue and not to
    /// be put back (it has just blocked): takes the head of the highest ready level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RunHighest(ref KernelState k)
    {
        uint levels = k.ReadyLevels;
        int next = levels == 0 ? KernelState.NoThread : PopReady(ref k, HighestLevel(levels));
        k.Current = next;
        return next;
    }

    /// <summary>Whether a thread of this priority, put at the front of its level, would be the one ChooseNext picks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool WouldRunNext(ref KernelState k, byte priority) => (k.ReadyLevels >> priority >> 1) == 0;

    /// <summary>Whether a thread of this priority, put anywhere in its level, would be the one ChooseNext picks: no thread is ready at its level or above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool WouldRunAlone(ref KernelState k, byte priority) => (k.ReadyLevels >> priority) == 0;

    /// <summary>The highest level whose bit is set in a non-zero level mask: a binary search, halving the bits looked at each step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int HighestLevel(uint levels)
    {
        int level = 0;
        if (levels >> 16 != 0) { levels >>= 16; level += 16; }
        if (levels >> 8 != 0) { levels >>= 8; level += 8; }
        if (levels >> 4 != 0) { levels >>= 4; level += 4; }
        if (levels >> 2 != 0) { levels >>= 2; level += 2; }
        if (levels >> 1 != 0) level += 1;
        return level;
    }

    // ---- The ready queues and their level bits ----
    // Levels are threads' priorities, which boot checked against the pool of ready
    // queues, and thread indices are the kernel's own: Pool.At throughout, and the
    // callers hand in the record they already hold.

    /// <summary>Puts a thread at the back of its level's ready queue (<paramref name="tcb"/> is <c>k.Threads[thread]</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AppendReady(ref KernelState k, ref Tcb tcb, int thread)
    {
        int level = tcb.Priority;
        Pool.At(k.ReadyQueues, level).Append(k.Threads, thread);
        k.ReadyLevels |= 1u << level;
    }

    /// <summary>Puts a thread at the front of its level's ready queue.</summary>
    public static void PushReady(ref KernelState k, int thread) => PushReady(ref k, ref Pool.At(k.Threads, thread), thread);

    /// <summary>The same, for a caller that holds the thread's record (<paramref name="tcb"/> is <c>k.Threads[thread]</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PushReady(ref KernelState k, ref Tcb tcb, int thread)
    {
        int level = tcb.Priority;
        Pool.At(k.ReadyQueues, level).PushFront(k.Threads, thread);
        k.ReadyLevels |= 1u << level;
    }

    /// <summary>Takes a thread that is in its level's ready queue out of it.</summary>
    public static void RemoveReady(ref KernelState k, int thread)
    {
        int level = Pool.At(k.Threads, thread).Priority;
        ref ThreadQueue queue = ref Pool.At(k.ReadyQueues, level);
        queue.Remove(k.Threads, thread);
        if (queue.IsEmpty)
            k.ReadyLevels &= ~(1u << level);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int PopReady(ref KernelState k, int level)
    {
        ref ThreadQueue queue = ref Pool.At(k.ReadyQueues, level);
        int thread = queue.PopFront(k.Threads);
        if (queue.IsEmpty)
            k.ReadyLevels &= ~(1u << level);
        return thread;
    }
}
