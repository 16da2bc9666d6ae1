// `console = "<usart driver task>"` (ConsoleRoute): the task gets a client's capability
// to the driver's endpoint, named `console`, after its own, and its Caps.g.cs the
// ConsoleOutput class that sends its Console text through it; a console that names no
// USART driver, the driver itself, or takes a cap name already used is refused at its
// line.
using Keel.BuildTool.SystemDescription;

namespace Keel.Build.Tests;

public class ConsoleRouteTests
{
    private const string Usart = "keel/drivers/usart/Usart.csproj";

    private static string App(string reporter, string usartCaps = "requests = { endpoint = \"usart\", rights = [\"read\"] }") => $$"""
        name = "t"
        board = "netduinoplus2"

        [kernel]
        flash = 65536
        ram = 16384
        stack = 2048

        [endpoints]
        sys = {}
        usart = {}

        [tasks.usart]
        project = "{{Usart}}"
        priority = 1
        stack = 1024
        flash = 16384
        ram = 4096

        [tasks.usart.config]
        instance = "usart1"
        tx = "PA9"
        rx = "PA10"

        [tasks.usart.caps]
        {{usartCaps}}
        sys = { endpoint = "sys", rights = ["write"] }

        [tasks.reporter]
        project = "Reporter.csproj"
        priority = 2
        stack = 1024
        flash = 16384
        ram = 4096
        {{reporter}}

        """;

    private static (SystemLayout? Layout, IReadOnlyList<Diagnostic> Diagnostics) Build(string toml) =>
        TestApps.Build(toml, Usart, "Reporter.csproj");

    private static string[] Errors(string toml) => Build(toml).Diagnostics.Select(diagnostic => diagnostic.Message).ToArray();

    [Fact]
    public void TheConsolesTaskGetsACapabilityToTheDriverAndItsOutputInItsBuild()
    {
        var (layout, diagnostics) = Build(App("console = \"usart\"\n\n[tasks.reporter.caps]\ntick = { endpoint = \"usart\", rights = [\"write\"] }"));
        Assert.Empty(diagnostics);
        var reporter = layout!.Tasks.Single(task => task.Task.Name == "reporter");
        var console = reporter.Task.Caps.Last();
        Assert.Equal(new CapDescription("console", 2, CapKind.Endpoint, "usart", null, CapRights.Write | CapRights.GrantReply, null), console);

        string caps = TaskCapsWriter.Write(layout, reporter);
        Assert.Contains("public const uint Console = 2; // endpoint 'usart', write, grant-reply", caps);
        Assert.Contains("[global::System.Runtime.InteropServices.UnmanagedCallersOnly(EntryPoint = \"keel_console_write\")]", caps);
        Assert.Contains("global::Keel.Drivers.UsartConsole.Write(Caps.Console, text, length);", caps);
        // The driver's own build keeps the kernel's console.
        Assert.DoesNotContain("keel_console_write", TaskCapsWriter.Write(layout, layout.Tasks.Single(task => task.Task.Name == "usart")));
    }

    [Fact]
    public void AConsoleThatIsNoUsartDriverOfTheAppIsRefusedAtItsLine()
    {
        string toml = App("console = \"reporter2\"");
        var error = Assert.Single(Build(toml).Diagnostics);
        Assert.Equal("task 'reporter': field 'console': 'reporter2' is not a USART driver task (the name of a task whose project is drivers/usart; this app's: usart)", error.Message);
        Assert.Equal(toml.Split('\n').ToList().FindIndex(line => line.StartsWith("console = ")) + 1, error.Position!.Line);
    }

    [Fact]
    public void TheDriverCannotBeItsOwnConsoleNorServeWithoutItsEndpointAndTheCapsNameIsTheConsoles()
    {
        Assert.Equal(
            ["task 'usart': field 'console': a USART driver cannot be its own console: it would call itself"],
            Errors(App("").Replace("[tasks.usart.config]", "console = \"usart\"\n\n[tasks.usart.config]")));
        Assert.Equal(
            ["task 'reporter': field 'console': task 'usart' has no endpoint capability 'requests' that it serves its clients on"],
            Errors(App("console = \"usart\"", usartCaps: "serve = { endpoint = \"usart\", rights = [\"read\"] }")));
        Assert.Equal(
            ["task 'reporter': cap 'console': the name is taken by `console = \"usart\"`, which gives the task its capability to the driver: rename this one"],
            Errors(App("console = \"usart\"\n\n[tasks.reporter.caps]\nconsole = { endpoint = \"usart\", rights = [\"write\"] }")));
    }
}
