// The build benchmark (docs/build-performance.md): what a user's edit loop costs. On a
// new user's machine (Keel.Emulation's UserMachine: Keel's packages packed into a feed,
// a clean HOME and package folder) it makes the template application and times, each
// from the user's command line:
//
//   keel-startup         keel --version: what starting keel costs, before any build
//   clean-build          keel build of the new application
//   no-change-build      keel build again
//   one-line-build       keel build after one line of tasks/client/Program.cs changed
//   add-task-build       keel build after keel new task extra
//   test-first           keel test (builds the test application)
//   test-filter          keel test --filter <one case> with no change: to its first case
//   run-no-change        keel run with no change: to the image's first console line
//   run-one-line         keel run after one line changed: to the first console line
//
// and counts each step's ILC runs from the build's own log (BuildLog): a file logger
// that a Directory.Build.rsp above the application adds to every MSBuild run. Each
// step's row, with the machine (cores, CPU, load average when the step started) and
// the commit, is appended to bench/results/build.csv beside the earlier runs; the
// slowest targets of each step go to bench/results/build-targets.csv.
//
//   dotnet run --project bench/Keel.BuildBench [-- --feed DIR] [--label TEXT]
//
// The steps run with .NET's defaults, as on a user's machine: the C# compiler server and
// MSBuild's reusable nodes on (a session whose environment turns them off, as
// UseSharedCompilation=false and MSBUILDDISABLENODEREUSE=1 do, starts a fresh compiler
// and fresh MSBuild nodes for every build); --no-servers keeps them off. Either way the
// CSV says which (servers). The servers this starts end by themselves when idle.
//
// --feed takes Keel's packages already packed there (dotnet pack Keel.Packages.slnf)
// instead of packing them; --label names the run in the CSV (default: the commit).
using System.Diagnostics;
using System.Globalization;
using Keel.BuildBench;
using Keel.Emulation;

string? feed = Option("--feed");
string commit = (await HostProcess.RunAsync("git", ["rev-parse", "--short", "HEAD"], TimeSpan.FromMinutes(1), workingDirectory: Repository.Root)).Console.Trim();
string label = Option("--label") ?? commit;
bool servers = !args.Contains("--no-servers");
var stepLimit = TimeSpan.FromMinutes(15);

