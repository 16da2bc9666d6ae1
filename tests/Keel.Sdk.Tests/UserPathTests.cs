// What a new user does, from Keel's packages to a tested application of their own,
// with nothing of Keel's tree in sight: the packages (Keel.Sdk, Keel.Templates, the
// keel tool Keel.Cli, Keel.Testing: Keel.Packages.slnf) are packed into a folder feed, and everything after happens
// in a temporary folder outside the tree whose nuget.config names that feed (beside the
// machine's own registry) and a package folder of its own, so no package of an earlier
// run with the same version can stand in for the ones just packed. Restore may take
// what the machine's package folder already holds (ILC above all) through a fallback
// folder. Each step is one command, its output kept in a transcript that the test
// writes beside itself (user-path-session.txt) and prints when a step fails.
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Keel.Emulation;
using Xunit.Abstractions;

namespace Keel.Sdk.Tests;

public sealed partial class UserPathTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(10);

    private readonly string _root = Directory.CreateTempSubdirectory("keel-user-").FullName;
    private readonly StringBuilder _session = new();

    [Fact]
    public async Task A_new_application_builds_runs_grows_a_task_builds_for_its_own_board_and_passes_its_tests()
    {
        string feed = Path.Combine(_root, "feed");
        await StepWith(KeelsEnvironment, Repository.Root, "dotnet", "pack", Path.Combine(Repository.Root, "Keel.Packages.slnf"), "-c", "Release", "-o", feed, "-nologo", "-v:q");
        string version = PackageVersion(feed, "Keel.Sdk");
        Assert.Equal(version, PackageVersion(feed, "Keel.Templates"));
        Assert.Equal(version, PackageVersion(feed, "Keel.Cli"));
        Assert.Equal(version, PackageVersion(feed, "Keel.Testing"));

        string userHome = Path.Combine(_root, "user");
        Directory.CreateDirectory(userHome);
        File.WriteAllText(Path.Combine(userHome, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" />
              </config>
              <packageSources>
                <add key="keel" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackageFolder()}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        string hive = Path.Combine(_root, "templates-hive");
        await Step(userHome, "dotnet", "new", "install", Path.Combine(feed, $"Keel.Templates.{version}.nupkg"), "--debug:custom-hive", hive);
        await Step(userHome, "dotnet", "new", "keel-app", "-n", "Orchard", "--debug:custom-hive", hive);
        string app = Path.Combine(userHome, "Orchard");
        Assert.Contains($"\"Keel.Sdk\": \"{version}\"", File.ReadAllText(Path.Combine(app, "global.json")));

        await Step(app, "dotnet", "tool", "restore");
        string keelVersion = await Step(app, "dotnet", "keel", "--version");
        Assert.StartsWith(version, keelVersion.Trim());

        await Step(app, "dotnet", "build", "-nologo", "-v:q");
        Assert.True(File.Exists(Path.Combine(app, "bin", "netduinoplus2", "Orchard.elf")), "dotnet build made no Orchard.elf");

        string run = await Step(app, "dotnet", "keel", "run", "--no-build");
        Assert.Contains("client: added 10, total 10: Ok", run);
        Assert.Contains("client: added 30, total 60: Ok", run);
        Assert.Contains("client: adding 5000: InvalidArgument", run);
        Assert.Matches(@"supervisor: client faulted: memory access at address 0x40023800, pc 0x[0-9a-f]{8}", run);
        Assert.Contains("supervisor: done", run);
        Assert.DoesNotContain("isolation is broken", run);

        await Step(app, "dotnet", "keel", "new", "task", "sensor");
        Assert.Contains("[tasks.sensor]", File.ReadAllText(Path.Combine(app, "app.toml")));
        string grown = await Step(app, "dotnet", "keel", "run");
        Assert.Contains("sensor: started", grown);
        Assert.Contains("supervisor: done", grown);

        // A board of the user's own (docs/getting-started.md): Keel's netduinoplus2, copied
        // out of the restored Keel.Sdk into boards/, under a name no built-in board has.
        string sdkBoard = Path.Combine(_root, "packages", "keel.sdk", version, "board", "netduinoplus2");
        string ownBoard = Directory.CreateDirectory(Path.Combine(app, "boards", "orchard-board")).FullName;
        foreach (string file in Directory.GetFiles(sdkBoard))
            File.Copy(file, Path.Combine(ownBoard, Path.GetFileName(file)));
        await Step(app, "dotnet", "build", "-nologo", "-v:q", "-p:KeelBoard=orchard-board");
        Assert.True(File.Exists(Path.Combine(app, "bin", "orchard-board", "Orchard.elf")), "the build for the application's own board made no image");

        string report = Path.Combine(app, "TestResults", "keel-test.xml");
        string tested = await Step(app, "dotnet", "keel", "test", "--report", report);
        var cases = XDocument.Load(report).Descendants("testcase").ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.Empty(c.Elements("failure")));
        Assert.Matches(ClosingLine(), tested);

        // The template's host tests: the counter's logic and its generated client and
        // server on Keel's kernel compiled for .NET (Keel.Testing), no emulator.
        string hostTested = await Step(app, "dotnet", "test", "tests/host", "-nologo");
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+2,", hostTested);
    }

    // Runs one command of the user's in `folder`; it must succeed. Returns what it printed.
    private Task<string> Step(string folder, string executable, params string[] arguments) =>
        StepWith(UserEnvironment, folder, executable, arguments);

    private async Task<string> StepWith(IReadOnlyDictionary<string, string> environment, string folder, string executable, params string[] arguments)
    {
        string command = $"$ {HostProcess.Quote(executable)} {string.Join(' ', arguments.Select(HostProcess.Quote))}";
        string where = Path.GetRelativePath(_root, folder);
        _session.AppendLine($"[{(where.StartsWith("..", StringComparison.Ordinal) ? folder : where)}] {command}");
        EmulatorRun result = await HostProcess.RunAsync(executable, arguments, StepLimit, workingDirectory: folder, environment: environment);
        _session.AppendLine(result.Console.TrimEnd()).AppendLine($"(exit {result.ExitCode?.ToString() ?? "none: timed out"}, {result.Elapsed.TotalSeconds:F1} s)").AppendLine();
        if (result.TimedOut || result.ExitCode != 0)
            Assert.Fail($"{command} failed (exit {result.ExitCode}, timed out: {result.TimedOut}). The session so far:\n{_session}");
        return result.Console;
    }

    // Keel's tree is packed by the developer's own dotnet, as on any day: under the user's
    // home below, the pack's restore would point the tree's projects (their
    // obj/project.assets.json) at this test's package folder, which is deleted at the end,
    // and every later build in the tree would fail.
    private static readonly IReadOnlyDictionary<string, string> KeelsEnvironment = new Dictionary<string, string>();

    // The user's dotnet keeps its own state (the local tools' resolver cache above all,
    // which maps a tool's id and version to where it was restored) in a home of the
    // test's: an earlier run of the same version, whose packages are gone, must not be
    // taken for this one.
    private IReadOnlyDictionary<string, string> UserEnvironment => new Dictionary<string, string>
    {
        ["DOTNET_CLI_HOME"] = Path.Combine(_root, "home"),
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private static string PackageVersion(string feed, string id)
    {
        string[] packages = Directory.GetFiles(feed, $"{id}.*.nupkg").Where(p => PackageName().Match(Path.GetFileName(p)) is { Success: true } m && m.Groups["id"].Value == id).ToArray();
        Assert.Single(packages);
        return PackageName().Match(Path.GetFileName(packages[0])).Groups["version"].Value;
    }

    private static string MachinePackageFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [GeneratedRegex(@"^(?<id>.+?)\.(?<version>\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex PackageName();

    [GeneratedRegex(@"\d+ passed, 0 failed")]
    private static partial Regex ClosingLine();

    public void Dispose()
    {
        string transcript = Path.Combine(AppContext.BaseDirectory, "user-path-session.txt");
        File.WriteAllText(transcript, _session.ToString());
        output.WriteLine(_session.ToString());
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file; the folder is temporary.
        }
    }
}
