// Endpoints: rendezvous points for synchronous IPC.
//
// Design: an endpoint holds nothing but a FIFO queue of blocked threads
// (rule 15: endpoint queues are FIFO). As in seL4 the queue holds either
// senders or receivers, never both - a sender arriving while a receiver waits
// completes at once, and vice versa - so which kind of thread waits is read
// off the state of the thread at the head instead of being stored separately.
// Messages are never buffered in the endpoint: a blocked sender's message
// stays in its own registers and IPC buffer until a receiver takes it.

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.Kernel;

[StructLayout(LayoutKind.Sequential)]
public struct Endpoint
{
    public ThreadQueue Queue;

    /// <summary>The first thread waiting in the given state (BlockedOnSend or BlockedOnReceive), or NoThread.</summary>
    public readonly int FirstWaiting(Tcb[] threads, ThreadState state) =>
        !Queue.IsEmpty && Pool.At(threads, Queue.Head).State == state ? Queue.Head : KernelState.NoThread;

    /// <summary>Removes and returns the first thread waiting in the given state, or returns NoThread.</summary>
    public int TakeWaiting(Tcb[] threads, ThreadState state) =>
        FirstWaiting(threads, state) != KernelState.NoThread ? Queue.PopFront(threads) : KernelState.NoThread;

    /// <summary>Blocks a thread at the back of the queue, through the capability in pool slot <paramref name="slot"/> (or NoSlot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(ref KernelState k, int thread, int endpoint, int slot, ThreadState state)
    {
        ref Tcb tcb = ref Pool.At(k.Threads, thread);
        tcb.State = state;
        tcb.Ipc.Object = endpoint;
        tcb.Ipc.Slot = slot;
        Pool.At(k.Endpoints, endpoint).Queue.Append(k.Threads, thread);
    }
}
