// The keel command: its commands and options (Spectre.Console.Cli: `--help` and `-h`
// on every command, `--version`), and the one way a failure ends it: a CliError, or a
// command line Spectre rejects, becomes its one-line message, the command that fixes
// it, and its exit status (ExitCodes).
using System.Reflection;
using Spectre.Console.Cli;

namespace Keel.Cli;

public static class KeelCli
{
    // The informational version (MinVer's, from git: 1.2.3-alpha.0.4+<commit>).
    public static string Version { get; } =
        typeof(KeelCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    // The version without its +build metadata: the Keel.Sdk version an application
    // made by this keel pins.
    public static string PackageVersion => Version.Split('+')[0];

    public static Task<int> RunAsync(CliContext context, IReadOnlyList<string> arguments, TextWriter error)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("keel");
            config.SetApplicationVersion(Version);
            config.Settings.Console = context.Console;
            config.Settings.Registrar.RegisterInstance(context);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<BuildCommand>("build")
                .WithDescription("Build the application for a board and show what each task uses of its flash and RAM windows.")
                .WithExample("build").WithExample("build", "firmware/policy-demo", "--board", "nucleo-f401re");
            config.AddCommand<RunCommand>("run")
                .WithDescription("Build the application and boot it under QEMU or Renode with its console shown and faults symbolised.")
                .WithExample("run").WithExample("run", "--gdb").WithExample("run", "--emulator", "renode");
            config.AddCommand<TestCommand>("test")
                .WithDescription("Run an application's on-target tests (its tests/ application), Keel's kernel suite, or with --all every test of Keel's tree.")
                .WithExample("test").WithExample("test", "--filter", "IPC*", "--report", "results.xml").WithExample("test", "--all");
            config.AddCommand<FlashCommand>("flash")
                .WithDescription("Build the application and program a board through its ST-LINK (verify and reset).")
                .WithExample("flash", "--board", "nucleo-f401re");
            config.AddCommand<MonitorCommand>("monitor")
                .WithDescription("Show a board's serial console with fault reports symbolised.")
                .WithExample("monitor", "--board", "nucleo-f401re");
            config.AddCommand<InspectCommand>("inspect")
                .WithDescription("Show a running system's state through its gdb server: tasks, caps, endpoints, notifications or stacks, named as in app.toml.")
                .WithExample("inspect", "tasks").WithExample("inspect", "caps", "--port", "3333").WithExample("inspect", "tasks", "--dump", "policy-demo.dump");
            config.AddCommand<DumpCommand>("dump")
                .WithDescription("Save a running system's RAM and registers through its gdb server, for keel inspect --dump.")
                .WithExample("dump").WithExample("dump", "--port", "3333", "--output", "hang.dump");
            config.AddBranch("new", branch =>
            {
                branch.SetDescription("Make a new application, or add a task to one.");
                branch.AddCommand<NewAppCommand>("app")
                    .WithDescription("Make a new application in folder NAME (or --output DIR) from the keel-app template.")
                    .WithExample("new", "app", "Thermostat");
                branch.AddCommand<NewTaskCommand>("task")
                    .WithDescription("Add a task project under tasks/NAME and its entry in app.toml.")
                    .WithExample("new", "task", "sensor");
            });
            config.AddBranch("add", branch =>
            {
                branch.SetDescription("Add one of Keel's driver tasks to an application.");
                branch.AddCommand<AddDriverCommand>("driver")
                    .WithDescription("Add Keel's driver task NAME (sys, usart, timer, i2c, spi) to app.toml: its entry, capabilities and sys badge, named without a path.")
                    .WithExample("add", "driver", "sys").WithExample("add", "driver", "i2c");
            });
        });
        // Spectre shows a branch's help and returns 1 (keel's "tests failed") for
        // `keel new` alone: it is a usage error, said in one line.
        if (arguments is ["new"])
            return Guard(error, () => throw CliError.Usage("new: say what to make: keel new app NAME, or keel new task NAME."));
        if (arguments is ["add"])
            return Guard(error, () => throw CliError.Usage("add: say what to add: keel add driver NAME."));
        return Guard(error, () => app.RunAsync(arguments));
    }

    // Runs a command; a CliError, or a command line Spectre rejects (status 2), becomes
    // its message, its fix and its exit status.
    public static async Task<int> Guard(TextWriter error, Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception failure) when (Unwrap(failure) is CliError or CommandAppException)
        {
            CliError cliError = Unwrap(failure) as CliError ?? CliError.Usage(Sentence(Unwrap(failure).Message));
            error.WriteLine($"keel: error: {cliError.Message}");
            if (cliError.Fix is not null)
                error.WriteLine($"keel: fix: {cliError.Fix}");
            return cliError.ExitCode;
        }
    }

    // Spectre may wrap what a settings' Validate or a command's constructor throws.
    private static Exception Unwrap(Exception failure) =>
        failure is TargetInvocationException { InnerException: Exception inner } ? Unwrap(inner)
        : failure is CommandAppException { InnerException: CliError cliError } ? cliError
        : failure;

    // Spectre's messages ("Unknown option 'bogus'.") in keel's style: lower case,
    // ending with a full stop.
    private static string Sentence(string message)
    {
        message = message.Trim();
        if (message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1]))
            message = char.ToLowerInvariant(message[0]) + message[1..];
        return message.EndsWith('.') ? message : message + ".";
    }
}
