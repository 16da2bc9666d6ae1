// The C# compiler marks a type parameter constrained `where T : unmanaged` with a
// modreq of this enum (userlib's fixed-capacity collections use the constraint); only
// its existence matters.
namespace System.Runtime.InteropServices
{
    public enum UnmanagedType
    {
        Bool = 0x2,
        I4 = 0x7,
        U4 = 0x8,
    }
}
