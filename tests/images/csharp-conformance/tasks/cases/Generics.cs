// Generics and constraints: instantiated per type by ILC, over structs with no boxing.
using Keel.UserLib.Testing;

namespace Conformance
{
    public interface ICounter
    {
        int Next();
    }

    public struct StepCounter : ICounter
    {
        private int _value;

        public int Step;

        public int Next() => _value += Step;
    }

    public struct Pair<T>
    {
        public T First;
        public T Second;

        public Pair(T first, T second)
        {
            First = first;
            Second = second;
        }

        public readonly Pair<T> Swapped() => new Pair<T>(Second, First);
    }

    public static class PerType<T>
    {
        public static int Count;
    }

    public static class Generics
    {
        [TestCase("a generic struct")]
        public static void GenericStruct(ref Check check)
        {
            var p = new Pair<ushort>((ushort)Opaque.Int(1), 2).Swapped();
            check.Equal(2u, p.First, "First");
            check.Equal(1u, p.Second, "Second");
        }

        [TestCase("a generic method with type inference")]
        public static void GenericMethod(ref Check check)
        {
            int a = Opaque.Int(1), b = Opaque.Int(2);
            Swap(ref a, ref b);
            check.Equal(2, a, "a");
            check.Equal(1, b, "b");
        }

        private static void Swap<T>(ref T a, ref T b)
        {
            T t = a;
            a = b;
            b = t;
        }

        [TestCase("an interface constraint on a struct: called without boxing")]
        public static void InterfaceConstraint(ref Check check)
        {
            var counter = new StepCounter { Step = Opaque.Int(5) };
            Advance(ref counter, 3);
            check.Equal(20, counter.Next(), "four steps of 5");
        }

        private static void Advance<T>(ref T counter, int times) where T : struct, ICounter
        {
            for (int i = 0; i < times; i++)
                counter.Next();
        }

        [TestCase("the unmanaged constraint and sizeof(T)")]
        public static unsafe void UnmanagedConstraint(ref Check check)
        {
            check.Equal(8, SizeOf<ulong>(), "ulong");
            check.Equal(8, SizeOf<Vector>(), "Vector");
            ulong value = Opaque.ULong(0x1122334455667788);
            check.Equal(0x88u, FirstByte(&value), "first byte of a ulong");
        }

        private static unsafe int SizeOf<T>() where T : unmanaged => sizeof(T);

        private static unsafe byte FirstByte<T>(T* value) where T : unmanaged => *(byte*)value;

        [TestCase("static fields of a generic type, one per instantiation")]
        public static void StaticPerInstantiation(ref Check check)
        {
            PerType<int>.Count += Opaque.Int(1);
            PerType<uint>.Count += Opaque.Int(5);
            PerType<int>.Count += Opaque.Int(1);
            check.Equal(2, PerType<int>.Count, "int's");
            check.Equal(5, PerType<uint>.Count, "uint's");
        }

        [TestCase("default(T) of a number and of a struct")]
        public static void DefaultOfT(ref Check check)
        {
            check.Equal(0, Default<int>(), "default(int)");
            check.Equal(0u, (uint)Default<Vector>().X, "default(Vector).X");
        }

        private static T Default<T>() => default!;
    }
}
