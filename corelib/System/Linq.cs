// No LINQ in firmware: it allocates enumerators and delegates. The namespace exists
// only so that `using System.Linq;` compiles far enough for the firmware analyzer to
// explain that at the line (KEEL1009, docs/csharp.md): a using directive that names
// no namespace stops the compiler before analyzers run.
namespace System.Linq
{
    internal static class NoLinqInFirmware { }
}
