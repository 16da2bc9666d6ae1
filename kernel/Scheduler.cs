// The scheduler: fixed priorities, round robin within a priority, direct
// hand-over on blocking IPC.
//
// Design (rule 15): one FIFO ready queue per priority level. The current
// thread is in no queue while it runs; ChooseNext puts it back at the FRONT
// of its level if it is still runnable - it was preempted or simply keeps
// going, and keeps the rest of its time slice - and then runs the head of the
// highest non-empty level. Hence:
//   * the highest-priority runnable thread always runs;
//   * a thread woken by IPC, a signal or Resume goes to the BACK of its level
//     (MakeRunnable) and only preempts threads of lower priority;
//   * Yield and an expired time slice move the current thread to the BACK of
//     its level with a fresh slice (MoveToBack), which is round robin;
//   * when a thread blocks in IPC and thereby wakes its partner (Call,
//     ReplyRecv), the partner goes to the FRONT of its level (HandOverTo):
//     if nothing of higher priority is runnable it runs next, in place of the
//     thread that blocked, without waiting behind its peers.
// No runnable thread at all is reported as NoThread; the hardware layer then
// sleeps until an interrupt.

namespace Keel.Kernel;

internal static class Scheduler
{
    /// <summary>Wakes a thread behind the other runnable threads of its priority.</summary>
    public static void MakeRunnable(ref KernelState k, int thread)
    {
        k.Threads[thread].State = ThreadState.Runnable;
        k.ReadyQueues[k.Threads[thread].Priority].Append(k.Threads, thread);
    }

    /// <summary>Wakes a thread that should take over from the current thread, which is about to block.</summary>
    public static void HandOverTo(ref KernelState k, int thread)
    {
        k.Threads[thread].State = ThreadState.Runnable;
        k.ReadyQueues[k.Threads[thread].Priority].PushFront(k.Threads, thread);
    }

    /// <summary>Puts a runnable thread at the back of its level with a fresh time slice.</summary>
    public static void MoveToBack(ref KernelState k, int thread)
    {
        ref Tcb tcb = ref k.Threads[thread];
        if (tcb.Queued)
            k.ReadyQueues[tcb.Priority].Remove(k.Threads, thread);
        tcb.TimeSliceLeft = k.TimeSliceTicks;
        k.ReadyQueues[tcb.Priority].Append(k.Threads, thread);
    }

    /// <summary>Yield: the caller goes to the back of its priority level.</summary>
    public static Error Yield(ref KernelState k, int caller)
    {
        MoveToBack(ref k, caller);
        return Error.Ok;
    }

    /// <summary>Counts a tick and charges it to the current thread's time slice.</summary>
    public static void Tick(ref KernelState k)
    {
        k.Ticks++;
        int current = k.Current;
        if (current == KernelState.NoThread || k.Threads[current].State != ThreadState.Runnable)
            return;
        if (--k.Threads[current].TimeSliceLeft == 0)
            MoveToBack(ref k, current);
    }

    /// <summary>Decides which thread runs next, records it as current and returns it (or NoThread).</summary>
    public static int ChooseNext(ref KernelState k)
    {
        int current = k.Current;
        if (current != KernelState.NoThread)
        {
            ref Tcb tcb = ref k.Threads[current];
            if (tcb.State == ThreadState.Runnable && !tcb.Queued)
                k.ReadyQueues[tcb.Priority].PushFront(k.Threads, current);
        }
        k.Current = KernelState.NoThread;
        for (int level = k.ReadyQueues.Length - 1; level >= 0; level--)
        {
            if (!k.ReadyQueues[level].IsEmpty)
            {
                k.Current = k.ReadyQueues[level].PopFront(k.Threads);
                break;
            }
        }
        return k.Current;
    }
}
