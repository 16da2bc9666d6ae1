// What one step's MSBuild runs wrote to the file log the benchmark asks for
// (Directory.Build.rsp above the application: -flp with performancesummary): which
// images ILC compiled (Keel.Native.targets' "<image>: ILC -> <object>" message, one per
// run), MSBuild's own elapsed time (the summary), the time it spent evaluating projects,
// and the targets that took longest.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Keel.BuildBench;

public sealed partial record BuildLog(IReadOnlyList<string> IlcImages, double MsBuildSeconds, double EvaluationSeconds, IReadOnlyList<(string Target, double Seconds)> Targets)
{
    public static BuildLog Read(IEnumerable<string> logs)
    {
        var images = new List<string>();
        double elapsed = 0, evaluation = 0;
        var targets = new Dictionary<string, double>();
        foreach (string log in logs)
        {
            string text = File.ReadAllText(log);
            images.AddRange(IlcRun().Matches(text).Select(m => m.Groups["image"].Value));
            if (TimeElapsed().Match(text) is { Success: true } time)
                elapsed += TimeSpan.Parse(time.Groups["time"].Value, CultureInfo.InvariantCulture).TotalSeconds;
            evaluation += Section(text, "Project Evaluation Performance Summary:", "Project Performance Summary:")
                .Select(line => ProjectTime().Match(line)).Where(m => m.Success)
                .Sum(m => double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000);
            int summary = text.IndexOf("Target Performance Summary:", StringComparison.Ordinal);
            if (summary < 0)
                continue;
            int end = text.IndexOf("Task Performance Summary:", summary, StringComparison.Ordinal);
            foreach (Match target in TargetTime().Matches(text[summary..(end < 0 ? text.Length : end)]))
            {
                string name = target.Groups["target"].Value;
                targets[name] = targets.GetValueOrDefault(name) + double.Parse(target.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000;
            }
        }
        return new BuildLog(images, elapsed, evaluation, targets.OrderByDescending(t => t.Value).Select(t => (t.Key, t.Value)).ToArray());
    }

    // The lines of the section that starts with `heading`, up to `next`.
    private static string[] Section(string text, string heading, string next)
    {
        int start = text.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0)
            return [];
        int end = text.IndexOf(next, start, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)].Split('\n');
    }

    [GeneratedRegex(@"^\s*(?<ms>\d+) ms\s+\S+\s+\d+ calls?")]
    private static partial Regex ProjectTime();

    [GeneratedRegex(@"^\s*(?<image>\S+): ILC -> ", RegexOptions.Multiline)]
    private static partial Regex IlcRun();

    [GeneratedRegex(@"^Time Elapsed (?<time>\d+:\d\d:\d\d\.\d+)", RegexOptions.Multiline)]
    private static partial Regex TimeElapsed();

    [GeneratedRegex(@"^\s*(?<ms>\d+) ms\s+(?<target>\S+)\s+\d+ calls?", RegexOptions.Multiline)]
    private static partial Regex TargetTime();
}
