// What a new user does, from Keel's packages to a tested application of their own,
// with nothing of Keel's tree in sight: the five packages (Keel.Sdk, Keel.Drivers,
// Keel.Templates, the keel tool Keel.Cli, Keel.Testing: Keel.Packages.slnf) are packed into a folder
// feed, and everything after happens in a temporary folder outside the tree, a new
// user's machine (Keel.Emulation's UserMachine). Each step is one command, its output kept in a
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
    private static readonly string[] Drivers = ["sys", "usart", "i2c", "timer"];

    private readonly UserMachine _machine = new(Directory.CreateTempSubdirectory("keel-user-").FullName);
    private readonly StringBuilder _session = new();

    [Fact]
    public async Task A_new_application_passes_its_CI_workflow_runs_for_its_own_board_and_grows_into_a_thermostat_of_Keels_drivers_from_packages_alone()
    {
        string version = await _machine.PackAsync(StepWith);
        string app = await _machine.NewApplicationAsync(StepWith, "Orchard");
        Assert.Contains($"\"Keel.Sdk\": \"{version}\"", File.ReadAllText(Path.Combine(app, "global.json")));

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
        string sdkBoard = Path.Combine(_machine.PackageFolder, "keel.sdk", version, "board", "netduinoplus2");
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
        WriteTheUsersOwnCalibration(app);
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
        AssertTheCalibrationPrinted(thermostat);

        File.Delete(report);
        string tested = await Step(app, "dotnet", "keel", "test", "--report", report);
        AssertTestsPassed(report);
        Assert.Matches(ClosingLine(), tested);

        // Nothing the builds wrote or generated points into Keel's tree.
        Assert.Empty(FilesNaming(app, Repository.Root));
    }

    // The C# a user writes first (issue 27), in a file of their own beside the example's
    // sensor: a 12-value `static readonly short[]` lookup table, a constant table as a
    // `ReadOnlySpan<byte>` property, `foreach` over an array and over that span, and
    // `Console.WriteLine($"…")` with holes: numbers, a width, `X2`, `F2` and an enum of
    // the task's own by its name. The sensor prints it once, before it says it is done.
    private static void WriteTheUsersOwnCalibration(string app)
    {
        File.WriteAllText(Path.Combine(app, "tasks", "sensor", "Calibration.cs"), """
            using System;
            using Keel.UserLib;

            namespace Keel.Examples.Thermostat
            {
                internal enum Scale { Celsius, Fahrenheit }

                internal static class Calibration
                {
                    private static readonly short[] s_curve = { -40, -20, 0, 10, 20, 25, 30, 40, 50, 60, 70, 85 };

                    private static ReadOnlySpan<byte> Crc8 => new byte[] { 0x00, 0x07, 0x0E, 0x09, 0x1C, 0x1B, 0x12, 0x15 };

                    public static void Print()
                    {
                        int sum = 0;
                        short lowest = short.MaxValue;
                        foreach (short point in s_curve)
                        {
                            sum += point;
                            if (point < lowest)
                                lowest = point;
                        }
                        Console.WriteLine($"curve of {s_curve.Length} points from {lowest} to {s_curve[11],4}, mean {sum / (float)s_curve.Length:F2} {Scale.Celsius}");
                        uint folded = 0;
                        foreach (byte entry in Crc8)
                            folded = folded * 31 + entry;
                        Console.WriteLine($"crc table of {Crc8.Length} bytes, last 0x{Crc8[7]:X2}, folded {folded:x}");
                    }
                }
            }
            """);
        string sensor = Path.Combine(app, "tasks", "sensor", "Program.cs");
        const string Done = "Console.WriteLine(\"done\");";
        string program = File.ReadAllText(sensor);
        Assert.Contains(Done, program);
        File.WriteAllText(sensor, program.Replace(Done, "Calibration.Print();\n            " + Done));
        // With the display's driver and font, that code takes the sensor past the 16 KiB
        // flash window the example gives it: the user sets what KEEL0106 advises.
        string description = Path.Combine(app, "app.toml");
        string toml = File.ReadAllText(description);
        const string SensorFlash = "project = \"tasks/sensor/Sensor.csproj\"\npriority = 4\nstack = 2048\nflash = 16384\n";
        Assert.Contains(SensorFlash, toml);
        File.WriteAllText(description, toml.Replace(SensorFlash, SensorFlash.Replace("flash = 16384", "flash = 32768")));
    }

    private static void AssertTheCalibrationPrinted(string console)
    {
        Assert.Contains("sensor: curve of 12 points from -40 to   85, mean 27.50 Celsius\n", console.ReplaceLineEndings("\n"));
        Assert.Contains("sensor: crc table of 8 bytes, last 0x15, folded 8abb6d04\n", console.ReplaceLineEndings("\n"));
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
        StepWith(_machine.Environment, folder, executable, arguments);

    private async Task<string> StepWith(IReadOnlyDictionary<string, string> environment, string folder, string executable, params string[] arguments)
    {
        string command = $"$ {HostProcess.Quote(executable)} {string.Join(' ', arguments.Select(HostProcess.Quote))}";
        string where = Path.GetRelativePath(_machine.Root, folder);
        _session.AppendLine($"[{(where.StartsWith("..", StringComparison.Ordinal) ? folder : where)}] {command}");
        EmulatorRun result = await HostProcess.RunAsync(executable, arguments, StepLimit, workingDirectory: folder, environment: environment);
        _session.AppendLine(result.Console.TrimEnd()).AppendLine($"(exit {result.ExitCode?.ToString() ?? "none: timed out"}, {result.Elapsed.TotalSeconds:F1} s)").AppendLine();
        if (result.TimedOut || result.ExitCode != 0)
            Assert.Fail($"{command} failed (exit {result.ExitCode}, timed out: {result.TimedOut}). The session so far:\n{_session}");
        return result.Console;
    }

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
            Directory.Delete(_machine.Root, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file; the folder is temporary.
        }
    }
}
