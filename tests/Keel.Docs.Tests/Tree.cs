using Keel.Emulation;

namespace Keel.Docs.Tests;

// The repository's files as the documentation sees them: sources and documents, never
// what a build leaves behind (bin/, obj/) or git's own folder.
public static class Tree
{
    public static string Root => Repository.Root;

    public static IEnumerable<string> Files(string pattern) =>
        Directory.EnumerateFiles(Root, pattern, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj" or ".git"))
            .Order(StringComparer.Ordinal);

    // Every Markdown file of the repository, with its lines numbered from 1.
    public static IEnumerable<(string File, int Line, string Text)> DocumentLines() =>
        from file in Files("*.md")
        from numbered in File.ReadLines(Path.Combine(Root, file)).Select((text, index) => (Line: index + 1, Text: text))
        select (file, numbered.Line, numbered.Text);

    public static IReadOnlyList<string> TopLevelFolders() =>
        Directory.EnumerateDirectories(Root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.') && name is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
