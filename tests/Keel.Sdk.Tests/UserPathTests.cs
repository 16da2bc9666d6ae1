// What a new user does, from Keel's packages to a tested application of their own,
// with nothing of Keel's tree in sight: the five packages (Keel.Sdk, Keel.Drivers,
// Keel.Templates, the keel tool Keel.Cli, Keel.Testing: Keel.Packages.slnf) are packed into a folder
// feed, and everything after happens in a temporary folder outside the tree, in a clean
// HOME, with a package folder of the test's own (so no package of an earlier run with the
// same version can stand in for the ones just packed): the application's own nuget.config,
// which the template writes, is the only NuGet configuration there is. Restore may take
// the ILC compiler, and only it, from the machine's package folder (as CI would from a
// cache), through a fallback folder. Each step is one command, its output kept in a
// transcript that the test writes beside itself (user-path-session.txt) and prints when
// a step fails.
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Keel.Emulation;
using Xunit.Abstractions;

namespace Keel.Sdk.Tests;

public sealed partial class UserPathTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(10);
    private static readonly string[] Packages = ["Keel.Sdk", "Keel.Drivers", "Keel.Templates", "Keel.Cli", "Keel.Testing"];
    private static readonly string[] Drivers = ["sys", "usart", "i2c", "timer"];
    private const string IlcPackage = "runtime.linux-x64.microsoft.dotnet.ilcompiler";

    private readonly string _root = Directory.CreateTempSubdirectory("keel-user-").FullName;
    private readonly StringBuilder _session = new();

    [Fact]
    public async Task A_new_application_passes_its_CI_workflow_runs_for_its_own_board_and_grows_into_a_thermostat_of_Keels_drivers_from_packages_alone()
    {
        string feed = Path.Combine(_root, "feed");
        await StepWith(KeelsEnvironment, Repository.Root, "dotnet", "pack", Path.Combine(Repository.Root, "Keel.Packages.slnf"), "-c", "Release", "-o", feed, "-nologo", "-v:q");
        string version = PackageVersion(feed, "Keel.Sdk");
        Assert.All(Packages, package => Assert.Equal(version, PackageVersion(feed, package)));

        string userHome = Directory.CreateDirectory(Path.Combine(_root, "user")).FullName;
        string hive = Path.Combine(_root, "templates-hive");
        await Step(userHome, "dotnet", "new", "install", Path.Combine(feed, $"Keel.Templates.{version}.nupkg"), "--debug:custom-hive", hive);
        await Step(userHome, "dotnet", "new", "keel-app", "-n", "Orchard", "--debug:custom-hive", hive);
        string app = Path.Combine(userHome, "Orchard");
        Assert.Contains($"\"Keel.Sdk\": \"{version}\"", File.ReadAllText(Path.Combine(app, "global.json")));
        // Keel's packages where the template's nuget.config says they come from.
        string appFeed = Directory.CreateDirectory(Path.Combine(app, "keel-packages")).FullName;
        foreach (string package in Directory.GetFiles(feed, "*.nupkg"))
            File.Copy(package, Path.Combine(appFeed, Path.GetFileName(package)));

        // The CI workflow the template writes, its steps in order. Installing the ARM
        // toolchain and QEMU (sudo apt-get) is the machine's business, and done here.
        string report = Path.Combine(app, "TestResults", "keel-test.xml");
        string[] steps = WorkflowSteps(Path.Combine(app, ".github", "workflows", "ci.yml"));
        Assert.Contains("dotnet tool restore", steps);
        var printed = new Dictionary<string, string>();
        foreach (string step in steps.Where(step => !step.StartsWith("sudo ", StringComparison.Ordinal)))
            printed[step] = await Step(app, "bash", "-c", step);
        AssertTestsPassed(report);
        // The host tests (Keel.Testing): the counter's logic and its generated client and
        // server on Keel's kernel compiled for .NET, no emulator.
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+2,", printed["dotnet test tests/host"]);
        Assert.True(File.Exists(Path.Combine(app, "bin", "netduinoplus2", "Orchard.elf")), "the workflow's build made no Orchard.elf");

        string keelVersion = await Step(app, "dotnet", "keel", "--version");
        Assert.StartsWith(version, keelVersion.Trim());
        string run = await Step(app, "dotnet", "keel", "run", "--no-build");
        Assert.Contains("client: added 10, total 10: Ok", run);
        Assert.Contains("client: added 30, total 60: Ok", run);
        Assert.Contains("client: adding 5000: InvalidArgument", run);
        Assert.Matches(@"supervisor: client faulted: memory access at address 0x40023800, pc 0x[0-9a-f]{8}", run);
        Assert.Contains("supervisor: done", run);
        Assert.DoesNotContain("isolation is broken", run);

        // A board of the user's own (docs/getting-started.md): Keel's netduinoplus2, copied
        // out of the restored Keel.Sdk into boards/, under a name no built-in board has.
        string sdkBoard = Path.Combine(_root, "packages", "keel.sdk", version, "board", "netduinoplus2");
        string ownBoard = Directory.CreateDirectory(Path.Combine(app, "boards", "orchard-board")).FullName;
        foreach (string file in Directory.GetFiles(sdkBoard))
            File.Copy(file, Path.Combine(ownBoard, Path.GetFileName(file)));
        await Step(app, "dotnet", "build", "-nologo", "-v:q", "-p:KeelBoard=orchard-board");
        Assert.True(File.Exists(Path.Combine(app, "bin", "orchard-board", "Orchard.elf")), "the build for the application's own board made no image");

        // The demo becomes a thermostat (examples/thermostat): its tasks replace the
        // demo's in app.toml (the counter stays, for the tests/ application that tests
        // it), Keel's drivers come by name with `keel add driver`, and the sensor and the
        // control reference the drivers' interfaces and device drivers from the package.
        string description = Path.Combine(app, "app.toml");
        string template = File.ReadAllText(description);
        File.WriteAllText(description, template[..template.IndexOf("[endpoints]", StringComparison.Ordinal)]);
        foreach (string driver in Drivers)
            await Step(app, "dotnet", "keel", "add", "driver", driver);
        string example = Path.Combine(Repository.Root, "examples", "thermostat");
        string exampleDescription = File.ReadAllText(Path.Combine(example, "app.toml"));
        int ownStart = exampleDescription.IndexOf("[endpoints]", StringComparison.Ordinal);
        File.AppendAllText(description, "\n" + exampleDescription[ownStart..exampleDescription.IndexOf("# --- sys", StringComparison.Ordinal)]);
        File.Copy(Path.Combine(example, "shared", "Thermostat.cs"), Path.Combine(app, "shared", "Thermostat.cs"));
        // The sensor drives its TMP103 and SSD1306 with Keel.Devices' device drivers, from
        // the package as well.
        foreach ((string task, string library) in new[] { ("control", "Keel.Drivers.Api"), ("sensor", "Keel.Devices") })
        {
            string folder = Directory.CreateDirectory(Path.Combine(app, "tasks", task)).FullName;
            File.Copy(Path.Combine(example, "tasks", task, "Program.cs"), Path.Combine(folder, "Program.cs"));
            File.WriteAllText(Path.Combine(folder, $"{char.ToUpperInvariant(task[0])}{task[1..]}.csproj"), $"""
                <Project Sdk="Keel.Sdk">
                  <ItemGroup>
                    <KeelLibrary Include="{library}" />
                    <Compile Include="../../shared/Thermostat.cs" Link="shared/Thermostat.cs" />
                  </ItemGroup>
                </Project>
                """);
        }
        Assert.Contains("new Tmp103<I2cClient>(", File.ReadAllText(Path.Combine(app, "tasks", "sensor", "Program.cs")));
        Assert.Contains("new Ssd1306<I2cClient>(", File.ReadAllText(Path.Combine(app, "tasks", "sensor", "Program.cs")));
        string grown = File.ReadAllText(description);
        Assert.StartsWith(template[..template.IndexOf("[endpoints]", StringComparison.Ordinal)], grown);
        Assert.All(Drivers, driver => Assert.Contains($"[tasks.{driver}]\ndriver = \"{driver}\"\n", grown));
        Assert.DoesNotContain("project = \"/", grown);

        await Step(app, "dotnet", "build", "-nologo", "-v:q");
        string thermostat = await Step(app, "dotnet", "keel", "run", "--no-build");
        const string Round = "control: no temperature (Timeout), heater off, LED Ok, UART Ok";
        Assert.Contains("control: LED configured: Ok", thermostat);
        Assert.Contains("sensor: display: Timeout", thermostat);
        for (int reading = 1; reading <= 3; reading++)
            Assert.Contains($"{Round}\nsensor: reading {reading}: Timeout, heater off, display Timeout\n", thermostat.ReplaceLineEndings("\n"));
        Assert.Contains("sensor: done", thermostat);

        File.Delete(report);
        string tested = await Step(app, "dotnet", "keel", "test", "--report", report);
        AssertTestsPassed(report);
        Assert.Matches(ClosingLine(), tested);

        // Nothing the builds wrote or generated points into Keel's tree.
        Assert.Empty(FilesNaming(app, Repository.Root));
    }

    // The `run:` commands of a GitHub Actions workflow, in order.
    private static string[] WorkflowSteps(string workflow) => File.ReadAllLines(workflow)
        .Select(line => RunStep().Match(line))
        .Where(match => match.Success)
        .Select(match => match.Groups["command"].Value.Trim())
        .ToArray();

    private static void AssertTestsPassed(string report)
    {
        var cases = XDocument.Load(report).Descendants("testcase").ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.Empty(c.Elements("failure")));
    }

    // The text files under `folder` (obj/, the generated system files, projects,
    // descriptions; not the images and objects, whose debug information names the
    // sources the packages were built from) that contain `path`.
    private static IEnumerable<string> FilesNaming(string folder, string path) => Directory
        .EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}keel-packages{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Where(file => File.ReadAllBytes(file) is var bytes && !bytes.Contains((byte)0) && Encoding.UTF8.GetString(bytes).Contains(path.TrimEnd('/'), StringComparison.Ordinal));

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

    // A clean HOME: the user's dotnet keeps its state (the local tools' resolver cache
    // above all, which maps a tool's id and version to where it was restored) and NuGet
    // its user configuration there, and the packages go to a folder of the test's.
    // ILC may come from the machine's package folder, as from a CI cache.
    private IReadOnlyDictionary<string, string> UserEnvironment => new Dictionary<string, string>
    {
        ["HOME"] = Path.Combine(_root, "home"),
        ["DOTNET_CLI_HOME"] = Path.Combine(_root, "home"),
        ["NUGET_PACKAGES"] = Path.Combine(_root, "packages"),
        ["NUGET_FALLBACK_PACKAGES"] = IlcCache(),
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    // A fallback package folder holding the machine's ILC package and nothing else.
    private string IlcCache()
    {
        string cache = Path.Combine(_root, "ilc-cache");
        string machineIlc = Path.Combine(MachinePackageFolder(), IlcPackage);
        if (!Directory.Exists(cache))
        {
            Directory.CreateDirectory(cache);
            if (Directory.Exists(machineIlc))
                Directory.CreateSymbolicLink(Path.Combine(cache, IlcPackage), machineIlc);
        }
        return cache;
    }

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

    [GeneratedRegex(@"^\s*(-\s+)?run:\s*(?<command>.+)$")]
    private static partial Regex RunStep();

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
