// Equality without reflection or boxing, for what the C# compiler writes into a record
// struct (`EqualityComparer<T>.Default.Equals(field, other.field)` for each field, and
// `GetHashCode(field)`) and for generic code that compares values of a type parameter.
//
// .NET picks the comparer for a T at run time, through reflection; firmware has none.
// ILC knows the pattern instead: it replaces the body of EqualityComparerHelpers.StructOnlyEquals<T>,
// for each value type T it is compiled for, with a direct call to the helper that
// suits T (an enum's values compared as integers, T's own IEquatable<T>.Equals through a
// constrained call, or T? of such a T), so that no value is boxed. For a struct that
// implements no IEquatable<T>, StructOnlyNormalEquals<T> compares its bytes, which
// is right for a struct of integers, enums and bools.
using System.Runtime.CompilerServices;
using System;
using Internal.IntrinsicSupport;

namespace System
{
    public interface IEquatable<T>
    {
        bool Equals(T other);
    }
}

namespace System.Collections.Generic
{
    public abstract class EqualityComparer<T>
    {
        // Built by ILC at compile time (a static's initializer), one per T compared.
        public static EqualityComparer<T> Default { get; } = new DefaultEqualityComparer<T>();

        public abstract bool Equals(T x, T y);

        // T's own GetHashCode: a value type that does not override it (an enum, a plain
        // struct) would be boxed to call Object's, which the build refuses (KEEL0001).
        public abstract int GetHashCode(T obj);
    }

    internal sealed class DefaultEqualityComparer<T> : EqualityComparer<T>
    {
        public override bool Equals(T x, T y) => EqualityComparerHelpers.StructOnlyEquals(x, y);

#pragma warning disable KEEL1002 // T compared with null: ILC folds it to false for a value type, with no box
        public override int GetHashCode(T obj) => obj == null ? 0 : obj.GetHashCode();
#pragma warning restore KEEL1002
    }
}

namespace Internal.IntrinsicSupport
{
    internal static class EqualityComparerHelpers
    {
        // For a value type, ILC replaces this body with a call to one of the helpers
        // below; this one runs for a reference type: equal references, or the first
        // one's Equals (a string's compares the text).
#pragma warning disable KEEL1002 // a reference compared with null, passed as an object: no box
        [Intrinsic]
        internal static bool StructOnlyEquals<T>(T left, T right)
        {
            if (left == null)
                return right == null;
            return right != null && left.Equals((object)right);
        }
#pragma warning restore KEEL1002

        // ILC compiles this as a comparison of the two values as integers.
        [Intrinsic]
        internal static bool EnumOnlyEquals<T>(T x, T y) where T : struct => StructOnlyNormalEquals(x, y);

        private static bool StructOnlyEqualsIEquatable<T>(T x, T y) where T : IEquatable<T> => x.Equals(y);

        private static bool StructOnlyEqualsNullable<T>(T? x, T? y) where T : struct, IEquatable<T>
        {
            if (x.HasValue)
                return y.HasValue && x.GetValueOrDefault().Equals(y.GetValueOrDefault());
            return !y.HasValue;
        }

        private static unsafe bool StructOnlyNormalEquals<T>(T left, T right)
        {
            byte* a = (byte*)Unsafe.AsPointer(ref left), b = (byte*)Unsafe.AsPointer(ref right);
            for (int i = 0; i < Unsafe.SizeOf<T>(); i++)
            {
                if (a[i] != b[i])
                    return false;
            }
            return true;
        }
    }
}
