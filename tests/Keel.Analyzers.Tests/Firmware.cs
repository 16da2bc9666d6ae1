// Compiles C# as a firmware project does (the Keel core library as System, unsafe code
// allowed, the newest language version) and runs every analyzer of Keel.Analyzers over
// it, with the build properties a board would hand them.
using System.Collections.Immutable;
using System.Reflection;
using Keel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Keel.Analyzers.Tests;

public static class Firmware
{
    public const string SourcePath = "Program.cs";

    private static readonly MetadataReference CoreLib =
        MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "firmware", "Keel.CoreLib.dll"));

    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(AllocationAnalyzer).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    public static CSharpCompilation Compile(string source) =>
        CSharpCompilation.Create("task",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), SourcePath)],
            [CoreLib],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

    public static ImmutableArray<Diagnostic> Analyze(string source, bool doublePrecisionFpu = false)
    {
        var properties = new Dictionary<string, string>
        {
            [DoublePrecisionAnalyzer.FpuProperty] = doublePrecisionFpu ? "true" : "false",
        };
        var options = new AnalyzerOptions([], new BuildProperties(properties));
        return Compile(source).WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    // The build's properties as the compiler hands them to analyzers (CompilerVisibleProperty).
    private sealed class BuildProperties(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
