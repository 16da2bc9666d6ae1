// Function pointers: the firmware's delegates (no object, no allocation).
using System.Runtime.InteropServices;
using Keel.UserLib.Testing;

namespace Conformance
{
    public static unsafe class FunctionPointers
    {
        private static int Twice(int x) => 2 * x;

        private static int Square(int x) => x * x;

        [UnmanagedCallersOnly]
        private static int Negate(int x) => -x;

        private static int Apply(delegate*<int, int> f, int x) => f(x);

        [TestCase("a managed function pointer")]
        public static void Managed(ref Check check)
        {
            delegate*<int, int> f = &Twice;
            check.Equal(14, f(Opaque.Int(7)), "Twice(7)");
        }

        [TestCase("a function pointer passed as an argument and chosen at run time")]
        public static void PointerArgument(ref Check check)
        {
            delegate*<int, int> f = Opaque.Int(1) == 1 ? &Square : &Twice;
            check.Equal(49, Apply(f, 7), "Square(7)");
        }

        [TestCase("a table of function pointers on the stack")]
        public static void Table(ref Check check)
        {
            delegate*<int, int>* table = stackalloc delegate*<int, int>[2];
            table[0] = &Twice;
            table[1] = &Square;
            check.Equal(9, table[Opaque.Int(1)](3), "table[1](3)");
        }

        [TestCase("an unmanaged function pointer to an [UnmanagedCallersOnly] method")]
        public static void Unmanaged(ref Check check)
        {
            delegate* unmanaged<int, int> f = &Negate;
            check.Equal(-5, f(Opaque.Int(5)), "Negate(5)");
        }
    }
}
