// Nullable value types: T? over a struct, no boxing.
using Keel.UserLib.Testing;

namespace Conformance
{
    public static class Nullables
    {
        private static int? Find(int key) => key > 0 ? key * 10 : null;

        [TestCase("HasValue, Value and GetValueOrDefault")]
        public static void NullableBasics(ref Check check)
        {
            int? found = Find(Opaque.Int(4));
            int? missing = Find(Opaque.Int(-1));
            check.True(found.HasValue, "found");
            check.Equal(40, found.Value, "found.Value");
            check.False(missing.HasValue, "missing");
            check.Equal(-1, missing.GetValueOrDefault(-1), "default");
        }

        [TestCase("?? and ??= on a nullable value")]
        public static void Coalescing(ref Check check)
        {
            int? missing = Find(Opaque.Int(0));
            int value = missing ?? 7;
            missing ??= 9;
            check.Equal(7, value, "??");
            check.Equal(9, missing.Value, "??=");
        }

        [TestCase("lifted operators and comparisons")]
        public static void Lifted(ref Check check)
        {
            int? a = Find(Opaque.Int(1)), none = Find(Opaque.Int(0));
            int? sum = a + 5;
            int? nothing = a + none;
            check.Equal(15, sum!.Value, "10 + 5");
            check.False(nothing.HasValue, "10 + null");
            check.True(a > 5, "10 > 5");
            check.False(none > 5, "null > 5");
            check.True(none == null, "null == null");
        }

        [TestCase("patterns on a nullable value")]
        public static void Patterns(ref Check check)
        {
            int? found = Find(Opaque.Int(2));
            check.True(found is int v && v == 20, "is int v");
            check.True(found is > 10, "is > 10");
            check.False(Find(Opaque.Int(0)) is not null, "is not null");
        }

        [TestCase("a nullable struct")]
        public static void NullableStruct(ref Check check)
        {
            Vector? v = Opaque.Int(1) == 1 ? new Vector(3, 4) : null;
            check.Equal(25, v?.LengthSquared ?? 0, "?.");
        }
    }
}
