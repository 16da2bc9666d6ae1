// Which test cases a run selects, chosen when the image is booted, not when it is built
// (docs/testing.md), so `keel test --filter` runs the image the last build left.
//
// The selection lives in a block in the test task's flash (userlib/Arm/TestSelection.S):
// a 16-byte marker, then the patterns as NUL-terminated ASCII. The build leaves the
// patterns empty, which selects every case. Before boot the host finds the marker in a
// copy of the image file and writes the patterns after it
// (tests/Keel.Emulation/TestSelectionImage.cs). The marker and the block's size are
// stated once, in TestSelectionBlock.cs, which the host compiles too.
//
// Patterns are separated by '|'; in a pattern '*' matches any run of characters, '?' any
// one character, and letters match in either case ("ipc00*|MPU01??"). The same rules as
// the host's check of a --filter (tools/Keel.Cli/TestApplicationRunner.cs).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.UserLib.Testing
{
    public static unsafe class TestSelection
    {
        [DllImport("*", EntryPoint = "keel_test_selection")]
        [SuppressGCTransition]
        private static extern byte* ImagePatterns();

        // A host test's patterns in place of the image's block (the host has no image).
        private static byte* s_hostPatterns;

        private static byte* Patterns => s_hostPatterns != null ? s_hostPatterns : ImagePatterns();

        // Does `id` match one of the selected patterns (none given: every id)?
        public static bool Selects(string id)
        {
            byte* patterns = Patterns;
            if (patterns[0] == 0)
                return true;
            int start = 0;
            for (int i = 0; ; i++)
            {
                byte c = i < TestSelectionBlock.PatternCapacity ? patterns[i] : (byte)0;
                if (c != 0 && c != TestSelectionBlock.Separator)
                    continue;
                if (Glob(id, patterns, start, i))
                    return true;
                if (c == 0)
                    return false;
                start = i + 1;
            }
        }

        // Does id match patterns[from..to)? '*' stands for any run of characters, '?' for
        // one; letters match either case. Without recursion, so that the build can bound
        // the task's stack (docs/system-description.md): after a mismatch the last '*'
        // takes one more character and matching goes on after it.
        private static bool Glob(string id, byte* patterns, int from, int to)
        {
            int at = 0;
            int star = -1;
            int starAt = 0;
            while (at < id.Length)
            {
                if (from < to && patterns[from] == '*')
                {
                    star = from++;
                    starAt = at;
                }
                else if (from < to && (patterns[from] == '?' || Upper((char)patterns[from]) == Upper(id[at])))
                {
                    from++;
                    at++;
                }
                else if (star >= 0)
                {
                    from = star + 1;
                    at = ++starAt;
                }
                else
                    return false;
            }
            while (from < to && patterns[from] == '*')
                from++;
            return from == to;
        }

        private static char Upper(char c) => c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;

        // For host tests: read the patterns from `block` (the host has no image).
        internal static void ReadPatternsFrom(byte* block) => s_hostPatterns = block;
    }
}
