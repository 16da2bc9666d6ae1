// "Did you mean ...": for a name the description uses that nothing defines (a field, a
// task, an endpoint, a notification, a capability, a peripheral), the defined name it
// most likely misspells, appended to the checker's error. Close means a few edits
// away (insertions, deletions, substitutions and swaps of neighbours, the optimal
// string alignment distance), at most one per three characters of the longer name, so
// `priorty` suggests `priority` and `controll` suggests `control` but `led` does not
// suggest `log`. The closest wins, and only alone: `usart9` is as close to `usart1` as
// to `usart2`, and a guess between them would mislead.
namespace Keel.BuildTool.SystemDescription;

public static class Suggestions
{
    // " (did you mean 'priority'?)", or "" when no candidate is close enough.
    public static string DidYouMean(string written, IEnumerable<string> candidates) =>
        Closest(written, candidates) is string suggestion ? $" (did you mean '{suggestion}'?)" : "";

    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        bool tied = false;
        foreach (string candidate in candidates.Distinct())
        {
            if (candidate == written)
                continue;
            // Case-blind, so a name that differs only in case (distance 0) is the best suggestion.
            int distance = Distance(written.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance > Math.Max(written.Length, candidate.Length) / 3 || distance > bestDistance)
                continue;
            tied = distance == bestDistance;
            (best, bestDistance) = (candidate, distance);
        }
        return tied ? null : best;
    }

    // The optimal string alignment distance between `a` and `b`.
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + substitution);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
