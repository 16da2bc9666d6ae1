// ILC routes every failing check in compiled code (bounds, null, arithmetic, casts)
// to these helpers by name. Each maps the condition to a panic with a reason.
using Keel.Runtime;

namespace Internal.Runtime.CompilerHelpers
{
    internal static class ThrowHelpers
    {
        public static void ThrowIndexOutOfRangeException() => Panic.Fail("index out of range");

        public static void ThrowNullReferenceException() => Panic.Fail("null reference");

        public static void ThrowDivideByZeroException() => Panic.Fail("divide by zero");

        public static void ThrowOverflowException() => Panic.Fail("arithmetic overflow");

        public static void ThrowArithmeticException() => Panic.Fail("arithmetic error");

        public static void ThrowInvalidOperationException() => Panic.Fail("invalid operation");

        public static void ThrowArgumentException() => Panic.Fail("invalid argument");

        public static void ThrowArgumentOutOfRangeException() => Panic.Fail("argument out of range");

        public static void ThrowArrayTypeMismatchException() => Panic.Fail("array type mismatch");

        public static void ThrowInvalidCastException() => Panic.Fail("invalid cast");

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
