using Keel.Cli;

namespace Keel.Cli.Tests;

// keel new app: the keel-app template's files (templates/keel-app/content, which keel
// carries inside keel.dll) written out with dotnet new's substitutions, and the target
// folders and names it refuses.
public sealed class NewAppTests
{
    private static readonly string Content = Path.Combine(CliHarness.Root, "templates", "keel-app", "content");

    // The template's files as dotnet new sees them: all but .template.config.
    private static IEnumerable<string> TemplateFiles() =>
        Directory.GetFiles(Content, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Content, path))
            .Where(path => !path.StartsWith(".template.config", StringComparison.Ordinal));

    [Fact]
    public async Task EveryFileOfTheTemplateIsWrittenWithTheNameAndTheSdkVersion()
    {
        string parent = Directory.CreateTempSubdirectory("keel-new-app-").FullName;
        CliResult result = await CliHarness.RunAsync(["new", "app", "Orchard"], currentDirectory: parent);
        Assert.True(result.ExitCode == ExitCodes.Success, result.Describe());

        string app = Path.Combine(parent, "Orchard");
        var expected = TemplateFiles().Select(path => path.Replace("KeelApp", "Orchard")).Order().ToList();
        Assert.Contains(".gitignore", expected);
        Assert.Contains("Orchard.csproj", expected);
        Assert.Equal(expected, Directory.GetFiles(app, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(app, path)).Order());
        foreach (string path in TemplateFiles())
        {
            string template = File.ReadAllText(Path.Combine(Content, path));
            string written = File.ReadAllText(Path.Combine(app, path.Replace("KeelApp", "Orchard")));
            Assert.Equal(template.Replace("KeelApp", "Orchard").Replace("KEEL_SDK_VERSION", KeelCli.PackageVersion), written);
        }
        Assert.Contains($"\"Keel.Sdk\": \"{KeelCli.PackageVersion}\"", File.ReadAllText(Path.Combine(app, "global.json")));
        Assert.DoesNotContain("+", KeelCli.PackageVersion);
        Assert.Contains("cd Orchard && keel run", result.Output);

        // The application is found from its folder, and is a Keel.Sdk one.
        Application found = Workspace.Find(app).Application(null);
        Assert.Equal(Path.Combine(app, "Orchard.csproj"), found.Project);
        Assert.True(found.UsesKeelSdkPackage);
    }

    [Fact]
    public async Task AnEmptyOutputFolderIsUsedAndANonEmptyOneRefused()
    {
        string target = Directory.CreateTempSubdirectory("keel-new-app-").FullName;
        CliResult made = await CliHarness.RunAsync(["new", "app", "Blinky", "--output", target]);
        Assert.True(made.ExitCode == ExitCodes.Success, made.Describe());
        Assert.True(File.Exists(Path.Combine(target, "Blinky.csproj")));

        string readme = File.ReadAllText(Path.Combine(target, "README.md")) + "my notes";
        File.WriteAllText(Path.Combine(target, "README.md"), readme);
        CliResult again = await CliHarness.RunAsync(["new", "app", "Other", "--output", target]);
        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.Equal($"keel: error: new app: {target} already exists and is not empty; give another NAME or --output DIR.\nkeel: fix: keel --help\n", again.Error);
        Assert.Equal(readme, File.ReadAllText(Path.Combine(target, "README.md")));
        Assert.False(File.Exists(Path.Combine(target, "Other.csproj")));
    }
}
