// KEEL1103: building strings at run time (corelib/System/Missing/Collections.cs says why
// these placeholders exist).
namespace System.Text
{
    internal static class MissingText
    {
        internal const string Id = "KEEL1103";
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
        public string ToString() => null;
    }
}
