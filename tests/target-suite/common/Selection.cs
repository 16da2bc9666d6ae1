// Case selection: a case runs when its id matches one of the patterns, which are
// separated by '|'. In a pattern '*' matches any run of characters, '?' any one
// character, and letters match in either case ("ipc00*|MPU01??").
namespace Keel.Suite
{
    public static class Selection
    {
        public const char Separator = '|';

        public static bool Matches(string id, string patterns)
        {
            int start = 0;
            for (int i = 0; i <= patterns.Length; i++)
            {
                if (i < patterns.Length && patterns[i] != Separator)
                    continue;
                if (Glob(id, 0, patterns, start, i))
                    return true;
                start = i + 1;
            }
            return false;
        }

        // Does id[at..] match patterns[from..to)?
        private static bool Glob(string id, int at, string patterns, int from, int to)
        {
            while (from < to)
            {
                char p = patterns[from];
                if (p == '*')
                {
                    for (int rest = at; rest <= id.Length; rest++)
                    {
                        if (Glob(id, rest, patterns, from + 1, to))
                            return true;
                    }
                    return false;
                }
                if (at == id.Length || (p != '?' && Upper(p) != Upper(id[at])))
                    return false;
                at++;
                from++;
            }
            return at == id.Length;
        }

        private static char Upper(char c) => c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
}
