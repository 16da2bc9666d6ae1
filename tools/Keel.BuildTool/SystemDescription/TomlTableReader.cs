// Reads one TOML table against the fields a section expects. The schema is the set of
// fields the caller asks for: whatever the table holds beyond them is reported by
// RejectUnknownFields, so a misspelt key is an error rather than a setting silently
// ignored. Missing required fields and values of the wrong type are reported too, and
// the read returns null so that the caller carries on and the file's other mistakes
// are found in the same pass. Every report is placed at the key it is about (Section).
using System.Diagnostics.CodeAnalysis;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Serialization;

namespace Keel.BuildTool.SystemDescription;

public sealed class TomlTableReader
{
    private readonly TomlTable _table;
    private readonly HashSet<string> _knownFields = new();

    private TomlTableReader(TomlTable table, Section section)
    {
        _table = table;
        Section = section;
    }

    // Names the section in every message ("kernel", "task 'supervisor'", ...) and
    // places the messages.
    public Section Section { get; }

    public string Context => Section.Context;

    public SourceMap Source => Section.Source;

    // Parses a whole TOML file (syntax errors and duplicate keys reported at their
    // position) into a reader for its top-level table, or null if the file is not valid TOML.
    public static TomlTableReader? Parse(string text, string context, Reporter report)
    {
        var syntax = SyntaxParser.Parse(text, sourceName: null, validate: true);
        if (syntax.HasErrors)
        {
            foreach (var diagnostic in syntax.Diagnostics)
                report(diagnostic.Message, SourcePosition.FromZeroBased(diagnostic.Span.Start.Line, diagnostic.Span.Start.Column));
            return null;
        }
        var store = new TomlMetadataStore();
        var top = TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { MetadataStore = store })!;
        return new TomlTableReader(top, new Section(context, [], new SourceMap(top, store), report));
    }

    // A reader for `table`, named `context` in messages, at `keys` below this one's table.
    public TomlTableReader Nested(TomlTable table, string context, params string[] keys) => new(table, Section.Nested(context, keys));

    public void Report(string message) => Section.Problem(message);

    public void ReportField(string field, string problem) => Section.Field(field, problem);

    public string? String(string field, bool required = true) =>
        TryRead(field, required, out string? text) ? text : null;

    public long? Integer(string field, bool required = true) =>
        TryRead(field, required, out long number) ? number : null;

    public bool? Boolean(string field, bool required = true) =>
        TryRead(field, required, out bool flag) ? flag : null;

    // Whether the table has the field at all, whatever its type (for a field that only
    // makes sense beside another).
    public bool Has(string field) => _table.ContainsKey(field);

    public TomlTable? Table(string field, bool required = false) =>
        TryRead(field, required, out TomlTable? table) ? table : null;

    // An array whose elements must all be strings; wrong elements are reported and left out.
    public IReadOnlyList<string> StringList(string field)
    {
        var strings = new List<string>();
        if (!TryRead(field, required: false, out TomlArray? array))
            return strings;
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is string text)
                strings.Add(text);
            else
                ReportField(field, $"element {i}: expected a string, found {Describe(array[i])}");
        }
        return strings;
    }

    // An array whose elements must all be integers; wrong elements are reported and left out.
    public IReadOnlyList<long> IntegerList(string field)
    {
        var integers = new List<long>();
        if (!TryRead(field, required: false, out TomlArray? array))
            return integers;
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is long number)
                integers.Add(number);
            else
                ReportField(field, $"element {i}: expected an integer, found {Describe(array[i])}");
        }
        return integers;
    }

    // An array of tables, written inline (`x = [{...}]`) or as `[[x]]` sections.
    public IReadOnlyList<TomlTable> TableList(string field)
    {
        _knownFields.Add(field);
        if (!_table.TryGetValue(field, out object? value))
            return Array.Empty<TomlTable>();
        if (value is TomlTableArray tableArray)
            return tableArray.ToList();
        if (value is not TomlArray array)
        {
            ReportField(field, $"expected an array of tables, found {Describe(value)}");
            return Array.Empty<TomlTable>();
        }
        var tables = new List<TomlTable>();
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is TomlTable table)
                tables.Add(table);
            else
                ReportField(field, $"element {i}: expected a table, found {Describe(array[i])}");
        }
        return tables;
    }

    // Every entry of this table, for sections whose keys are names the file chooses
    // (tasks, endpoints, cap slots): each value must itself be a table.
    public IEnumerable<(string Name, TomlTable Table)> NamedTables()
    {
        foreach (var (name, value) in _table)
        {
            _knownFields.Add(name);
            if (value is TomlTable table)
                yield return (name, table);
            else
                ReportField(name, $"expected a table, found {Describe(value)}");
        }
    }

    public void RejectUnknownFields()
    {
        foreach (string key in _table.Keys)
        {
            if (!_knownFields.Contains(key))
                Section.ProblemAt(key, $"unknown field '{key}'{Suggestions.DidYouMean(key, _knownFields.Where(field => !_table.ContainsKey(field)))}");
        }
    }

    private bool TryRead<T>(string field, bool required, [NotNullWhen(true)] out T? typed)
    {
        _knownFields.Add(field);
        typed = default;
        if (!_table.TryGetValue(field, out object? value))
        {
            if (required)
                Report($"field '{field}' is missing");
            return false;
        }
        if (value is T ofType)
        {
            typed = ofType;
            return true;
        }
        ReportField(field, $"expected {DescribeType(typeof(T))}, found {Describe(value)}");
        return false;
    }

    private static string Describe(object? value) => value is null ? "nothing" : DescribeType(value.GetType());

    private static string DescribeType(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(long) => "an integer",
        _ when type == typeof(double) => "a float",
        _ when type == typeof(bool) => "a boolean",
        _ when type == typeof(TomlTable) => "a table",
        _ when type == typeof(TomlArray) || type == typeof(TomlTableArray) => "an array",
        _ => "a date or time",
    };
}
