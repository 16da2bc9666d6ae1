// A `dotnet new` template's files carried inside keel.dll (Keel.Cli.csproj embeds
// templates/<template>/content at build time), so that `keel new app` and `keel new
// task` write exactly the files `dotnet new keel-app` and `dotnet new keel-task` do:
// one source of truth. Writing one makes dotnet new's substitutions: the template's
// sourceName becomes the new name, its lower-case form the lower-case name (or the
// name the caller gives for it: a task's own name, which may hold '-'), and
// KEEL_SDK_VERSION the Keel.Sdk version this keel belongs to.
using System.Reflection;

namespace Keel.Cli;

public sealed class EmbeddedTemplate(string template, string sourceName)
{
    public const string VersionToken = "KEEL_SDK_VERSION";

    public static readonly EmbeddedTemplate App = new("keel-app", "KeelApp");
    public static readonly EmbeddedTemplate Task = new("keel-task", "KeelTask");

    private static readonly Assembly Carrier = typeof(EmbeddedTemplate).Assembly;

    public string Name { get; } = template;

    public string SourceName { get; } = sourceName;

    private string ResourcePrefix => Name + "/";

    // The template's files: path (relative, '/'-separated) and the resource holding it.
    public IReadOnlyList<(string Path, string Resource)> Files() =>
        Carrier.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource => (resource[ResourcePrefix.Length..].Replace('\\', '/'), resource))
            .Order()
            .ToList();

    public string Substitute(string text, string name, string? lowerName = null) => text
        .Replace(SourceName, name, StringComparison.Ordinal)
        .Replace(SourceName.ToLowerInvariant(), lowerName ?? name.ToLowerInvariant(), StringComparison.Ordinal)
        .Replace(VersionToken, KeelCli.PackageVersion, StringComparison.Ordinal);

    // The text of one of the template's files, substituted.
    public string Text(string resource, string name, string? lowerName = null)
    {
        using var reader = new StreamReader(Carrier.GetManifestResourceStream(resource)!);
        return Substitute(reader.ReadToEnd(), name, lowerName);
    }

    // Every file, substituted, written under `target`; returns how many.
    public int WriteAll(string target, string name, string? lowerName = null)
    {
        var files = Files();
        foreach (var (path, resource) in files)
        {
            string destination = Path.Combine(target, Substitute(path, name, lowerName));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.WriteAllText(destination, Text(resource, name, lowerName));
        }
        return files.Count;
    }

    // This keel was built without the template (its folder was missing then).
    public CliError Missing(string dotnetNew) => new(
        $"this keel was built without the {Name} template (templates/{Name}/content was missing when it was built).",
        dotnetNew, ExitCodes.MissingTool);
}
