// keel new app NAME [--output DIR]: a new application from the keel-app project
// template, the same files `dotnet new keel-app` uses (EmbeddedTemplate.App), written
// to DIR (./NAME by default) with dotnet new's substitutions: KeelApp becomes NAME (and
// keelapp NAME in lower case, as dotnet new's lower_safe_name does), and
// KEEL_SDK_VERSION the Keel.Sdk version this keel belongs to (its own version without
// the +build metadata). It refuses a folder that already holds something, so nothing
// of the user's is overwritten.
using System.ComponentModel;
using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed partial class NewAppCommand(CliContext context) : AsyncCommand<NewAppCommand.Settings>
{
    public const string NameRule = "a letter, then letters, digits and '_' (it names the project, its namespace and its image)";

    public sealed class Settings : KeelSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The application's name: a letter, then letters, digits and '_'. It names the project, the namespace and the image.")]
        public string Name { get; set; } = "";

        [CommandOption("-o|--output <DIR>")]
        [Description("The folder to make it in, which must not exist or be empty. Default: ./NAME.")]
        public string? Output { get; set; }

        protected override ValidationResult CheckValues() => ValidName().IsMatch(Name)
            ? ValidationResult.Success()
            : ValidationResult.Error($"new app: '{Name}' is not a valid application name: {NameRule}.");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ValidName();

    public override Task<int> ExecuteAsync(CommandContext _, Settings settings, CancellationToken cancellation) => RunAsync(context, settings);

    public static Task<int> RunAsync(CliContext context, Settings settings)
    {
        string name = settings.Name;
        string target = Path.GetFullPath(settings.Output ?? name, context.CurrentDirectory);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
            throw CliError.Usage($"new app: {target} already exists and is not empty; give another NAME or --output DIR.");
        if (EmbeddedTemplate.App.Files().Count == 0)
            throw EmbeddedTemplate.App.Missing("dotnet new keel-app -n " + name);
        int written = EmbeddedTemplate.App.WriteAll(target, name);
        string shown = Path.GetRelativePath(context.CurrentDirectory, target);
        context.Console.WriteWholeLine($"Made application {name} in {shown} ({written} files, Keel.Sdk {KeelCli.PackageVersion}).");
        context.Console.WriteWholeLine($"Build and run it with: cd {shown} && keel run");
        return Task.FromResult(ExitCodes.Success);
    }
}
