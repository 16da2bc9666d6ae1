// Collection expressions into spans: constants become data in flash, variables a
// buffer on the stack.
using System;
using Keel.UserLib.Testing;

namespace Conformance
{
    public static class CollectionExpressions
    {
        [TestCase("a collection expression of constants into a local ReadOnlySpan")]
        public static void ConstantsLocal(ref Check check)
        {
            ReadOnlySpan<short> steps = [7, 8, 9, 10, 11];
            check.Equal(11, steps[Opaque.Int(4)], "[4]");
        }

        [TestCase("a collection expression of variables into a Span (on the stack)")]
        public static void VariablesIntoSpan(ref Check check)
        {
            int a = Opaque.Int(1), b = Opaque.Int(2);
            Span<int> values = [a, b, a + b];
            values[0] = 10;
            check.Equal(15, Statics.Sum(values), "10 + 2 + 3");
        }

        [TestCase("a collection expression as an argument")]
        public static void ExpressionArgument(ref Check check)
        {
            int k = Opaque.Int(5);
            check.Equal(15, Statics.Sum([k, k, k]), "k * 3");
        }

        [TestCase("an empty collection expression")]
        public static void Empty(ref Check check)
        {
            ReadOnlySpan<int> none = [];
            check.Equal(0, none.Length, "Length");
        }
    }
}
