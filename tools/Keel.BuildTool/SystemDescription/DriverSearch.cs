// Where a driver task named in app.toml (`driver = "usart"` in its [tasks.<name>]) is
// found: a folder holding one folder per driver, each with the driver's one project
// file and driver.toml, the entry `keel add driver` writes into app.toml. In Keel's
// tree that folder is drivers/; an application built from packages gets the one in the
// Keel.Drivers package of its SDK's version (sdk/targets/Keel.Libraries.props), so no
// application names a path into anyone's copy of Keel.
namespace Keel.BuildTool.SystemDescription;

public sealed record DriverSearch(string Directory)
{
    public const string EntryFile = "driver.toml";

    // The project of the driver `name`, or null if there is no such driver.
    public string? FindProject(string name)
    {
        string folder = Path.Combine(Directory, name);
        if (!Identifiers.IsValidName(name) || !File.Exists(Path.Combine(folder, EntryFile)))
            return null;
        string[] projects = System.IO.Directory.GetFiles(folder, "*.csproj");
        return projects.Length == 1 ? Path.GetFullPath(projects[0]) : null;
    }

    // The app.toml entry of the driver `name` (driver.toml's text), or null.
    public string? Entry(string name) => FindProject(name) is null ? null : File.ReadAllText(Path.Combine(Directory, name, EntryFile));

    // Every driver there is, by name, for messages.
    public IEnumerable<string> Known => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetDirectories(Directory).Select(Path.GetFileName).OfType<string>().Where(name => FindProject(name) is not null).Order()
        : [];
}
