// Where a board named in app.toml (or by --board) is looked for: an ordered list of
// folders each holding one folder per board. An application's own boards/ (a custom
// PCB described beside its tasks) comes before Keel's board/, so a user's board is
// chosen exactly like a built-in one, and may even replace one of the same name.
namespace Keel.BuildTool.SystemDescription;

public sealed record BoardSearch(IReadOnlyList<string> Directories)
{
    public static implicit operator BoardSearch(string directory) => new([directory]);

    // The folder of the board `name` (the first that has its board.props), or null.
    public string? Find(string name) => Directories
        .Select(directory => Path.Combine(directory, name))
        .FirstOrDefault(folder => File.Exists(Path.Combine(folder, BoardDescription.PropsFile)));

    // Every board the search can find, by name, for messages.
    public IEnumerable<string> Known => Directories
        .Where(Directory.Exists)
        .SelectMany(Directory.GetDirectories)
        .Where(folder => File.Exists(Path.Combine(folder, BoardDescription.PropsFile)))
        .Select(folder => Path.GetFileName(folder))
        .Distinct()
        .Order();
}
