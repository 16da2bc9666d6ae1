using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Keel.Generators.Tests;

// The test-case generator (analyzers/Keel.Generators/TestCaseGenerator.cs,
// docs/testing.md), run on small compilations: which cases the runner it writes runs,
// in which order, under which id and name (every case: which run is chosen at boot,
// userlib/TestSelection.cs, tested in CheckTests); and each broken rule an error at its line, the runner still written without that case.
public class TestCaseGeneratorTests
{
    // The test API as a firmware project sees it (userlib/Testing.cs), without bodies.
    private const string Prelude = """
        namespace Keel.UserLib.Testing
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class TestCaseAttribute : System.Attribute
            {
                public TestCaseAttribute() { }
                public TestCaseAttribute(string name) { }
                public string Id { get; set; }
                public string Skip { get; set; }
            }
            public struct Check { }
            public struct TestRun
            {
                public unsafe void Case(string id, string name, delegate*<ref Check, void> body) { }
                public void Skip(string id, string name, string why) { }
                public bool Close() => true;
            }
        }
        """;

    private sealed record Result(ImmutableArray<Diagnostic> Diagnostics, string? Source, ImmutableArray<Diagnostic> CompileErrors)
    {
        // The runner's calls in order: ("Case" or "Skip", id, name).
        public IReadOnlyList<(string Kind, string Id, string Name)> Calls => Source is null
            ? []
            : Regex.Matches(Source, "run\\.(Case|Skip)\\(\"([^\"]*)\", \"([^\"]*)\"").Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();

        public IEnumerable<string> Ids => Calls.Select(c => c.Id);
    }

    // `files` are (path, body) pairs; each body sits in `namespace App { ... }` from line 3.
    private static Result Run(params (string Path, string Body)[] files)
    {
        var trees = files.Select(f => CSharpSyntaxTree.ParseText("using Keel.UserLib.Testing;\nnamespace App {\n" + f.Body + "\n}\n", path: f.Path))
            .Append(CSharpSyntaxTree.ParseText(Prelude, path: "Prelude.cs"));
        CSharpCompilation compilation = CSharpCompilation.Create("App", trees, Basic.References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new TestCaseGenerator().AsSourceGenerator());
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorDriverRunResult result = driver.GetRunResult();
        string? source = result.GeneratedTrees.SingleOrDefault()?.ToString();
        return new Result(result.Diagnostics, source, output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray());
    }

    private static Result Run(string body) => Run(("Cases.cs", body));

    private const string ThreeCases = """
        public static class Cases
        {
            [TestCase("adds")] public static void AddsTwo(ref Check check) { }
            [TestCase("saturates", Id = "Add_Saturates")] internal static void Saturation(ref Check check) { }
            [TestCase("shared code")] public static void SharedArithmetic(ref Check check) { }
        }
        """;

    [Fact]
    public void EveryCaseRunsInSourceOrderUnderItsIdAndName()
    {
        Result result = Run(
            ("b/More.cs", """
                public static class More
                {
                    public static class Nested { [TestCase] public static void Untitled(ref Check check) { } }
                    [TestCase("not yet", Skip = "no hardware")] public static void Later(ref Check check) { }
                }
                """),
            ("a/Cases.cs", ThreeCases));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.CompileErrors);
        Assert.Equal(
            [("Case", "AddsTwo", "adds"), ("Case", "Add_Saturates", "saturates"), ("Case", "SharedArithmetic", "shared code"),
             ("Case", "Untitled", "Untitled"), ("Skip", "Later", "not yet")],
            result.Calls);
        Assert.Contains("run.Skip(\"Later\", \"not yet\", \"no hardware\");", result.Source);
        Assert.Contains("&global::App.More.Nested.Untitled", result.Source);
        Assert.Contains("public const int Count = 5;", result.Source);
    }

    [Fact]
    public void AProjectWithoutCasesGetsNoRunner()
    {
        Result result = Run("public static class Plain { public static void M(ref int x) { } }");
        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Source);
    }

    // Line numbers count from the body's first line, which is line 3 of Cases.cs.
    public static TheoryData<string, string, int, string> Broken => new()
    {
        { "KEEL2007", """
            public class Cases
            {
                [TestCase("instance")] public void Instance(ref Check check) { }
            }
            """, 3, "it is not static" },
        { "KEEL2007", """
            public static class Cases
            {
                [TestCase("returns")] public static int Returns(ref Check check) => 0;
            }
            """, 3, "it returns int" },
        { "KEEL2007", """
            public static class Cases
            {
                [TestCase("by value")] public static void ByValue(Check check) { }
            }
            """, 3, "its parameters are not (ref Check check)" },
        { "KEEL2007", """
            public static class Cases
            {
                [TestCase("two")]
                public static void Two(ref Check check, int more) { }
            }
            """, 4, "its parameters are not (ref Check check)" },
        { "KEEL2007", """
            public static class Cases
            {
                [TestCase("private")] private static void Hidden(ref Check check) { }
            }
            """, 3, "it is private" },
        { "KEEL2007", """
            public static class Cases
            {
                [TestCase("generic")] public static void Generic<T>(ref Check check) { }
            }
            """, 3, "it is generic" },
        { "KEEL2007", """
            public static class Cases<T>
            {
                [TestCase("in a generic type")] public static void InGeneric(ref Check check) { }
            }
            """, 3, "its type Cases is generic" },
        { "KEEL2007", """
            public static class Cases
            {
                private static class Inner
                {
                    [TestCase("in a private type")] public static void Inside(ref Check check) { }
                }
            }
            """, 5, "its type Inner is private" },
        { "KEEL2008", """
            public static class Cases
            {
                [TestCase("digit first", Id = "1st")] public static void First(ref Check check) { }
            }
            """, 3, "id '1st' cannot be reported" },
        { "KEEL2008", """
            public static class Cases
            {
                [TestCase("dash", Id = "adds-two")] public static void Dash(ref Check check) { }
            }
            """, 3, "id 'adds-two' cannot be reported" },
        { "KEEL2008", """
            public static class Cases
            {
                [TestCase("underscore first")] public static void _Hidden(ref Check check) { }
            }
            """, 3, "id '_Hidden' cannot be reported: an id is letters, digits and '_', starting with a letter (set Id" },
        { "KEEL2008", """
            public static class Cases
            {
                [TestCase("two\nlines")] public static void Lines(ref Check check) { }
            }
            """, 3, "remove the line break" },
        { "KEEL2008", """
            public static class Cases
            {
                [TestCase("empty skip", Skip = " ")] public static void EmptySkip(ref Check check) { }
            }
            """, 3, "Skip is empty" },
        { "KEEL2008", """
            public static class Cases
            {
                [TestCase("first")] public static void Twice(ref Check check) { }
                public static class Again
                {
                    [TestCase("second", Id = "TWICE")] public static void Other(ref Check check) { }
                }
            }
            """, 6, "id 'TWICE' is already the id of Twice" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ABrokenRuleIsAnErrorAtItsLineAndTheOtherCasesStillRun(string code, string body, int line, string message)
    {
        // A good case after the broken one: the runner is still written, with it alone.
        Result result = Run(body + "\npublic static class Good { [TestCase(\"fine\")] public static void Fine(ref Check check) { } }");
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(line + 2, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Equal(code == "KEEL2008" && message.Contains("already") ? ["Twice", "Fine"] : ["Fine"], result.Ids);
        Assert.Empty(result.CompileErrors);
    }
}
