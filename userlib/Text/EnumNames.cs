// The lookup behind EnumText: the task's generated keel_enum_name, asked with the
// address of EnumType<T>.Marker, which stands for T. A file of its own because a host
// build (Keel.Testing) answers the same question through .NET's own enum names.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.UserLib.Text
{
    internal static unsafe class EnumNames
    {
        [DllImport("*", EntryPoint = "keel_enum_name")]
        [SuppressGCTransition]
        private static extern int Lookup(void* type, ulong bits, byte** name);

        // The length of the name of T's value `bits` (UTF-8 at *name), or
        // EnumText.UnnamedSigned/UnnamedUnsigned when it has none.
        public static int Lookup<T>(ulong bits, byte** name) where T : struct, Enum =>
            Lookup(Unsafe.AsPointer(ref EnumType<T>.Marker), bits, name);
    }
}
