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

        // An object's identity: firmware's objects are built at compile time and never
        // move, so its address is its hash. (A value type's would need a box, which the
        // firmware analyzer refuses: KEEL1002.)
        public virtual bool Equals(object obj) => this == obj;

        public virtual int GetHashCode()
        {
            object self = this;
            return (int)Runtime.CompilerServices.Unsafe.As<object, nint>(ref self);
        }

        // Only so that a record's compiler-written ToString has something to override:
        // a call in source is the error below (a string built at run time).
        [Obsolete(Text.MissingText.ToStringMessage, error: true, DiagnosticId = Text.MissingText.ToStringId)]
        public virtual string ToString() => null;
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
