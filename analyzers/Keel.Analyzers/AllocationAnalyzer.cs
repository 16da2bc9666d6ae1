// Allocation at run time: firmware has no heap (docs/csharp.md, KEEL1001-KEEL1008).
// The compiler's own lowering decides what allocates, so most checks look at the bound
// operations (an implicit boxing conversion has no syntax of its own); string joins and
// interpolation are checked on syntax, because with no String.Concat or String.Format
// in the core library the compiler cannot bind them to an operation at all.
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Keel.Analyzers
{
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AllocationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.ClassInstance, Descriptors.Boxing, Descriptors.RuntimeArray, Descriptors.StringConcatenation,
            Descriptors.StringInterpolation, Descriptors.ParamsArray, Descriptors.CapturingLambda, Descriptors.Delegate);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(ObjectCreation, OperationKind.ObjectCreation);
            context.RegisterOperationAction(ArrayCreation, OperationKind.ArrayCreation);
            context.RegisterOperationAction(CollectionExpression, OperationKind.CollectionExpression);
            context.RegisterOperationAction(Conversion, OperationKind.Conversion);
            context.RegisterOperationAction(ParamsArgument, OperationKind.Argument);
            context.RegisterOperationAction(DelegateCreation, OperationKind.DelegateCreation);
            context.RegisterSyntaxNodeAction(StringJoin, SyntaxKind.AddExpression, SyntaxKind.AddAssignmentExpression);
            context.RegisterSyntaxNodeAction(Interpolation, SyntaxKind.InterpolatedStringExpression);
        }

        private static void ObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is { IsReferenceType: true, TypeKind: not TypeKind.Error } type && !CompileTime.Contains(creation.Syntax) && !IsMissingType(type))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ClassInstance, creation.Syntax.GetLocation(), type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        // A .NET type firmware does not have, declared in the core library only so that its
        // use is an error naming what to write instead (corelib/System/Missing: KEEL11xx);
        // that error is the one to read, not "make it a struct".
        private static bool IsMissingType(ITypeSymbol type) =>
            type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute"
                && a.NamedArguments.Any(n => n.Key == "DiagnosticId" && n.Value.Value is string id && id.StartsWith("KEEL", System.StringComparison.Ordinal)));

        private static void ArrayCreation(OperationAnalysisContext context)
        {
            var creation = (IArrayCreationOperation)context.Operation;
            // A call's params array is reported once, as the call's (ParamsArgument).
            if (creation.IsImplicit && creation.Parent is IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray })
                return;
            if (IsConstantSpanData(creation))
                return;
            ReportArray(context, creation.Syntax, $"`new {ElementName(creation.Type)}[]`");
        }

        private static void CollectionExpression(OperationAnalysisContext context)
        {
            // A collection expression that makes an array allocates in firmware. One that
            // makes a span is data in the image (constants) or a buffer on the stack (a
            // fixed number of values), unless it spreads another collection (`..`), whose
            // length the compiler only learns at run time: it builds an array for it.
            var collection = (ICollectionExpressionOperation)context.Operation;
            if (collection.Type is IArrayTypeSymbol array)
                ReportArray(context, collection.Syntax, $"this {ElementName(array)}[] collection expression");
            else if (collection.Elements.Any(element => element is ISpreadOperation))
                ReportArray(context, collection.Syntax, "this collection expression with a spread (`..`)");
        }

        // `ReadOnlySpan<T> X => new T[] { constants }` (or such an array passed where a
        // ReadOnlySpan<T> is expected): the C# compiler allocates nothing, it emits the
        // values as data in the image (an RVA field, in flash) and a span over them
        // (RuntimeHelpers.CreateSpan for elements wider than a byte). It does so only for
        // a read-only span, only when every element is a constant, and only for the
        // primitive types and enums whose bytes it can lay out itself.
        private static bool IsConstantSpanData(IArrayCreationOperation creation)
        {
            IOperation? target = creation.Parent;
            if (target is IArgumentOperation { Parent: IObjectCreationOperation construction })
                target = construction;
            if (target?.Type is not INamedTypeSymbol { Name: "ReadOnlySpan", Arity: 1, ContainingNamespace.Name: "System" })
                return false;
            if (creation.Type is not IArrayTypeSymbol { Rank: 1 } array || !HasConstantData(array.ElementType))
                return false;
            return creation.Initializer != null
                && creation.DimensionSizes.All(size => size.ConstantValue.HasValue)
                && creation.Initializer.ElementValues.All(element => element.ConstantValue.HasValue);
        }

        private static bool HasConstantData(ITypeSymbol element)
        {
            ITypeSymbol underlying = element is INamedTypeSymbol { EnumUnderlyingType: { } enumBase } ? enumBase : element;
            switch (underlying.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                    return true;
                default:
                    return false;
            }
        }

        private static void ReportArray(OperationAnalysisContext context, SyntaxNode syntax, string what)
        {
            if (!CompileTime.Contains(syntax))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RuntimeArray, syntax.GetLocation(), what));
        }

        private static string ElementName(ITypeSymbol? arrayType) =>
            arrayType is IArrayTypeSymbol array ? array.ElementType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) : "T";

        private static void Conversion(OperationAnalysisContext context)
        {
            var conversion = (IConversionOperation)context.Operation;
            if (!conversion.GetConversion().IsBoxing || conversion.Operand.Type is not { } from || conversion.Type is not { } to)
                return;
            // `"n = " + n` boxes n only on the way to String.Concat: KEEL1004 says it all.
            if (conversion.Parent is IBinaryOperation { Type.SpecialType: SpecialType.System_String })
                return;
            if (!CompileTime.Contains(conversion.Syntax))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Boxing, conversion.Syntax.GetLocation(),
                    from.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), to.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        private static void ParamsArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            // A `params Span<T>` parameter takes its arguments without an array.
            if (argument.ArgumentKind != ArgumentKind.ParamArray || argument.Parameter?.Type is not IArrayTypeSymbol)
                return;
            SyntaxNode call = argument.Parent?.Syntax ?? argument.Syntax;
            if (!CompileTime.Contains(call))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ParamsArray, call.GetLocation(),
                    $"{argument.Parameter.ContainingType.Name}.{argument.Parameter.ContainingSymbol.Name}"));
        }

        private static void DelegateCreation(OperationAnalysisContext context)
        {
            var creation = (IDelegateCreationOperation)context.Operation;
            if (CompileTime.Contains(creation.Syntax))
                return;
            string delegateType = creation.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "delegate";
            if (creation.Target is IAnonymousFunctionOperation function)
            {
                string kind = function.Syntax is AnonymousMethodExpressionSyntax ? "anonymous method" : "lambda";
                string[] captured = Captured(function, context.Operation.SemanticModel!);
                if (captured.Length > 0)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CapturingLambda, function.Syntax.GetLocation(), kind, string.Join(", ", captured)));
                else
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.Delegate, function.Syntax.GetLocation(), $"this {kind}", delegateType));
            }
            else if (creation.Target is IMethodReferenceOperation method)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Delegate, creation.Syntax.GetLocation(), $"the method {method.Method.Name}", delegateType));
            }
        }

        // The variables (and `this`) declared outside the anonymous function and used
        // inside it: what the compiler moves into a closure object.
        private static string[] Captured(IAnonymousFunctionOperation function, SemanticModel model)
        {
            DataFlowAnalysis? flow = model.AnalyzeDataFlow(function.Syntax);
            if (flow == null || !flow.Succeeded)
                return new string[0];
            return flow.Captured
                .Where(symbol => !symbol.DeclaringSyntaxReferences.Any(reference => function.Syntax.Span.Contains(reference.Span)))
                .Select(symbol => symbol is IParameterSymbol { IsThis: true } ? "this" : symbol.Name)
                .ToArray();
        }

        private static void StringJoin(SyntaxNodeAnalysisContext context)
        {
            if (!IsRuntimeString(context, context.Node))
                return;
            // `a + b + c` is reported once, at the outermost `+`.
            SyntaxNode parent = context.Node.Parent!;
            while (parent is ParenthesizedExpressionSyntax)
                parent = parent.Parent!;
            if (parent.IsKind(SyntaxKind.AddExpression) && IsRuntimeString(context, parent))
                return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.StringConcatenation, context.Node.GetLocation()));
        }

        // An interpolated string that becomes a string. One passed where an interpolated-
        // string handler is expected (Console.WriteLine, Utf8.TryWrite: userlib/Text)
        // becomes calls on that handler, on the caller's stack, and is not reported.
        private static void Interpolation(SyntaxNodeAnalysisContext context)
        {
            if (context.SemanticModel.GetConversion(context.Node, context.CancellationToken).IsInterpolatedStringHandler)
                return;
            if (!context.SemanticModel.GetConstantValue(context.Node, context.CancellationToken).HasValue)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.StringInterpolation, context.Node.GetLocation()));
        }

        // A string-typed expression the compiler cannot fold into a literal.
        private static bool IsRuntimeString(SyntaxNodeAnalysisContext context, SyntaxNode node) =>
            context.SemanticModel.GetTypeInfo(node, context.CancellationToken).Type?.SpecialType == SpecialType.System_String
            && !context.SemanticModel.GetConstantValue(node, context.CancellationToken).HasValue;
    }
}
