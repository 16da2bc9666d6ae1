// KEEL1103: building strings at run time (corelib/System/Missing/Collections.cs says why
// these placeholders exist); KEEL1107: ToString, which System.Object declares (Object.cs).
namespace System.Text
{
    internal static class MissingText
    {
        internal const string Id = "KEEL1103";
        internal const string ToStringId = "KEEL1107";
        internal const string ToStringMessage = "ToString builds a string at run time, and firmware has no heap: put the value in a hole of an interpolated string passed to Console.Write or Console.WriteLine, or to Keel.UserLib.Utf8.TryWrite(buffer, $\"{value}\", out int written), which format numbers, bools and enums (by name) on the stack";
        internal const string StringBuilder = "StringBuilder builds a string on a heap, and firmware has no heap: pass an interpolated string straight to Console.Write or Console.WriteLine, or format it into a Span<byte> with Keel.UserLib.Utf8.TryWrite(buffer, $\"…\", out int written)";
    }

    [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
    public sealed class StringBuilder
    {
        public StringBuilder() { }

        public StringBuilder(int capacity) { }

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public int Length => 0;

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public StringBuilder Append(string value) => this;

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public StringBuilder Append(char value) => this;

        // What a record's compiler-written ToString calls, besides the two above.
        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public StringBuilder Append(object value) => this;

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public StringBuilder Append(int value) => this;

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public StringBuilder Append(uint value) => this;

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public StringBuilder Append(float value) => this;

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public StringBuilder AppendLine() => this;

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public StringBuilder AppendLine(string value) => this;

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public StringBuilder Clear() => this;

        [Obsolete(MissingText.StringBuilder, error: true, DiagnosticId = MissingText.Id)]
        public new string ToString() => null;
    }
}
