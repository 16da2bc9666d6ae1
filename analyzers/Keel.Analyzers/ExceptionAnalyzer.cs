// Exceptions (KEEL1010, KEEL1011): firmware has none. A failed check in compiled code
// ends in Keel.Runtime.Panic.Fail; code that can fail returns an error instead. These
// are syntax checks: with no System.Exception in the core library, `throw` and `catch`
// cannot be bound, but the line that wrote them still gets its explanation.
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Keel.Analyzers
{
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ExceptionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Throw, Descriptors.Try);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                c => c.ReportDiagnostic(Diagnostic.Create(Descriptors.Throw, c.Node.GetLocation())),
                SyntaxKind.ThrowStatement, SyntaxKind.ThrowExpression);
            context.RegisterSyntaxNodeAction(
                c => c.ReportDiagnostic(Diagnostic.Create(Descriptors.Try, ((TryStatementSyntax)c.Node).TryKeyword.GetLocation())),
                SyntaxKind.TryStatement);
        }
    }
}
