// Code that runs when the compiler builds the image, not on the chip.
//
// Attribute arguments are metadata. A static field's or property's initializer, and a
// static constructor, are run by ILC at compile time (pre-initialisation), which
// freezes what they build into the image's data: `static Tcb[] s_pool = new Tcb[8];`
// costs no heap. Whatever ILC cannot pre-initialise would allocate at start-up
// instead; the post-ILC allocation check (tools/Keel.BuildTool, KEEL0001) still
// refuses that, so allowing allocation here opens no hole.
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Keel.Analyzers
{
    internal static class CompileTime
    {
        public static bool Contains(SyntaxNode node)
        {
            for (SyntaxNode? current = node; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case AttributeSyntax:
                        return true;
                    // A lambda's or local function's body runs whenever it is called,
                    // not when the type is initialised (the lambda itself, as a value,
                    // is made where it is written).
                    case AnonymousFunctionExpressionSyntax when current != node:
                    case LocalFunctionStatementSyntax:
                        return false;
                    case FieldDeclarationSyntax field:
                        return IsStatic(field.Modifiers);
                    case PropertyDeclarationSyntax property:
                        return IsStatic(property.Modifiers) && property.Initializer != null && property.Initializer.Span.Contains(node.Span);
                    case ConstructorDeclarationSyntax constructor:
                        return IsStatic(constructor.Modifiers);
                    case MemberDeclarationSyntax:
                        return false;
                }
            }
            return false;
        }

        public static bool InAttribute(SyntaxNode node)
        {
            foreach (SyntaxNode ancestor in node.Ancestors())
            {
                if (ancestor is AttributeSyntax)
                    return true;
            }
            return false;
        }

        private static bool IsStatic(SyntaxTokenList modifiers) =>
            modifiers.Any(SyntaxKind.StaticKeyword) || modifiers.Any(SyntaxKind.ConstKeyword);
    }
}
