using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.UserLib.Testing;

namespace Keel.Generators.Tests;

// The host has no image whose selection block TestSelection could read
// (userlib/Arm/TestSelection.S): this test assembly gives it an empty block, which
// selects every case, before any test runs. CheckTests writes patterns into its own.
internal static unsafe class HostSelection
{
    public static readonly byte* Empty = (byte*)NativeMemory.AllocZeroed(TestSelectionBlock.PatternCapacity);

    [ModuleInitializer]
    internal static void SelectEveryCase() => TestSelection.ReadPatternsFrom(Empty);
}
