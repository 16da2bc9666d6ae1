// What the interface generator knows of one [IpcInterface]: its operations, each with
// its parameters classified by how they travel, and the word counts of its request and
// its reply. Built from Roslyn's symbols in one pass that also collects every broken
// rule, so the generator writes either the code or the errors, never half of both.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Keel.Generators
{
    internal enum ParameterKind
    {
        // One word: an integer, bool, char or enum, into the server (or out of it when IsOut).
        Scalar,
        // Bytes to the server: a length word, then the bytes after every fixed word.
        BytesIn,
        // A buffer the server fills: a length word in the request, the bytes in the reply.
        BytesOut,
        // A capability slot of the caller: no word, one of the request's extra capabilities.
        Capability,
        // A capability slot of the server (out): no word, one of the reply's extra
        // capabilities, which lands in the client's receive slots.
        CapabilityOut,
    }

    internal sealed class ScalarType
    {
        // The C# keyword of the integral type on the wire (the enum's underlying type).
        public string Keyword = "";
        public bool Signed;
        public int Bits;
        public bool IsBool;
        public bool IsChar;
        // For an enum: its type name, its members' values and whether it is [Flags].
        public string? EnumName;
        public List<long> EnumValues = new List<long>();
        public bool IsFlags;
    }

    internal sealed class ParameterModel
    {
        public string Name = "";
        public ParameterKind Kind;
        public bool IsOut;
        public string TypeName = "";
        public ScalarType? Scalar;
        public int MaxLength;
    }

    internal sealed class OperationModel
    {
        public string Name = "";
        public int Label;
        public List<ParameterModel> Parameters = new List<ParameterModel>();

        public IEnumerable<ParameterModel> FixedRequestWords =>
            Parameters.Where(p => (p.Kind == ParameterKind.Scalar && !p.IsOut) || p.Kind == ParameterKind.BytesIn || p.Kind == ParameterKind.BytesOut);

        public IEnumerable<ParameterModel> BytesIn => Parameters.Where(p => p.Kind == ParameterKind.BytesIn);

        public IEnumerable<ParameterModel> BytesOut => Parameters.Where(p => p.Kind == ParameterKind.BytesOut);

        public IEnumerable<ParameterModel> OutScalars => Parameters.Where(p => p.Kind == ParameterKind.Scalar && p.IsOut);

        public IEnumerable<ParameterModel> Capabilities => Parameters.Where(p => p.Kind == ParameterKind.Capability);

        public IEnumerable<ParameterModel> CapabilitiesOut => Parameters.Where(p => p.Kind == ParameterKind.CapabilityOut);

        public int FixedRequestCount => FixedRequestWords.Count();

        public int OutScalarCount => OutScalars.Count();

        public int MaxRequestWords => FixedRequestCount + BytesIn.Sum(p => WordsFor(p.MaxLength));

        public int MaxReplyWords => OutScalarCount + BytesOut.Sum(p => WordsFor(p.MaxLength));

        public static int WordsFor(int bytes) => (bytes + 3) / 4;
    }

    internal sealed class InterfaceModel
    {
        public string Namespace = "";
        public string InterfaceName = "";
        public string BaseName = "";
        public string Accessibility = "public";
        public List<OperationModel> Operations = new List<OperationModel>();

        public int CapabilitySlots => Operations.Count == 0 ? 0 : Operations.Max(o => o.Capabilities.Count());

        public bool ReturnsCapabilities => Operations.Any(o => o.CapabilitiesOut.Any());

        public const int MessageWords = 16;
        public const int MaxCapabilities = 3;
        // A span's length travels in a word and its bytes in at most 15 more.
        public const int LongestSpan = 60;

        public static InterfaceModel Build(INamedTypeSymbol symbol, List<Diagnostic> diagnostics)
        {
            var model = new InterfaceModel
            {
                Namespace = symbol.ContainingNamespace.IsGlobalNamespace ? "" : symbol.ContainingNamespace.ToDisplayString(),
                InterfaceName = symbol.Name,
                BaseName = symbol.Name.Length > 1 && symbol.Name[0] == 'I' && char.IsUpper(symbol.Name[1]) ? symbol.Name.Substring(1) : symbol.Name,
                Accessibility = symbol.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public ? "public" : "internal",
            };
            Location where = symbol.Locations.FirstOrDefault() ?? Location.None;
            if (symbol.ContainingType != null)
                diagnostics.Add(Diagnostic.Create(Diagnostics.BadMember, where, $"IPC interface '{symbol.Name}' is nested in '{symbol.ContainingType.Name}'; declare it at namespace level"));
            if (symbol.IsGenericType)
                diagnostics.Add(Diagnostic.Create(Diagnostics.BadMember, where, $"IPC interface '{symbol.Name}' is generic; an IPC interface names its types"));
            if (symbol.AllInterfaces.Length != 0)
                diagnostics.Add(Diagnostic.Create(Diagnostics.BadMember, where, $"IPC interface '{symbol.Name}' inherits another interface; list every operation in the interface itself, so that its labels are its own"));

            int label = 0;
            foreach (ISymbol member in symbol.GetMembers())
            {
                Location at = member.Locations.FirstOrDefault() ?? where;
                if (member is IMethodSymbol method && method.MethodKind == MethodKind.Ordinary)
                {
                    label++;
                    if (method.IsStatic || !method.IsAbstract)
                    {
                        diagnostics.Add(Diagnostic.Create(Diagnostics.BadMember, at, $"'{method.Name}' of IPC interface '{symbol.Name}' has a body or is static; an IPC interface declares operations only"));
                        continue;
                    }
                    if (method.IsGenericMethod)
                    {
                        diagnostics.Add(Diagnostic.Create(Diagnostics.BadMember, at, $"operation '{method.Name}' is generic; an operation names its types"));
                        continue;
                    }
                    model.Operations.Add(BuildOperation(method, label, at, diagnostics));
                }
                else if (!(member is IMethodSymbol))
                    diagnostics.Add(Diagnostic.Create(Diagnostics.BadMember, at, $"'{member.Name}' of IPC interface '{symbol.Name}' is not a method; an IPC interface has operations (methods) only"));
            }
            if (label == 0)
                diagnostics.Add(Diagnostic.Create(Diagnostics.BadMember, where, $"IPC interface '{symbol.Name}' has no operations"));
            return model;
        }

        private static OperationModel BuildOperation(IMethodSymbol method, int label, Location at, List<Diagnostic> diagnostics)
        {
            var operation = new OperationModel { Name = method.Name, Label = label };
            if (method.ReturnType.ToDisplayString() != "Keel.Kernel.Error")
                diagnostics.Add(Diagnostic.Create(Diagnostics.NotReturningError, at, method.Name, method.ReturnType.ToDisplayString()));
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                ParameterModel? model = BuildParameter(method.Name, parameter, diagnostics);
                if (model != null)
                    operation.Parameters.Add(model);
            }
            if (operation.Capabilities.Count() > MaxCapabilities)
                diagnostics.Add(Diagnostic.Create(Diagnostics.BadTransfer, at, method.Name,
                    $"its request transfers {operation.Capabilities.Count()} capabilities, and a message carries {MaxCapabilities} at most"));
            if (operation.CapabilitiesOut.Count() > MaxCapabilities)
                diagnostics.Add(Diagnostic.Create(Diagnostics.BadTransfer, at, method.Name,
                    $"its reply transfers {operation.CapabilitiesOut.Count()} capabilities, and a message carries {MaxCapabilities} at most"));
            if (operation.MaxRequestWords > MessageWords)
                diagnostics.Add(Diagnostic.Create(Diagnostics.TooManyWords, at, method.Name, "request", operation.MaxRequestWords));
            if (operation.MaxReplyWords > MessageWords)
                diagnostics.Add(Diagnostic.Create(Diagnostics.TooManyWords, at, method.Name, "reply", operation.MaxReplyWords));
            return operation;
        }

        private static ParameterModel? BuildParameter(string operation, IParameterSymbol parameter, List<Diagnostic> diagnostics)
        {
            Location at = parameter.Locations.FirstOrDefault() ?? Location.None;
            ITypeSymbol type = parameter.Type;
            string typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            bool isOut = parameter.RefKind == RefKind.Out;
            bool transfer = parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Keel.UserLib.TransferAttribute");
            AttributeData? maxLength = parameter.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Keel.UserLib.MaxLengthAttribute");
            var model = new ParameterModel { Name = parameter.Name, IsOut = isOut, TypeName = typeName };

            if (parameter.RefKind != RefKind.None && !isOut)
            {
                diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedParameter, at, operation, parameter.Name, $"{parameter.RefKind.ToString().ToLowerInvariant()} {type.ToDisplayString()}"));
                return null;
            }
            if (transfer)
            {
                if (type.SpecialType != SpecialType.System_UInt32)
                {
                    diagnostics.Add(Diagnostic.Create(Diagnostics.BadTransfer, at, operation, $"[Transfer] parameter '{parameter.Name}' must be a uint (a capability slot)"));
                    return null;
                }
                model.Kind = isOut ? ParameterKind.CapabilityOut : ParameterKind.Capability;
                return model;
            }
            string display = type.OriginalDefinition.ToDisplayString();
            bool isByteSpan = type is INamedTypeSymbol named && named.TypeArguments.Length == 1 && named.TypeArguments[0].SpecialType == SpecialType.System_Byte;
            if ((display == "System.ReadOnlySpan<T>" || display == "System.Span<T>") && isByteSpan && !isOut)
            {
                model.Kind = display == "System.Span<T>" ? ParameterKind.BytesOut : ParameterKind.BytesIn;
                object? value = maxLength?.ConstructorArguments.FirstOrDefault().Value;
                if (!(value is int bytes) || bytes < 1 || bytes > LongestSpan)
                {
                    diagnostics.Add(Diagnostic.Create(Diagnostics.MissingMaxLength, at, operation, parameter.Name));
                    return null;
                }
                model.MaxLength = bytes;
                return model;
            }
            ScalarType? scalar = Classify(type);
            if (scalar == null)
            {
                diagnostics.Add(Diagnostic.Create(Diagnostics.UnsupportedParameter, at, operation, parameter.Name, (isOut ? "out " : "") + type.ToDisplayString()));
                return null;
            }
            model.Kind = ParameterKind.Scalar;
            model.Scalar = scalar;
            return model;
        }

        private static ScalarType? Classify(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol named && named.TypeKind == TypeKind.Enum && named.EnumUnderlyingType != null)
            {
                ScalarType? underlying = Classify(named.EnumUnderlyingType);
                if (underlying == null)
                    return null;
                underlying.EnumName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                underlying.IsFlags = named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute");
                foreach (IFieldSymbol field in named.GetMembers().OfType<IFieldSymbol>())
                    if (field.HasConstantValue && field.ConstantValue != null)
                        underlying.EnumValues.Add(System.Convert.ToInt64(field.ConstantValue));
                return underlying;
            }
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return new ScalarType { Keyword = "bool", IsBool = true, Bits = 1 };
                case SpecialType.System_Char: return new ScalarType { Keyword = "char", IsChar = true, Bits = 16 };
                case SpecialType.System_Byte: return new ScalarType { Keyword = "byte", Bits = 8 };
                case SpecialType.System_SByte: return new ScalarType { Keyword = "sbyte", Bits = 8, Signed = true };
                case SpecialType.System_UInt16: return new ScalarType { Keyword = "ushort", Bits = 16 };
                case SpecialType.System_Int16: return new ScalarType { Keyword = "short", Bits = 16, Signed = true };
                case SpecialType.System_UInt32: return new ScalarType { Keyword = "uint", Bits = 32 };
                case SpecialType.System_Int32: return new ScalarType { Keyword = "int", Bits = 32, Signed = true };
                default: return null;
            }
        }
    }
}
