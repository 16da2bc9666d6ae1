// The root types whose layout is a contract with the compiler (ILC).
//
// Keel's firmware has no garbage collector and no heap, so objects exist only where
// the compiler builds them ahead of time: string literals and statically initialised
// arrays, frozen into the image. Every object starts with a pointer to its method
// table; strings and arrays follow it with a 32-bit length.
namespace System
{
    public class Object
    {
        // Layout contract: the first word of every object is its MethodTable pointer.
        private IntPtr _methodTable;

        public Object() { }
    }

    public abstract class ValueType { }

    public abstract class Enum : ValueType { }

    public struct Void { }

    public abstract class Delegate { }

    public abstract class MulticastDelegate : Delegate { }

    public struct RuntimeTypeHandle { }

    public struct RuntimeMethodHandle { }

    // What `ldtoken` of a field gives (Internal/LdTokenHelpers.cs): a pointer ILC chose.
    public struct RuntimeFieldHandle
    {
        private readonly IntPtr _value;

        internal RuntimeFieldHandle(IntPtr value) => _value = value;
    }

    // T? of a value type: a flag and the value, as on the host (the field names and
    // their order are a contract with ILC, which reads `value`'s offset).
    public struct Nullable<T> where T : struct
    {
        private readonly bool hasValue;
        internal T value;

        public Nullable(T value)
        {
            this.value = value;
            hasValue = true;
        }

        public readonly bool HasValue => hasValue;

        public readonly T Value
        {
            get
            {
                if (!hasValue)
                    Internal.Runtime.CompilerHelpers.ThrowHelpers.ThrowInvalidOperationException();
                return value;
            }
        }

        public readonly T GetValueOrDefault() => value;

        public readonly T GetValueOrDefault(T defaultValue) => hasValue ? value : defaultValue;

        public static implicit operator T?(T value) => new T?(value);

        public static explicit operator T(T? value) => value!.Value;
    }

    public interface IDisposable
    {
        void Dispose();
    }
}

namespace System
{
    // Only present so that attribute signatures that mention Type compile; firmware
    // has no reflection.
    public abstract class Type { }

    // The JIT asks for this class by name (a built-in class) while it optimises some
    // methods, even in code that never touches a type object; it has no members
    // because firmware has no reflection and nothing ever creates one.
    internal sealed class RuntimeType : Type { }
}
