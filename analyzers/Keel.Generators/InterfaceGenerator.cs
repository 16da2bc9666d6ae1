// Keel's typed IPC interface generator (docs/drivers.md): for every interface marked
// [Keel.UserLib.IpcInterface] in the project being compiled, a client struct and a
// server class, or, when the interface breaks a rule, the errors at its lines instead.
// The model and the code are built in the transform step and cached as plain strings,
// so an edit elsewhere in the project does not regenerate anything.
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Keel.Generators
{
    [Generator(LanguageNames.CSharp)]
    public sealed class InterfaceGenerator : IIncrementalGenerator
    {
        private const string AttributeName = "Keel.UserLib.IpcInterfaceAttribute";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<GeneratedInterface> interfaces = context.SyntaxProvider.ForAttributeWithMetadataName(
                AttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.InterfaceDeclarationSyntax,
                transform: static (attributed, _) => Generate((INamedTypeSymbol)attributed.TargetSymbol));
            context.RegisterSourceOutput(interfaces, static (output, generated) =>
            {
                foreach (Diagnostic diagnostic in generated.Diagnostics)
                    output.ReportDiagnostic(diagnostic);
                if (generated.Source != null)
                    output.AddSource(generated.HintName, generated.Source);
            });
        }

        private static GeneratedInterface Generate(INamedTypeSymbol symbol)
        {
            var diagnostics = new List<Diagnostic>();
            InterfaceModel model = InterfaceModel.Build(symbol, diagnostics);
            string hint = (model.Namespace.Length > 0 ? model.Namespace + "." : "") + model.InterfaceName + ".Ipc.g.cs";
            return new GeneratedInterface(hint, diagnostics.Count == 0 ? InterfaceEmitter.Emit(model) : null, diagnostics.ToImmutableArray());
        }

        // What one interface gives: its source or its errors. Equal when both are equal,
        // which is what lets the incremental pipeline skip unchanged interfaces.
        private sealed class GeneratedInterface : System.IEquatable<GeneratedInterface>
        {
            public readonly string HintName;
            public readonly string? Source;
            public readonly ImmutableArray<Diagnostic> Diagnostics;

            public GeneratedInterface(string hintName, string? source, ImmutableArray<Diagnostic> diagnostics)
            {
                HintName = hintName;
                Source = source;
                Diagnostics = diagnostics;
            }

            public bool Equals(GeneratedInterface? other)
            {
                if (other is null || other.HintName != HintName || other.Source != Source || other.Diagnostics.Length != Diagnostics.Length)
                    return false;
                for (int i = 0; i < Diagnostics.Length; i++)
                    if (!Diagnostics[i].Equals(other.Diagnostics[i]))
                        return false;
                return true;
            }

            public override bool Equals(object? obj) => Equals(obj as GeneratedInterface);

            public override int GetHashCode() => HintName.GetHashCode() ^ (Source?.GetHashCode() ?? 0);
        }
    }
}
