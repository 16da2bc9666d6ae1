// KEEL1102: exception types (corelib/System/Missing/Collections.cs says why these
// placeholders exist). Firmware has no exceptions; `throw` and `try` are KEEL1010 and
// KEEL1011 as well, at their own lines.
namespace System
{
    internal static class MissingException
    {
        internal const string Id = "KEEL1102";
        internal const string Message = "firmware has no exceptions, so nothing can throw or catch one: return an error the caller checks (Keel.Kernel.Error, or a bool with an out parameter), or stop with Keel.Runtime.Panic.Fail(\"why\") if the condition is a bug";
    }

    [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
    public class Exception
    {
        public Exception() { }

        public Exception(string message) { }

        [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
        public string Message => null;
    }

#pragma warning disable KEEL1102 // the exceptions below derive from the placeholder above
    [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
    public class InvalidOperationException : Exception
    {
        public InvalidOperationException() { }

        public InvalidOperationException(string message) { }
    }

    [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
    public class ArgumentException : Exception
    {
        public ArgumentException() { }

        public ArgumentException(string message) { }
    }

    [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
    public class ArgumentNullException : ArgumentException
    {
        public ArgumentNullException() { }

        public ArgumentNullException(string paramName) { }
    }

    [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
    public class ArgumentOutOfRangeException : ArgumentException
    {
        public ArgumentOutOfRangeException() { }

        public ArgumentOutOfRangeException(string paramName) { }
    }

    [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
    public class IndexOutOfRangeException : Exception
    {
        public IndexOutOfRangeException() { }
    }

    [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
    public class NotImplementedException : Exception
    {
        public NotImplementedException() { }

        public NotImplementedException(string message) { }
    }

    [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
    public class NotSupportedException : Exception
    {
        public NotSupportedException() { }

        public NotSupportedException(string message) { }
    }

    [Obsolete(MissingException.Message, error: true, DiagnosticId = MissingException.Id)]
    public class TimeoutException : Exception
    {
        public TimeoutException() { }
    }
#pragma warning restore KEEL1102
}
