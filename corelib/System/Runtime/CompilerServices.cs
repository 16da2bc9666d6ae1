// System.Runtime.CompilerServices: the attributes and intrinsics that the C# compiler
// and ILC rely on. Unsafe's methods are declared `extern` with [Intrinsic]: ILC supplies
// their bodies (the same IL the real core library gets), so they cost nothing.
namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Field, Inherited = false)]
    internal sealed class IntrinsicAttribute : Attribute { }

    public enum MethodImplOptions
    {
        Unmanaged = 0x0004,
        NoInlining = 0x0008,
        ForwardRef = 0x0010,
        Synchronized = 0x0020,
        NoOptimization = 0x0040,
        PreserveSig = 0x0080,
        AggressiveInlining = 0x0100,
        AggressiveOptimization = 0x0200,
        InternalCall = 0x1000,
    }

    [AttributeUsage(AttributeTargets.Constructor | AttributeTargets.Method, Inherited = false)]
    public sealed class MethodImplAttribute : Attribute
    {
        public MethodImplAttribute(MethodImplOptions methodImplOptions) { }
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
    public sealed class ExtensionAttribute : Attribute { }

    // The compiler leaves a method's locals and stackalloc uninitialised (no IL
    // `localsinit`), so ILC does not zero its frame on entry: for hot paths whose every
    // local is assigned before use (the interface generator's code, docs/drivers.md).
    [AttributeUsage(AttributeTargets.Module | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Constructor | AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Event, Inherited = false)]
    public sealed class SkipLocalsInitAttribute : Attribute { }

    // The compiler fills a parameter marked with it with the caller's line number, a
    // constant: how the test API's checks (userlib/Testing.cs) name the failing line.
    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    public sealed class CallerLineNumberAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.All, Inherited = false)]
    public sealed class IsReadOnlyAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.All, Inherited = false)]
    public sealed class IsByRefLikeAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.All, Inherited = false)]
    public sealed class IsUnmanagedAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    public sealed class ScopedRefAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Property, Inherited = false)]
    public sealed class UnscopedRefAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Struct, Inherited = false)]
    public sealed class InlineArrayAttribute : Attribute
    {
        public InlineArrayAttribute(int length) { }
    }

    [AttributeUsage(AttributeTargets.Field, Inherited = false)]
    public sealed class FixedBufferAttribute : Attribute
    {
        public FixedBufferAttribute(Type elementType, int length) { }
    }

    [AttributeUsage(AttributeTargets.Struct)]
    public sealed class UnsafeValueTypeAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
    public sealed class RequiredMemberAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property)]
    public sealed class CompilerFeatureRequiredAttribute : Attribute
    {
        public CompilerFeatureRequiredAttribute(string featureName) { }
    }

    [AttributeUsage(AttributeTargets.All, Inherited = true)]
    public sealed class CompilerGeneratedAttribute : Attribute { }

    public static class IsVolatile { }

    // Marks an `init` accessor (init-only properties, record structs' positional ones).
    public static class IsExternalInit { }

    public static class IsConst { }

    // Lets the C# compiler use features that need runtime support we do provide.
    public static class RuntimeFeature
    {
        public const string ByRefFields = nameof(ByRefFields);
        public const string UnmanagedSignatureCallingConvention = nameof(UnmanagedSignatureCallingConvention);
        public const string NumericIntPtr = nameof(NumericIntPtr);
        public const string ByRefLikeGenerics = nameof(ByRefLikeGenerics);
        public const string DefaultImplementationsOfInterfaces = nameof(DefaultImplementationsOfInterfaces);
        public const string VirtualStaticsInInterfaces = nameof(VirtualStaticsInInterfaces);
    }

    public static unsafe class RuntimeHelpers
    {
        public static int OffsetToStringData => sizeof(IntPtr) + sizeof(int);

        // Static array initialisers: ILC evaluates these at compile time when it
        // pre-initialises a type's statics.
        [Intrinsic]
        public static extern void InitializeArray(Array array, RuntimeFieldHandle fldHandle);

        [Intrinsic]
        public static extern ReadOnlySpan<T> CreateSpan<T>(RuntimeFieldHandle fldHandle);

        [Intrinsic]
        public static extern bool IsReferenceOrContainsReferences<T>();

        // The first element of an array, as a byte reference.
        public static ref byte GetArrayData(Array array) => ref Unsafe.As<RawArrayData>(array).Data;

        private sealed class RawArrayData
        {
            public uint Length;
            public byte Data;
        }
    }

    public static unsafe class Unsafe
    {
        [Intrinsic] public static extern void* AsPointer<T>(ref T value);
        [Intrinsic] public static extern int SizeOf<T>();
        [Intrinsic] public static extern T As<T>(object o) where T : class;
        [Intrinsic] public static extern ref TTo As<TFrom, TTo>(ref TFrom source);
        [Intrinsic] public static extern ref T AsRef<T>(void* source);
        [Intrinsic] public static extern ref T AsRef<T>(scoped ref readonly T source);
        [Intrinsic] public static extern ref T Add<T>(ref T source, int elementOffset);
        [Intrinsic] public static extern ref T Add<T>(ref T source, nint elementOffset);
        [Intrinsic] public static extern ref T AddByteOffset<T>(ref T source, nint byteOffset);
        [Intrinsic] public static extern ref T AddByteOffset<T>(ref T source, nuint byteOffset);
        [Intrinsic] public static extern bool AreSame<T>(ref readonly T left, ref readonly T right);
        [Intrinsic] public static extern nint ByteOffset<T>(ref readonly T origin, ref readonly T target);
        [Intrinsic] public static extern ref T NullRef<T>();
        [Intrinsic] public static extern bool IsNullRef<T>(ref readonly T source);
        [Intrinsic] public static extern T Read<T>(void* source);
        [Intrinsic] public static extern void Write<T>(void* destination, T value);
        [Intrinsic] public static extern T ReadUnaligned<T>(void* source);
        [Intrinsic] public static extern void WriteUnaligned<T>(void* destination, T value);
        [Intrinsic] public static extern void SkipInit<T>(out T value);
    }
}

