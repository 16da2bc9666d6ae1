// The layout of the test-case selection block (userlib/Arm/TestSelection.S, read by
// userlib/TestSelection.cs), shared with the host that fills it
// (tests/Keel.Emulation/TestSelectionImage.cs compiles this file): a 16-byte marker,
// then the patterns, NUL-terminated. TestSelection.S spells the same marker and size.
namespace Keel.UserLib.Testing
{
    public static class TestSelectionBlock
    {
        // The marker's bytes, which the host looks for in the image file.
        public const string MarkerText = "KEEL-TEST-SELECT";

        // Room for the patterns and their NUL.
        public const int PatternCapacity = 256;

        public const byte Separator = (byte)'|';
    }
}
