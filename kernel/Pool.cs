// Unchecked access to the kernel's pools, for the hot paths only.
//
// Design: every pool is an array, and an ordinary index costs a bounds check
// (load the length, compare, branch) that the ahead-of-time compiler cannot
// prove away. On the IPC fastpath and the kernel entry most indices are
// already known to be valid: thread indices come from the kernel's own links
// (queues, Current, reply capabilities), object indices from capabilities the
// boot tables made, and slot indices are checked against their CNode first.
// Pool.At skips the bounds check for those, and only those: code that takes an
// index from a task's registers must check it before using it here. The host
// tests (KEEL_HOST_TESTS) keep the check, so an index that is not what the
// kernel claims fails a test instead of reading past a pool.

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.Kernel;

public static class Pool
{
    /// <summary>Element <paramref name="index"/> of a pool, which must be in range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if KEEL_HOST_TESTS
    public static ref T At<T>(T[] pool, int index) => ref pool[index];
#else
    public static ref T At<T>(T[] pool, int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pool), index);
#endif
}
