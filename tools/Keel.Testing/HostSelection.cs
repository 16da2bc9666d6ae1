// The host has no image whose selection block TestSelection could read
// (userlib/Arm/TestSelection.S): this assembly gives it an empty block, which selects
// every case, before any test runs.
#nullable enable
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.UserLib.Testing;

namespace Keel.Testing;

internal static unsafe class HostSelection
{
    public static readonly byte* Empty = (byte*)NativeMemory.AllocZeroed(TestSelectionBlock.PatternCapacity);

    // CA2255 warns that a library's module initializer runs at a time the library does
    // not choose; here that is the point: before any user test calls TestRun, which
    // would otherwise ask the (absent) image for its block.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void SelectEveryCase() => TestSelection.ReadPatternsFrom(Empty);
}