namespace System.Runtime.InteropServices
{
    public static class MemoryMarshal
    {
        // A reference to the array's first element (or to where it would be, for an
        // empty array), without a bounds check; as on the host runtime. The kernel's
        // unchecked pool access (kernel/Pool.cs) is built on it.
        public static ref T GetArrayDataReference<T>(T[] array) =>
            ref CompilerServices.Unsafe.As<byte, T>(ref CompilerServices.RuntimeHelpers.GetArrayData(array));

        // A span over memory the caller vouches for, unchecked; the C# compiler uses
        // these to view an [InlineArray] struct as a span.
        public static Span<T> CreateSpan<T>(scoped ref T reference, int length) =>
            new Span<T>(ref CompilerServices.Unsafe.AsRef(in reference), length);

        public static ReadOnlySpan<T> CreateReadOnlySpan<T>(scoped ref readonly T reference, int length) =>
            new ReadOnlySpan<T>(ref CompilerServices.Unsafe.AsRef(in reference), length);
    }

    // The compiler marks a type parameter constrained `unmanaged` with a modreq of this
    // type (userlib's fixed-capacity collections use the constraint); only its
    // existence matters.
    public enum UnmanagedType
    {
    }

    public enum CharSet
    {
        None = 1,
        Ansi = 2,
        Unicode = 3,
        Auto = 4,
    }

    public enum LayoutKind
    {
        Sequential = 0,
        Explicit = 2,
        Auto = 3,
    }

    public enum CallingConvention
    {
        Winapi = 1,
        Cdecl = 2,
        StdCall = 3,
        ThisCall = 4,
        FastCall = 5,
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class StructLayoutAttribute : Attribute
    {
        public StructLayoutAttribute(LayoutKind layoutKind) { }

        public int Pack;
        public int Size;
        public CharSet CharSet;
    }

    [AttributeUsage(AttributeTargets.Field, Inherited = false)]
    public sealed class FieldOffsetAttribute : Attribute
    {
        public FieldOffsetAttribute(int offset) { }
    }

    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    public sealed class InAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    public sealed class OutAttribute : Attribute { }

    // Binds an extern method to a symbol the link provides ("*": the image itself).
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class DllImportAttribute : Attribute
    {
        public DllImportAttribute(string dllName) { }

        public string EntryPoint;
        public CallingConvention CallingConvention;
        public bool ExactSpelling;
    }

    // Exports a C# method under a plain symbol (vector table entries, assembly callers).
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class UnmanagedCallersOnlyAttribute : Attribute
    {
        public Type[] CallConvs;
        public string EntryPoint;
    }

    // Calls to assembly routines need no GC transition: there is no GC.
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class SuppressGCTransitionAttribute : Attribute { }

    // Named by ILC's scanner; nothing in firmware implements it.
    public interface IDynamicInterfaceCastable
    {
        bool IsInterfaceImplemented(RuntimeTypeHandle interfaceType, bool throwIfNotImplemented);

        RuntimeTypeHandle GetInterfaceImplementation(RuntimeTypeHandle interfaceType);

        private static unsafe IntPtr GetDynamicInterfaceImplementation(IDynamicInterfaceCastable instance, void* interfaceType, ushort slot)
        {
            Keel.Runtime.Panic.Fail("dynamic interface casts are not supported in firmware");
            return default;
        }
    }
}
