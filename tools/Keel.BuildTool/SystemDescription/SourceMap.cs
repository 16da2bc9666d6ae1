// Where things are in a TOML file, so that every error about it carries a line and a
// column (MSBuild's canonical `file(line,col): error ...`, which editors and the build
// turn into a link to the spot). Tomlyn records the span of every key it reads into a
// metadata store; SourceMap keeps the start of each, by key path.
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Keel.BuildTool.SystemDescription;

// 1-based, as editors and MSBuild count.
public sealed record SourcePosition(int Line, int Column)
{
    // Tomlyn counts from 0.
    public static SourcePosition FromZeroBased(int line, int column) => new(line + 1, column + 1);

    public override string ToString() => $"({Line},{Column})";
}

public sealed class SourceMap
{
    // Where an error about the whole file goes (a missing top-level field, the layout).
    public static readonly SourcePosition FileStart = new(1, 1);

    // Key paths joined with a character no key of a valid description contains.
    private const char PathSeparator = '\0';

    private readonly Dictionary<string, SourcePosition> _keys = new();

    // The positions of every key of `top` (and of the tables and arrays of tables in it)
    // that Tomlyn recorded in `store` while reading it.
    public SourceMap(TomlTable top, TomlMetadataStore store) => Add(top, store, "");

    // The position of the key at `path` (table names and field names from the top, array
    // elements by index), or else of the nearest enclosing key the file has: a field the
    // file leaves out is reported at its section, and a top-level one at the file's start.
    public SourcePosition Find(IReadOnlyList<string> path)
    {
        for (int length = path.Count; length > 0; length--)
        {
            if (_keys.TryGetValue(string.Join(PathSeparator, path.Take(length)), out var position))
                return position;
        }
        return FileStart;
    }

    private void Add(TomlTable table, TomlMetadataStore store, string prefix)
    {
        store.TryGetProperties(table, out var metadata);
        foreach (var (key, value) in table)
        {
            string path = prefix + key;
            if (metadata is not null && metadata.TryGetProperty(key, out var property) && property?.Span is { } span)
                _keys[path] = SourcePosition.FromZeroBased(span.Start.Line, span.Start.Column);
            if (value is TomlTable nested)
                Add(nested, store, path + PathSeparator);
            else if (value is IEnumerable<object> elements)
            {
                int index = 0;
                foreach (object element in elements)
                {
                    if (element is TomlTable elementTable)
                        Add(elementTable, store, $"{path}{PathSeparator}{index}{PathSeparator}");
                    index++;
                }
            }
        }
    }
}

// A section of a description as its messages name it ("task 'solo'", "task 'solo':
// irqs[0]") and as its keys reach it (tasks, solo, irqs, 0), so that every report
// about it, or about one of its fields, is placed at the right key.
public sealed record Section(string Context, IReadOnlyList<string> Path, SourceMap Source, Reporter Report)
{
    public void Problem(string problem) => Report($"{Context}: {problem}", Source.Find(Path));

    public void ProblemAt(string key, string problem) => Report($"{Context}: {problem}", Source.Find([.. Path, key]));

    public void Field(string field, string problem) => Report(Diagnostic.AboutField(Context, field, problem), Source.Find([.. Path, field]));

    // A section inside this one, named `context` in messages (whole, not appended: the
    // parser's and checker's names for nested sections are their own) and reached by `keys`.
    public Section Nested(string context, params string[] keys) => this with { Context = context, Path = [.. Path, .. keys] };
}
