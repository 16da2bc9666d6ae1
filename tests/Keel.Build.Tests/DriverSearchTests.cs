// A task names one of Keel's drivers by `driver = "<name>"` instead of a project path:
// the system command finds it in its --drivers folder (Keel's drivers/ here, as in the
// tree) and tasks.proj builds the driver's project there with its outputs in the
// application's obj/. A task that names both or neither, a driver there is not, and a
// driver without a drivers folder each fail at their field.
using Keel.BuildTool.SystemDescription;

namespace Keel.Build.Tests;

public sealed class DriverSearchTests
{
    private static readonly DriverSearch KeelDrivers = new(Path.Combine(TestApps.RepositoryRoot, "drivers"));

    private const string Head = """
        name = "mine"
        board = "netduinoplus2"

        [kernel]
        flash = 65536
        ram = 16384
        stack = 2048

        """;

    // A task `name` whose program is `program` (its project or driver field).
    private static string Task(string name, string program) =>
        $"[tasks.{name}]\n{program}\npriority = 1\nstack = 1024\nflash = 16384\nram = 4096\n";

    private static (SystemLayout? Layout, IReadOnlyList<Diagnostic> Diagnostics) Build(string tasks, DriverSearch? drivers) =>
        SystemCommand.Build(TestApps.WriteApp(Head + tasks, "Solo.csproj"), TestApps.BoardsDirectory, drivers: drivers);

    private static string[] Errors(string tasks, DriverSearch? drivers = null) =>
        Build(tasks, drivers ?? KeelDrivers).Diagnostics.Select(diagnostic => diagnostic.Message).ToArray();

    [Fact]
    public void A_driver_named_in_app_toml_is_built_from_its_project_in_the_drivers_folder()
    {
        string sys = File.ReadAllText(Path.Combine(KeelDrivers.Directory, "sys", DriverSearch.EntryFile));

        var (layout, diagnostics) = Build(sys, KeelDrivers);

        Assert.True(layout is not null, string.Join("\n", diagnostics));
        var task = Assert.Single(layout.Tasks);
        Assert.Equal(Path.Combine(KeelDrivers.Directory, "sys", "Sys.csproj"), task.Task.Project);
        string tasksProj = TaskProjectsWriter.Write(layout);
        Assert.Contains($"<KeelAppTask Include=\"{Path.Combine(KeelDrivers.Directory, "sys", "Sys.csproj")}\" TaskName=\"sys\"", tasksProj);
        Assert.Contains("OutputRoot=\"$(KeelAppDir)obj/keel/driver-tasks/sys/\"", tasksProj);
    }

    [Fact]
    public void Every_folder_of_drivers_with_a_driver_toml_is_a_driver()
    {
        Assert.Equal(["i2c", "spi", "sys", "timer", "usart"], KeelDrivers.Known);
        Assert.Null(KeelDrivers.FindProject("Keel.Drivers.Api"));
        Assert.Null(KeelDrivers.FindProject("../sdk"));
    }

    [Fact]
    public void An_unknown_driver_is_refused_at_its_field_with_the_drivers_there_are()
    {
        string[] errors = Errors(Task("serial", "driver = \"uart\""));
        Assert.Equal(["task 'serial': field 'driver': Keel has no driver 'uart' (its drivers: i2c, spi, sys, timer, usart)"], errors);
    }

    [Fact]
    public void A_task_with_both_a_project_and_a_driver_or_neither_is_refused()
    {
        const string Rule = "task 'solo': needs exactly one of 'project' (the path of a task project of the application's) or 'driver' (one of Keel's driver tasks by name, e.g. driver = \"usart\")";
        Assert.Contains(Rule, Errors(Task("solo", "project = \"Solo.csproj\"\ndriver = \"sys\"")));
        Assert.Contains(Rule, Errors(Task("solo", "")));
    }

    [Fact]
    public void A_driver_without_a_drivers_folder_says_what_the_build_lacks()
    {
        string[] errors = Build(Task("sys", "driver = \"sys\""), drivers: null).Diagnostics.Select(diagnostic => diagnostic.Message).ToArray();
        Assert.Equal(["task 'sys': field 'driver': names Keel's driver 'sys', but this build was given no drivers folder (Keel.BuildTool system --drivers <dir>)"], errors);
    }

    [Fact]
    public void The_command_line_takes_the_drivers_folder_once()
    {
        Assert.Equal("d", SystemCommand.ParseArguments(["app.toml", "out", "--drivers", "d"])!.DriversDirectory);
        Assert.Null(SystemCommand.ParseArguments(["app.toml", "out", "--drivers", "d", "--drivers", "e"]));
        Assert.Null(SystemCommand.ParseArguments(["app.toml", "out", "--drivers"]));
    }
}
