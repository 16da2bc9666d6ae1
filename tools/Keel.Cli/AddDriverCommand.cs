// keel add driver NAME [--app DIR]: adds one of Keel's driver tasks to an application:
// the driver's entry (driver.toml in its folder of the drivers the application's build
// uses: Keel's tree's drivers/, or the Keel.Drivers package of its SDK's version) is
// appended to app.toml as it is written there: [tasks.NAME] with `driver = "NAME"`, its
// peripherals, interrupts, capabilities and sys badge, and its endpoint and
// notification as [endpoints.NAME] tables, with comments saying what a client's
// capability looks like. The rest of app.toml is left as the user wrote it, comments
// and all. The description is then checked by the generator, as a build would (a driver
// whose sys capability has no sys task to go to is refused); if it refuses, nothing is
// left changed.
using System.ComponentModel;
using Keel.BuildTool.SystemDescription;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed class AddDriverCommand(CliContext context) : AsyncCommand<AddDriverCommand.Settings>
{
    public sealed class Settings : AddToAppSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The driver: sys, usart, timer, i2c or spi (the folders of Keel's drivers).")]
        public override string Name { get; set; } = "";

        protected override ValidationResult CheckValues() => Identifiers.IsValidName(Name)
            ? ValidationResult.Success()
            : ValidationResult.Error($"add driver: '{Name}' is not a driver's name: {Identifiers.NameRule}.");
    }

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    public static async Task<int> RunAsync(CliContext context, Settings settings)
    {
        string name = settings.Name;
        Workspace workspace = context.Workspace;
        Application app = workspace.Application(settings.App);
        app.WithoutTask(workspace, "add driver", name);
        DriverSearch drivers = await app.DriversAsync(context, restore: true);
        string entry = drivers.Entry(name)
            ?? throw CliError.Usage($"add driver: Keel has no driver '{name}' (its drivers: {string.Join(", ", drivers.Known)}).");
        var boards = await app.BoardsAsync(context);

        string description = File.ReadAllText(app.Description);
        File.WriteAllText(app.Description, Appended(description, entry));
        var (layout, diagnostics) = SystemCommand.Build(app.Description, boards, drivers: drivers);
        if (layout is null)
        {
            File.WriteAllText(app.Description, description);
            throw CliError.Usage($"add driver: the system description refuses driver '{name}': {string.Join("; ", diagnostics.Select(d => d.Message))}.");
        }
        context.Console.WriteWholeLine($"Added Keel's driver '{name}' to {workspace.Show(app.Description)}: [tasks.{name}] with driver = \"{name}\", its capabilities and its endpoint; its comments show a client's capability.");
        context.Console.WriteWholeLine($"Build it with: keel build {workspace.Show(app.Folder)}");
        return ExitCodes.Success;
    }

    // The description with the entry after one blank line, its own text untouched.
    public static string Appended(string description, string entry)
    {
        string separator = description.Length == 0 ? "" : description.EndsWith('\n') ? "\n" : "\n\n";
        return description + separator + entry.ReplaceLineEndings("\n");
    }
}
