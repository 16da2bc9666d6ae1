// A new user's machine in a folder outside Keel's tree, shared by the user-path test
// (tests/Keel.Sdk.Tests) and the build benchmark (bench/Keel.BuildBench): Keel's five
// packages (Keel.Packages.slnf) packed into a folder feed, and a clean HOME with a
// package folder of its own (so no package of an earlier run with the same version can
// stand in for the ones just packed): the application's own nuget.config, which the
// template writes, is the only NuGet configuration there is. Restore may take the ILC
// compiler, and only it, from the machine's package folder (as CI would from a cache),
// through a fallback folder. Every command goes through the caller's `UserStep`, which
// runs it, keeps its transcript and decides what a failure means.
using System.Text.RegularExpressions;

namespace Keel.Emulation;

// Runs `executable` in `folder` with `environment` beside the inherited variables; it
// must succeed. Returns what it printed.
public delegate Task<string> UserStep(IReadOnlyDictionary<string, string> environment, string folder, string executable, params string[] arguments);

public sealed partial class UserMachine(string root)
{
    public static readonly string[] Packages = ["Keel.Sdk", "Keel.Drivers", "Keel.Templates", "Keel.Cli", "Keel.Testing"];
    private const string IlcPackage = "runtime.linux-x64.microsoft.dotnet.ilcompiler";

    public string Root => root;
    public string Feed => Path.Combine(root, "feed");
    public string Home => Path.Combine(root, "user");
    public string PackageFolder => Path.Combine(root, "packages");

    // Keel's tree is packed by the developer's own dotnet, as on any day: under the user's
    // home, the pack's restore would point the tree's projects (their
    // obj/project.assets.json) at this machine's package folder, which is deleted at the
    // end, and every later build in the tree would fail.
    public static readonly IReadOnlyDictionary<string, string> KeelsEnvironment = new Dictionary<string, string>();

    // A clean HOME: the user's dotnet keeps its state (the local tools' resolver cache
    // above all, which maps a tool's id and version to where it was restored) and NuGet
    // its user configuration there, and the packages go to a folder of the machine's.
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["HOME"] = Path.Combine(root, "home"),
        ["DOTNET_CLI_HOME"] = Path.Combine(root, "home"),
        ["NUGET_PACKAGES"] = PackageFolder,
        ["NUGET_FALLBACK_PACKAGES"] = IlcCache(),
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    // Packs Keel's packages into the feed; returns their one version.
    public async Task<string> PackAsync(UserStep step)
    {
        await step(KeelsEnvironment, Repository.Root, "dotnet", "pack", Path.Combine(Repository.Root, "Keel.Packages.slnf"), "-c", "Release", "-o", Feed, "-nologo", "-v:q");
        return FeedVersion();
    }

    // The one version of every package in the feed.
    public string FeedVersion()
    {
        string version = PackageVersion(Feed, "Keel.Sdk");
        string[] others = Packages.Where(package => PackageVersion(Feed, package) != version).ToArray();
        if (others.Length > 0)
            throw new InvalidOperationException($"{Feed}: {string.Join(", ", others)} not at Keel.Sdk's version {version}");
        return version;
    }

    // `dotnet new keel-app -n name` in the user's home, from the feed's template
    // package, with Keel's packages where the template's nuget.config says they come
    // from. Returns the application's folder.
    public async Task<string> NewApplicationAsync(UserStep step, string name)
    {
        string version = FeedVersion();
        Directory.CreateDirectory(Home);
        string hive = Path.Combine(root, "templates-hive");
        await step(Environment, Home, "dotnet", "new", "install", Path.Combine(Feed, $"Keel.Templates.{version}.nupkg"), "--debug:custom-hive", hive);
        await step(Environment, Home, "dotnet", "new", "keel-app", "-n", name, "--debug:custom-hive", hive);
        string app = Path.Combine(Home, name);
        string appFeed = Directory.CreateDirectory(Path.Combine(app, "keel-packages")).FullName;
        foreach (string package in Directory.GetFiles(Feed, "*.nupkg"))
            File.Copy(package, Path.Combine(appFeed, Path.GetFileName(package)));
        return app;
    }

    // A fallback package folder holding the machine's ILC package and nothing else.
    private string IlcCache()
    {
        string cache = Path.Combine(root, "ilc-cache");
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
        string[] versions = Directory.GetFiles(feed, $"{id}.*.nupkg")
            .Select(p => PackageName().Match(Path.GetFileName(p)))
            .Where(m => m.Success && m.Groups["id"].Value == id)
            .Select(m => m.Groups["version"].Value)
            .ToArray();
        return versions.Length == 1
            ? versions[0]
            : throw new InvalidOperationException($"{feed} holds {versions.Length} versions of {id}, not one");
    }

    private static string MachinePackageFolder() =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [GeneratedRegex(@"^(?<id>.+?)\.(?<version>\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex PackageName();
}
