// Runtime entry points that ILC-generated code calls by symbol or by name, for a
// runtime with no GC, no heap and no type casts.
//
// - The transitions around P/Invokes and reverse P/Invokes exist for the GC to find
//   managed frames; with no GC they do nothing.
// - Type casts between classes and interfaces need run-time type information that the
//   firmware does not have (it has no objects to cast beyond literals and arrays); the
//   compiler still wants the helpers, and reaching one is a panic.
// - Allocation helpers are deliberately absent: code that allocates leaves an
//   undefined reference to RhpNewFast and friends, which the build turns into a
//   "firmware code may not allocate" error naming the method.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using Keel.Runtime;

namespace Internal.Runtime.CompilerHelpers
{
    internal static class StartupCodeHelpers
    {
        [RuntimeExport("RhpReversePInvoke")]
        private static void RhpReversePInvoke(IntPtr frame) { }

        [RuntimeExport("RhpReversePInvokeReturn")]
        private static void RhpReversePInvokeReturn(IntPtr frame) { }

        [RuntimeExport("RhpPInvoke")]
        private static void RhpPInvoke(IntPtr frame) { }

        [RuntimeExport("RhpPInvokeReturn")]
        private static void RhpPInvokeReturn(IntPtr frame) { }

        [RuntimeExport("RhpGcPoll")]
        private static void RhpGcPoll() { }

        [RuntimeExport("RhpFallbackFailFast")]
        private static void RhpFallbackFailFast() => Panic.Fail("fail-fast");
    }
}

namespace System.Runtime
{
    internal static unsafe class TypeCast
    {
        private static object CastNotSupported()
        {
            Panic.Fail("type casts are not supported in firmware");
            return null;
        }

        public static object IsInstanceOfAny(void* toType, object obj) => CastNotSupported();

        public static object IsInstanceOfInterface(void* toType, object obj) => CastNotSupported();

        public static object IsInstanceOfClass(void* toType, object obj) => CastNotSupported();

        public static object IsInstanceOfException(void* toType, object obj) => CastNotSupported();

        public static object CheckCastAny(void* toType, object obj) => CastNotSupported();

        public static object CheckCastInterface(void* toType, object obj) => CastNotSupported();

        public static object CheckCastClass(void* toType, object obj) => CastNotSupported();

        public static object CheckCastClassSpecial(void* toType, object obj) => CastNotSupported();

        public static void StelemRef(object[] array, nint index, object obj) => CastNotSupported();

        public static ref object LdelemaRef(object[] array, nint index, void* elementType)
        {
            CastNotSupported();
            return ref array[0];
        }
    }
}

namespace System.Runtime
{
    // The allocation helpers ILC calls by name. They are bound to runtime symbols that
    // no Keel image defines, so any code that reaches one leaves an undefined reference
    // in its object file; the image build finds those references and names the
    // allocating method (tools/Keel.BuildTool: "firmware code may not allocate").
    internal static unsafe class RuntimeExports
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "RhBox")]
        public static extern object RhBox(void* type, ref byte data);
    }
}

namespace Internal.Runtime
{
    // ILC names this type in the signature of a method it adds to a value type that
    // overrides Object's Equals or GetHashCode but not both (`__GetFieldHelper`, which
    // .NET's reflection-based ValueType.Equals calls). Keel's ValueType declares no
    // such method, so nothing calls it; ILC only needs the type to exist.
    internal struct MethodTable { }
}
