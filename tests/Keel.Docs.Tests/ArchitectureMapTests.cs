using System.Text.RegularExpressions;

namespace Keel.Docs.Tests;

// ARCHITECTURE.md is the map of the tree: each top-level folder has its row in the
// tree's table, and each of Keel's own projects (Keel.*.csproj: libraries, tools,
// packages, test projects) is named there. Applications and their tasks are covered by
// their folder's row.
public partial class ArchitectureMapTests
{
    private static readonly string Architecture = File.ReadAllText(Path.Combine(Tree.Root, "ARCHITECTURE.md"));

    [Fact]
    public void EveryTopLevelFolderHasItsRowInTheTreeTable()
    {
        HashSet<string> rows = TreeRow().Matches(Architecture).Select(match => match.Groups["folder"].Value).ToHashSet();
        string[] missing = Tree.TopLevelFolders().Where(folder => !rows.Contains(folder)).ToArray();
        Assert.True(missing.Length == 0, "top-level folders with no row in ARCHITECTURE.md's tree table: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryKeelProjectIsNamed()
    {
        string[] missing = Tree.Files("Keel.*.csproj")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(project => !Regex.IsMatch(Architecture, $@"(?<![\w.]){Regex.Escape(project)}(?![\w])"))
            .ToArray();
        Assert.True(missing.Length == 0, "Keel projects ARCHITECTURE.md does not name: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"^\| `(?<folder>[^`/]+)/` \|", RegexOptions.Multiline)]
    private static partial Regex TreeRow();
}
