// `Keel.BuildTool link-errors <ld output> [<app.toml>]`: what a failed link means, in
// MSBuild's canonical form. KeelLink (sdk/targets/Keel.Image.targets) runs it with ld's output
// when ld fails, because ld's own lines are not in a form MSBuild shows as errors: at
// normal verbosity the build said only that ld "exited with code 1".
//
// A memory window that overflowed (ld: "region `TASK_SENSOR_FLASH' overflowed by 904
// bytes") becomes an error at the app.toml field that sizes it, with what the task or
// kernel needs and a value that fits. A task's window is an MPU region, so the value
// is the next power of two (docs/system-description.md); the kernel's windows only
// need to hold the kernel, so the next KiB. ld's "section ... will not fit in region"
// line adds nothing to the overflow and is left out. Every other line (and every line
// of an image with no system description) is passed on as an error as ld worded it.
// The command always exits with status 1: the link failed.
using System.Numerics;
using System.Text.RegularExpressions;
using Keel.BuildTool.SystemDescription;

namespace Keel.BuildTool;

public static partial class LinkErrors
{
    public const string Usage = "link-errors <ld output> [<app.toml>]";

    // A line of ld's output that is not a window overflow.
    public const string LinkFailed = "KEEL0301";

    private const long KernelWindowGranule = 1024;

    [GeneratedRegex(@"region `(?<region>[A-Za-z0-9_]+)' overflowed by (?<bytes>\d+) bytes")]
    private static partial Regex Overflow();

    [GeneratedRegex(@"will not fit in region `(?<region>[A-Za-z0-9_]+)'")]
    private static partial Regex WillNotFit();

    public static int Run(string ldOutputPath, string? tomlPath)
    {
        foreach (string error in Explain(File.ReadAllLines(ldOutputPath), tomlPath))
            Console.Error.WriteLine(error);
        return 1;
    }

    // One error line per line of ld's output that says something.
    public static IReadOnlyList<string> Explain(IReadOnlyList<string> ldOutput, string? tomlPath)
    {
        var app = tomlPath is null ? null : AppDescriptionParser.Parse(Path.GetFullPath(tomlPath), (_, _) => { });
        var overflows = new DiagnosticBag();
        var windows = app is null ? new Dictionary<string, Window>() : Windows(app, overflows.For(app.TomlPath, Diagnostic.WindowTooSmall));
        var errors = new List<string>();
        foreach (string line in ldOutput.Where(line => line.Trim().Length > 0))
        {
            var overflow = Overflow().Match(line);
            var notFit = WillNotFit().Match(line);
            if (overflow.Success && windows.TryGetValue(overflow.Groups["region"].Value, out var window))
            {
                window.Explain(overflow.Groups["region"].Value, long.Parse(overflow.Groups["bytes"].Value));
                errors.Add(overflows.All[^1].ToString());
            }
            else if (!(notFit.Success && windows.ContainsKey(notFit.Groups["region"].Value)))
                errors.Add($"error {LinkFailed}: {line.Trim()}");
        }
        if (errors.Count == 0)
            errors.Add($"error {LinkFailed}: the link failed and ld printed nothing");
        return errors;
    }

    // The memory regions memory.ld (LinkerScriptWriter) names, by the section of the
    // description that owns them and the field that sizes them.
    private static Dictionary<string, Window> Windows(AppDescription app, Reporter report)
    {
        var top = new Section(AppDescriptionParser.TopLevel, [], app.Source, report);
        var windows = new Dictionary<string, Window>();
        if (app.Kernel is { } kernel)
        {
            var section = AppChecker.KernelSection(top);
            windows["KERNEL_FLASH"] = new Window(section, "the kernel", "flash", kernel.Flash, IsMpuRegion: false);
            windows["KERNEL_RAM"] = new Window(section, "the kernel", "ram", kernel.Ram, IsMpuRegion: false);
        }
        foreach (var task in app.Tasks)
        {
            var section = AppChecker.TaskSection(top, task.Name);
            windows[Identifiers.FlashRegion(task.Name)] = new Window(section, "the task", "flash", task.Flash, IsMpuRegion: true);
            windows[Identifiers.RamRegion(task.Name)] = new Window(section, "the task", "ram", task.Ram, IsMpuRegion: true);
        }
        return windows;
    }

    private sealed record Window(Section Owner, string OwnerName, string Field, long? Size, bool IsMpuRegion)
    {
        // Reports, at the field, what the window must hold and a value that does.
        public void Explain(string region, long missing)
        {
            long size = Size ?? 0;
            long needed = size + missing;
            string memory = Field == "flash" ? "flash" : IsMpuRegion ? "RAM (its stack and IPC buffer included)" : "RAM";
            string fits = IsMpuRegion
                ? $"{BitOperations.RoundUpToPowerOf2((ulong)needed)} (a task's window is an MPU region, so its size is a power of two)"
                : $"{(needed + KernelWindowGranule - 1) / KernelWindowGranule * KernelWindowGranule} (the next multiple of {KernelWindowGranule} that fits)";
            Owner.Field(Field, $"{OwnerName} needs {needed} bytes of {memory} but its window ({region}) holds {size}, {missing} bytes short: set {Field} = {fits}");
        }
    }
}
