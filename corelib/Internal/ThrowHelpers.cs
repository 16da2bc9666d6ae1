// ILC routes every failing check in compiled code (bounds, null, arithmetic, casts)
// to these helpers by name. The checks that compiled code makes (an index past the
// end, a null reference, an overflow, a failed cast) do not run C# here: each is
// bound (RuntimeImport) to a routine of corelib/Arm/Runtime.S that passes its reason
// and its return address, which lies in the method whose check failed, to the image's
// keel_panic. The panic then reports that address (`caller 0x...`), which the keel
// command symbolises to the user's method, file and line (Keel.Runtime.Panic).
// The rest are the compiler's stand-ins for what a firmware image lacks.
using System.Runtime;
using System.Runtime.CompilerServices;
using Keel.Runtime;

namespace Internal.Runtime.CompilerHelpers
{
    internal static class ThrowHelpers
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_index_out_of_range")]
        public static extern void ThrowIndexOutOfRangeException();

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_null_reference")]
        public static extern void ThrowNullReferenceException();

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_divide_by_zero")]
        public static extern void ThrowDivideByZeroException();

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_overflow")]
        public static extern void ThrowOverflowException();

        public static void ThrowArithmeticException() => Panic.Fail("arithmetic error");

        public static void ThrowInvalidOperationException() => Panic.Fail("invalid operation");

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_invalid_argument")]
        public static extern void ThrowArgumentException();

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_argument_out_of_range")]
        public static extern void ThrowArgumentOutOfRangeException();

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_array_type_mismatch")]
        public static extern void ThrowArrayTypeMismatchException();

        [MethodImpl(MethodImplOptions.InternalCall)]
        [RuntimeImport("*", "keel_invalid_cast")]
        public static extern void ThrowInvalidCastException();

        public static void ThrowPlatformNotSupportedException() => Panic.Fail("platform not supported");

        public static void ThrowNotSupportedException() => Panic.Fail("not supported");

        public static void ThrowInvalidProgramException() => Panic.Fail("invalid program");

        public static void ThrowInvalidProgramExceptionWithArgument(int id, object argument) => Panic.Fail("invalid program");

        public static void ThrowTypeLoadException() => Panic.Fail("type load failure");

        public static void ThrowTypeLoadExceptionWithArgument(int id, string className, string typeName, string messageArg) => Panic.Fail("type load failure");

        public static void ThrowMissingMethodException(int id, string methodName) => Panic.Fail("missing method");

        public static void ThrowMissingFieldException(int id, string fieldName) => Panic.Fail("missing field");

        public static void ThrowFileNotFoundException(int id, string fileName) => Panic.Fail("file not found");

        public static void ThrowBadImageFormatException(int id) => Panic.Fail("bad image format");

        public static void ThrowMarshalDirectiveException(int id) => Panic.Fail("marshalling not supported");

        public static void ThrowAmbiguousMatchException(int id) => Panic.Fail("ambiguous match");

        public static void ThrowFeatureBodyRemoved() => Panic.Fail("feature body removed by the compiler");

        public static void ThrowBodyRemoved() => Panic.Fail("method body removed by the compiler");

        public static void ThrowInstanceBodyRemoved() => Panic.Fail("instance method body removed by the compiler");

        public static void ThrowUnavailableType() => Panic.Fail("unavailable type");

        public static void ThrowNotImplementedException() => Panic.Fail("not implemented");
    }
}
