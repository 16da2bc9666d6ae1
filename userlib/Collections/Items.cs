// Storage for the fixed-capacity collections (FixedList, RingBuffer, FixedMap): inline
// arrays of 4 to 64 items, held in the collection itself, so a collection is a plain
// value: a static field of a task (in its RAM, sized at build time), a local, or a field
// of another struct. No heap, no pointer to storage elsewhere. Any other capacity is an
// [InlineArray(n)] struct of one T field, declared the same way.
using System.Runtime.CompilerServices;

namespace Keel.UserLib.Collections
{
    [InlineArray(4)]
    public struct Items4<T>
    {
        private T _item;
    }

    [InlineArray(8)]
    public struct Items8<T>
    {
        private T _item;
    }

    [InlineArray(16)]
    public struct Items16<T>
    {
        private T _item;
    }

    [InlineArray(32)]
    public struct Items32<T>
    {
        private T _item;
    }

    [InlineArray(64)]
    public struct Items64<T>
    {
        private T _item;
    }

    // What the collections share about their storage: how many T it holds, and the
    // span over the first `length` of them.
    internal static unsafe class Storage
    {
        public static int Capacity<T, TItems>() where T : unmanaged where TItems : struct =>
            Unsafe.SizeOf<TItems>() / sizeof(T);

        // Over the storage where it lies (a static, a local): valid while it stays there,
        // which firmware's values always do (nothing moves them).
        public static System.Span<T> Span<T, TItems>(scoped ref TItems items, int length) where T : unmanaged where TItems : struct =>
            new System.Span<T>(Unsafe.AsPointer(ref items), length);

        // An index past the items is a panic, as an array's is.
        public static void CheckIndex(int index, int count)
        {
            if ((uint)index >= (uint)count)
                Keel.Runtime.Panic.Fail("index out of range");
        }

        // Keys are compared by their bytes: numbers, enums and structs without padding.
        public static bool SameBytes<T>(in T left, in T right) where T : unmanaged
        {
            fixed (T* a = &left, b = &right)
            {
                byte* x = (byte*)a, y = (byte*)b;
                for (int i = 0; i < sizeof(T); i++)
                {
                    if (x[i] != y[i])
                        return false;
                }
            }
            return true;
        }
    }
}
