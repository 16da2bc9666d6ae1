// Intrusive FIFO queues of threads: ready queues, endpoint queues and
// notification wait queues.
//
// Design: each TCB has exactly one link (Next) and one flag (Queued), and every
// queue in the kernel threads its members through that link. A thread
// therefore cannot be in two queues at once - the invariant holds by
// construction rather than by care - and no queue needs storage of its own
// beyond a head and a tail. Removal from the middle walks the queue; queues
// are as short as the thread pool, and removal only happens when a thread is
// suspended, restarted or woken by its bound notification, or when a walk
// that already knows the predecessor ends IPC early (Lifecycle.cs).
//
// Every index a queue handles is the kernel's own (a link, Current, a thread
// just taken from a queue or a capability), so members are reached with
// Pool.At, without a bounds check, and the short operations are inlined into
// the scheduler and IPC paths that use them.

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.Kernel;

[StructLayout(LayoutKind.Sequential)]
public struct ThreadQueue
{
    public int Head;
    public int Tail;

    public static ThreadQueue Empty
    {
        get
        {
            ThreadQueue queue;
            queue.Head = KernelState.NoThread;
            queue.Tail = KernelState.NoThread;
            return queue;
        }
    }

    public readonly bool IsEmpty => Head == KernelState.NoThread;

    /// <summary>Adds a thread at the back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(Tcb[] threads, int thread)
    {
        ref Tcb tcb = ref Pool.At(threads, thread);
        tcb.Next = KernelState.NoThread;
        tcb.Queued = true;
        if (IsEmpty)
            Head = thread;
        else
            Pool.At(threads, Tail).Next = thread;
        Tail = thread;
    }

    /// <summary>Adds a thread at the front.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushFront(Tcb[] threads, int thread)
    {
        ref Tcb tcb = ref Pool.At(threads, thread);
        tcb.Next = Head;
        tcb.Queued = true;
        if (IsEmpty)
            Tail = thread;
        Head = thread;
    }

    /// <summary>Removes and returns the front thread; the queue must not be empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int PopFront(Tcb[] threads)
    {
        int thread = Head;
        ref Tcb tcb = ref Pool.At(threads, thread);
        Head = tcb.Next;
        if (Head == KernelState.NoThread)
            Tail = KernelState.NoThread;
        tcb.Next = KernelState.NoThread;
        tcb.Queued = false;
        return thread;
    }

    /// <summary>Removes a thread that is in this queue.</summary>
    public void Remove(Tcb[] threads, int thread)
    {
        int previous = KernelState.NoThread;
        for (int t = Head; t != thread; t = Pool.At(threads, t).Next)
            previous = t;
        RemoveAfter(threads, previous, thread);
    }

    /// <summary>Removes a member whose predecessor is known (NoThread: it is the head), in constant time.</summary>
    public void RemoveAfter(Tcb[] threads, int previous, int thread)
    {
        if (previous == KernelState.NoThread)
        {
            PopFront(threads);
            return;
        }
        ref Tcb tcb = ref Pool.At(threads, thread);
        Pool.At(threads, previous).Next = tcb.Next;
        if (Tail == thread)
            Tail = previous;
        tcb.Next = KernelState.NoThread;
        tcb.Queued = false;
    }
}
