// The host's answer to EnumText's lookup (userlib/Text/EnumNames.cs asks the task's
// generated keel_enum_name): .NET's own enum names, as UTF-8 kept for the process, so
// `{mode}` prints the member's name in a host test as it does on the target.
#nullable enable
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Keel.UserLib.Text
{
    internal static unsafe class EnumNames
    {
        private static readonly ConcurrentDictionary<(Type, ulong), IntPtr> s_names = new();

        public static int Lookup<T>(ulong bits, byte** name) where T : struct, Enum
        {
            Type underlying = Enum.GetUnderlyingType(typeof(T));
            object value = Enum.ToObject(typeof(T), bits);
            string? text = Enum.IsDefined(typeof(T), value) ? Enum.GetName(typeof(T), value) : null;
            if (text is null)
            {
                bool signed = underlying == typeof(sbyte) || underlying == typeof(short) || underlying == typeof(int) || underlying == typeof(long);
                return signed ? EnumText.UnnamedSigned : EnumText.UnnamedUnsigned;
            }
            IntPtr bytes = s_names.GetOrAdd((typeof(T), bits), _ =>
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(text);
                IntPtr copy = Marshal.AllocHGlobal(utf8.Length);
                Marshal.Copy(utf8, 0, copy, utf8.Length);
                return copy;
            });
            *name = (byte*)bytes;
            return Encoding.UTF8.GetByteCount(text);
        }
    }
}
