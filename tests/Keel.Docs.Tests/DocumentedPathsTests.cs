using System.Text.RegularExpressions;

namespace Keel.Docs.Tests;

// A path into the repository that a document names must exist, so a move or a rename
// that forgets a document fails here. A path is a word that starts with one of the
// repository's top-level folders (`kernel/Thread.cs`, `tests/fuzz/README.md`). Not
// checked: what a build writes (under bin/ or obj/, logs), elided paths (`corelib/...`),
// and paths in a user's application, which exist in the keel-app template
// (`tests/app.toml`; the template's README is all about that application).
public partial class DocumentedPathsTests
{
    private const string Template = "templates/keel-app/content";

    [Fact]
    public void EveryRepositoryPathADocumentNamesExists()
    {
        IReadOnlyList<string> topLevel = Tree.TopLevelFolders();
        var missing = new List<string>();
        int checkedPaths = 0;
        foreach ((string file, int line, string text) in Tree.DocumentLines())
        {
            if (file.StartsWith(Template + "/", StringComparison.Ordinal))
                continue;
            foreach (Match match in RepositoryPath().Matches(text))
            {
                string path = match.Groups["path"].Value.TrimEnd('.', ',', ':', ';');
                if (!topLevel.Contains(path.Split('/')[0]) || IsBuildOutput(path) || path.Contains("..."))
                    continue;
                checkedPaths++;
                if (!Exists(path) && !Exists(Path.Combine(Template, path.Replace("MyApp", "KeelApp"))))
                    missing.Add($"{file}:{line}: {path}");
            }
        }
        Assert.True(checkedPaths > 400, $"only {checkedPaths} paths found in the documents: is the pattern still right?");
        Assert.True(missing.Count == 0, "paths named in documents that do not exist:\n" + string.Join("\n", missing));
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains("/bin/") || path.Contains("/obj/") || path.EndsWith(".log", StringComparison.Ordinal);

    // A path with `*` stands for the files it matches: at least one must exist.
    private static bool Exists(string path)
    {
        string full = Path.Combine(Tree.Root, path.TrimEnd('/'));
        if (!path.Contains('*'))
            return File.Exists(full) || Directory.Exists(full);
        string? folder = Path.GetDirectoryName(full);
        return folder != null && !folder.Contains('*') && Directory.Exists(folder)
            && Directory.EnumerateFileSystemEntries(folder, Path.GetFileName(full)).Any();
    }

    // Folders and a last part, or a file name with one of the tree's extensions; not in
    // the middle of a longer word (a URL, `~/renode/tests/...`, `$(KeelSdkRoot)targets/`).
    [GeneratedRegex(@"(?<![\w./~$)-])(?<path>(?:[A-Za-z0-9_.-]+/)+[A-Za-z0-9_.*-]*)")]
    private static partial Regex RepositoryPath();
}
