// Conversions from float that ILC's ARM32 code cannot do in single precision
// (KEEL1017, KEEL1018), found by building them: float to long or ulong, and any checked
// conversion to an integer, go through a double (vcvt.f64.f32, then a helper: the
// checked ones are corelib/Internal/Arithmetic.cs's ConvertTo*Checked), which faults on
// a single-precision FPU like any double. Float to int or uint is one instruction
// (vcvt.s32.f32), so that is the way through. A constant conversion is folded by the
// compiler and never runs.
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Keel.Analyzers
{
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FloatConversionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.FloatToLong, Descriptors.CheckedFloatConversion);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                bool doublePrecisionFpu = DoublePrecisionAnalyzer.HasDoublePrecisionFpu(start.Options);
                start.RegisterOperationAction(c => Conversion(c, doublePrecisionFpu), OperationKind.Conversion);
            });
        }

        private static void Conversion(OperationAnalysisContext context, bool doublePrecisionFpu)
        {
            var conversion = (IConversionOperation)context.Operation;
            if (conversion.ConstantValue.HasValue || conversion.Operand.Type is not { } from || conversion.Type is not { } to)
                return;
            bool fromFloatingPoint = from.SpecialType is SpecialType.System_Single or SpecialType.System_Double;
            bool toInteger = to.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_UInt64 or SpecialType.System_IntPtr or SpecialType.System_UIntPtr;
            if (!fromFloatingPoint || !toInteger)
                return;
            string fromName = from.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            string toName = to.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            if (doublePrecisionFpu)
                return;
            if (conversion.IsChecked)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CheckedFloatConversion, conversion.Syntax.GetLocation(), fromName, toName));
            // From double, KEEL1012 has already refused the value where it was written.
            else if (from.SpecialType == SpecialType.System_Single && to.SpecialType is SpecialType.System_Int64 or SpecialType.System_UInt64)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.FloatToLong, conversion.Syntax.GetLocation(), toName));
        }
    }
}
