// `double` where the target has no double-precision FPU (KEEL1012). The Cortex-M4F's
// FPU (FPv4-SP) does single precision only, yet ILC's ARM32 code generator emits VFP
// double instructions (vcvt.f64.u32, vadd.f64, ...) for double, which fault as undefined
// instructions there. So double is refused where it is written: the type by name and
// double literals (1.5, 2e3), which is where every double value in a program starts.
// A board with a double-precision FPU sets KeelDoublePrecisionFpu=true (board.props),
// which the build hands to the analyzer (sdk/targets/Keel.Target.props).
using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Keel.Analyzers
{
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DoublePrecisionAnalyzer : DiagnosticAnalyzer
    {
        public const string FpuProperty = "build_property.KeelDoublePrecisionFpu";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Double);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (HasDoublePrecisionFpu(start.Options))
                    return;
                start.RegisterSyntaxNodeAction(TypeName, SyntaxKind.PredefinedType, SyntaxKind.IdentifierName);
                start.RegisterSyntaxNodeAction(Literal, SyntaxKind.NumericLiteralExpression);
            });
        }

        public static bool HasDoublePrecisionFpu(AnalyzerOptions options) =>
            options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(FpuProperty, out string? value)
            && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        private static void TypeName(SyntaxNodeAnalysisContext context)
        {
            if (context.Node is PredefinedTypeSyntax predefined ? !predefined.Keyword.IsKind(SyntaxKind.DoubleKeyword) : ((IdentifierNameSyntax)context.Node).Identifier.ValueText != "Double")
                return;
            if (context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol is ITypeSymbol { SpecialType: SpecialType.System_Double })
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Double, context.Node.GetLocation(), $"`{context.Node}` is double precision"));
        }

        private static void Literal(SyntaxNodeAnalysisContext context)
        {
            if (context.SemanticModel.GetTypeInfo(context.Node, context.CancellationToken).Type?.SpecialType == SpecialType.System_Double)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Double, context.Node.GetLocation(), $"the literal {context.Node} is a double"));
        }
    }
}
