// Language features whose run-time support the core library does not have (KEEL1009,
// KEEL1013-KEEL1016, KEEL1019): LINQ, async, lock, reflection, tuples, record classes
// (a record struct is served: corelib/System/Equality.cs). Each needs types that
// corelib/ leaves out on purpose (they allocate, or need a runtime with a heap and
// threads), so the compiler's own error names a missing type; this says what the
// firmware way is. Syntax checks, since the construct does not bind.
//
// Only constructs inside member bodies (or a using directive, corelib/System/Linq.cs)
// can be explained: a missing type in a declaration, such as an iterator's
// IEnumerable<T> return type, stops the compiler before analyzers run.
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Keel.Analyzers
{
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RuntimeFeatureAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Linq, Descriptors.Async, Descriptors.Lock, Descriptors.Reflection, Descriptors.Tuple, Descriptors.RecordClass);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(UsingDirective, SyntaxKind.UsingDirective);
            context.RegisterSyntaxNodeAction(c => Report(c, Descriptors.Linq, c.Node), SyntaxKind.QueryExpression);
            context.RegisterSyntaxTreeAction(AsyncModifiers);
            context.RegisterSyntaxNodeAction(c => Report(c, Descriptors.Lock, ((LockStatementSyntax)c.Node).LockKeyword), SyntaxKind.LockStatement);
            context.RegisterSyntaxNodeAction(TypeOf, SyntaxKind.TypeOfExpression);
            context.RegisterSyntaxNodeAction(Tuple, SyntaxKind.TupleExpression, SyntaxKind.TupleType);
            context.RegisterSyntaxNodeAction(c => Report(c, Descriptors.RecordClass, ((RecordDeclarationSyntax)c.Node).Keyword), SyntaxKind.RecordDeclaration);
        }

        private static void UsingDirective(SyntaxNodeAnalysisContext context)
        {
            string? name = ((UsingDirectiveSyntax)context.Node).Name?.ToString();
            if (name == "System.Linq" || name?.StartsWith("System.Linq.") == true)
                Report(context, Descriptors.Linq, context.Node);
        }

        // `async` is a modifier of methods, local functions and lambdas alike; as a
        // modifier (not an identifier) it is its own kind of token.
        private static void AsyncModifiers(SyntaxTreeAnalysisContext context)
        {
            foreach (SyntaxToken token in context.Tree.GetRoot(context.CancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.AsyncKeyword))
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.Async, token.GetLocation()));
            }
        }

        // typeof in an attribute argument is metadata, not a run-time Type object.
        private static void TypeOf(SyntaxNodeAnalysisContext context)
        {
            if (!CompileTime.InAttribute(context.Node))
                Report(context, Descriptors.Reflection, context.Node, "`typeof`");
        }

        // A tuple inside a tuple type or expression is the outer one's part: reported once.
        private static void Tuple(SyntaxNodeAnalysisContext context)
        {
            SyntaxNode? parent = context.Node.Parent;
            if (parent is TupleElementSyntax || parent is ArgumentSyntax { Parent: TupleExpressionSyntax })
                return;
            Report(context, Descriptors.Tuple, context.Node);
        }

        private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor descriptor, SyntaxNode node, params object[] arguments) =>
            context.ReportDiagnostic(Diagnostic.Create(descriptor, node.GetLocation(), arguments));

        private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor descriptor, SyntaxToken token) =>
            context.ReportDiagnostic(Diagnostic.Create(descriptor, token.GetLocation()));
    }
}
