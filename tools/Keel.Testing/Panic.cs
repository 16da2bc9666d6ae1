#nullable enable
using System;

namespace Keel.Runtime
{
    // The core library's panic (corelib/Internal/Panic.cs) for the host: an exception the
    // tests can expect, where the target stops the task.
    public static class Panic
    {
        public static void Fail(string reason) => throw new PanicException(reason);
    }

    public sealed class PanicException(string reason) : Exception(reason);
}
