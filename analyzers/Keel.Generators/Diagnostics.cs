// The interface generator's diagnostics (docs/drivers.md): each an error at the line
// of the interface, method or parameter that breaks a rule, saying what to write.
using Microsoft.CodeAnalysis;

namespace Keel.Generators
{
    internal static class Diagnostics
    {
        private const string Category = "Keel.IpcInterface";

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                helpLinkUri: "docs/drivers.md#typed-ipc-interfaces");

        public static readonly DiagnosticDescriptor TooManyWords = Error("KEEL2001",
            "An operation does not fit in a message",
            "operation '{0}': its {1} takes {2} message words at most, and a message holds 16; pass less data (a smaller MaxLength) or split the operation");

        public static readonly DiagnosticDescriptor UnsupportedParameter = Error("KEEL2002",
            "A parameter type an IPC interface cannot carry",
            "operation '{0}': parameter '{1}' is a {2}; an IPC interface carries bool, byte, sbyte, ushort, short, uint, int, char, enums over those, ReadOnlySpan<byte>, Span<byte> and [Transfer] uint, by value or as out (Span<byte> by value only)");

        public static readonly DiagnosticDescriptor MissingMaxLength = Error("KEEL2003",
            "A span parameter without [MaxLength]",
            "operation '{0}': span parameter '{1}' needs [MaxLength(n)] with n from 1 to 60, so that the generator can check that the operation fits in a message");

        public static readonly DiagnosticDescriptor NotReturningError = Error("KEEL2004",
            "An operation that does not return Error",
            "operation '{0}' returns {1}; every operation of an IPC interface returns Keel.Kernel.Error (results go in out parameters)");

        public static readonly DiagnosticDescriptor BadTransfer = Error("KEEL2005",
            "A capability transfer the kernel cannot carry",
            "operation '{0}': {1}");

        public static readonly DiagnosticDescriptor BadMember = Error("KEEL2006",
            "An IPC interface member or shape the generator cannot serve",
            "{0}");
    }
}