var machine = new UserMachine(Directory.CreateTempSubdirectory("keel-build-bench-").FullName);
Console.WriteLine($"keel-build-bench: a new user's machine in {machine.Root}");
try
{
    if (feed is null)
        await machine.PackAsync(Setup);
    else
    {
        Directory.CreateDirectory(machine.Feed);
        foreach (string package in Directory.GetFiles(feed, "*.nupkg"))
            File.Copy(package, Path.Combine(machine.Feed, Path.GetFileName(package)));
    }
    string app = await machine.NewApplicationAsync(Setup, "Orchard");
    await Setup(machine.Environment, app, "dotnet", "tool", "restore");

    string logs = Directory.CreateDirectory(Path.Combine(machine.Root, "logs")).FullName;
    File.WriteAllText(Path.Combine(machine.Home, "Directory.Build.rsp"),
        $"-flp:logfile={Path.Combine(logs, "build.log")};verbosity=minimal;summary;performancesummary\n");

    string client = Path.Combine(app, "tasks", "client", "Program.cs");
    int edits = 0;
    void ChangeOneLine()
    {
        const string Line = "client: reading the clock controller, which was not granted";
        string text = File.ReadAllText(client);
        int at = text.IndexOf(Line, StringComparison.Ordinal);
        int end = text.IndexOf('"', at);
        File.WriteAllText(client, text[..(at + Line.Length)] + $" (edit {++edits})" + text[end..]);
    }

    var rows = new List<StepResult>
    {
        await Timed("keel-startup", app, ["keel", "--version"]),
        await Timed("clean-build", app, ["keel", "build"]),
        await Timed("no-change-build", app, ["keel", "build"]),
    };
    ChangeOneLine();
    rows.Add(await Timed("one-line-build", app, ["keel", "build"]));
    await Setup(UserEnvironment(), app, "dotnet", "keel", "new", "task", "extra");
    rows.Add(await Timed("add-task-build", app, ["keel", "build"]));
    rows.Add(await Timed("test-first", app, ["keel", "test"], FirstCase));
    rows.Add(await Timed("test-filter", app, ["keel", "test", "--filter", "LargestAmountIsAccepted"], FirstCase));
    rows.Add(await Timed("run-no-change", app, ["keel", "run"], FirstConsoleLine));
    ChangeOneLine();
    rows.Add(await Timed("run-one-line", app, ["keel", "run"], FirstConsoleLine));

    Record(rows);
    return 0;

    // One step of the loop, timed from the command's start; `firstLine` picks the line
    // whose time is reported (null: none).
    async Task<StepResult> Timed(string scenario, string folder, string[] keel, Func<string?, string, bool>? firstLine = null)
    {
        foreach (string old in Directory.GetFiles(logs))
            File.Delete(old);
        double load = LoadAverage();
        Console.WriteLine($"keel-build-bench: {scenario}: dotnet {string.Join(' ', keel)} (load average {load:0.00})");
        var clock = Stopwatch.StartNew();
        double? built = null, first = null;
        string? previous = null;
        EmulatorRun run = await HostProcess.RunAsync("dotnet", keel, stepLimit, workingDirectory: folder, environment: UserEnvironment(), onLine: line =>
        {
            lock (clock)
            {
                if (built is null && line.StartsWith("Built ", StringComparison.Ordinal))
                    built = clock.Elapsed.TotalSeconds;
                if (first is null && firstLine is not null && firstLine(previous, line))
                    first = clock.Elapsed.TotalSeconds;
                previous = line;
            }
        });
        double wall = clock.Elapsed.TotalSeconds;
        if (run.TimedOut || run.ExitCode != 0)
            throw new InvalidOperationException($"{scenario}: dotnet {string.Join(' ', keel)} failed:\n{run.Describe()}");
        BuildLog log = BuildLog.Read(Directory.GetFiles(logs));
        var result = new StepResult(scenario, load, wall, built, first, log);
        Console.WriteLine($"keel-build-bench: {scenario}: {wall:0.0} s, built at {built:0.0} s, first line at {first:0.0} s, MSBuild {log.MsBuildSeconds:0.0} s (evaluation {log.EvaluationSeconds:0.0} s), {log.IlcImages.Count} ILC runs ({string.Join(' ', log.IlcImages)})");
        foreach (var (target, seconds) in log.Targets.Take(8))
            Console.WriteLine($"    {seconds,7:0.00} s  {target}");
        return result;
    }

    IReadOnlyDictionary<string, string> UserEnvironment() => servers
        ? new Dictionary<string, string>(machine.Environment) { ["UseSharedCompilation"] = "true", ["MSBUILDDISABLENODEREUSE"] = "0" }
        : machine.Environment;

    void Record(List<StepResult> steps)
    {
        string results = Directory.CreateDirectory(Path.Combine(Repository.Root, "bench", "results")).FullName;
        string date = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm'Z'", CultureInfo.InvariantCulture);
        string machineText = $"{Environment.ProcessorCount},\"{CpuModel()}\"";
        Append(Path.Combine(results, "build.csv"),
            "date,label,commit,cores,cpu,servers,scenario,load1,wall_s,built_s,first_line_s,msbuild_s,evaluation_s,ilc_runs,ilc_images",
            steps.Select(s => string.Join(',', date, Csv(label), commit, machineText, servers ? "on" : "off", s.Scenario, F(s.Load), F(s.Wall), F(s.Built), F(s.FirstLine),
                F(s.Log.MsBuildSeconds), F(s.Log.EvaluationSeconds), s.Log.IlcImages.Count, string.Join(' ', s.Log.IlcImages.Order()))));
        Append(Path.Combine(results, "build-targets.csv"),
            "date,label,scenario,target,seconds",
            steps.SelectMany(s => s.Log.Targets.Take(10).Select(t => string.Join(',', date, Csv(label), s.Scenario, t.Target, F(t.Seconds)))));
        Console.WriteLine($"keel-build-bench: appended {steps.Count} steps to bench/results/build.csv and build-targets.csv");
    }
}
finally
{
    Directory.Delete(machine.Root, recursive: true);
}

// A setup step (packing, the template, tool restore): it must succeed; not timed.
async Task<string> Setup(IReadOnlyDictionary<string, string> environment, string folder, string executable, params string[] arguments)
{
    EmulatorRun run = await HostProcess.RunAsync(executable, arguments, stepLimit, workingDirectory: folder, environment: environment);
    if (run.TimedOut || run.ExitCode != 0)
        throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed:\n{run.Describe()}");
    return run.Console;
}

// keel run: the image's first line is the one after keel's "Built <app> for <board>".
static bool FirstConsoleLine(string? previous, string line) => previous?.StartsWith("Built ", StringComparison.Ordinal) == true;

// keel test: the runner's first "Starting test <id> <name>".
static bool FirstCase(string? previous, string line) => line.StartsWith("Starting test ", StringComparison.Ordinal);

static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

static string CpuModel() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

static string F(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

static string Csv(string text) => text.Contains(',') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"")}\"" : text;

static void Append(string csv, string header, IEnumerable<string> lines)
{
    if (!File.Exists(csv))
        File.WriteAllText(csv, header + "\n");
    File.AppendAllLines(csv, lines);
}

string? Option(string name) => Array.IndexOf(args, name) is var at && at >= 0 && at + 1 < args.Length ? args[at + 1] : null;

sealed record StepResult(string Scenario, double Load, double Wall, double? Built, double? FirstLine, BuildLog Log);
