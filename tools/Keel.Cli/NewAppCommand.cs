// keel new app NAME [--output DIR]: a new application from the keel-app project
// template, the same files `dotnet new keel-app` uses (templates/keel-app/content,
// embedded in keel.dll at build time: Keel.Cli.csproj), written to DIR (./NAME by
// default) with dotnet new's two substitutions: the template's sourceName KeelApp
// becomes NAME (and its lower-case form keelapp NAME in lower case, as dotnet new's
// lower_safe_name does), and KEEL_SDK_VERSION becomes the Keel.Sdk version this keel
// belongs to (its own version without the +build metadata). It refuses a folder that
// already holds something, so nothing of the user's is overwritten.
using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

public sealed partial class NewAppCommand(CliContext context) : AsyncCommand<NewAppCommand.Settings>
{
    // The prefix of the template's files among keel.dll's resources.
    public const string ResourcePrefix = "keel-app/";
    public const string SourceName = "KeelApp";
    public const string VersionToken = "KEEL_SDK_VERSION";
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

    // The template's files: path (relative, '/'-separated) and the resource holding it.
    public static IReadOnlyList<(string Path, string Resource)> TemplateFiles() =>
        typeof(NewAppCommand).Assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource => (resource[ResourcePrefix.Length..].Replace('\\', '/'), resource))
            .Order()
            .ToList();

    public static string Substitute(string text, string name) => text
        .Replace(SourceName, name, StringComparison.Ordinal)
        .Replace(SourceName.ToLowerInvariant(), name.ToLowerInvariant(), StringComparison.Ordinal)
        .Replace(VersionToken, KeelCli.PackageVersion, StringComparison.Ordinal);

    public static Task<int> RunAsync(CliContext context, Settings settings)
    {
        string name = settings.Name;
        string target = Path.GetFullPath(settings.Output ?? name, context.CurrentDirectory);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
            throw CliError.Usage($"new app: {target} already exists and is not empty; give another NAME or --output DIR.");
        var files = TemplateFiles();
        if (files.Count == 0)
            throw new CliError("this keel was built without the keel-app template (templates/keel-app/content was missing when it was built).",
                "dotnet new keel-app -n " + name, ExitCodes.MissingTool);

        Assembly assembly = typeof(NewAppCommand).Assembly;
        foreach (var (path, resource) in files)
        {
            string destination = Path.Combine(target, Substitute(path, name));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            File.WriteAllText(destination, Substitute(reader.ReadToEnd(), name));
        }
        string shown = Path.GetRelativePath(context.CurrentDirectory, target);
        context.Console.WriteWholeLine($"Made application {name} in {shown} ({files.Count} files, Keel.Sdk {KeelCli.PackageVersion}).");
        context.Console.WriteWholeLine($"Build and run it with: cd {shown} && keel run");
        return Task.FromResult(ExitCodes.Success);
    }
}
