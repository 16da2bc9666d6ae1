// An enum hole (`{mode}`) by its member's name, without reflection: each task's build
// generates `keel_enum_name` (analyzers/Keel.Generators/EnumNameGenerator.cs), a switch
// over the enums the task formats, which answers the name of a value as UTF-8 bytes in
// flash. An enum is known to it by the address of its EnumType<T>.Marker, a static of
// that instantiation alone. A value with no member of its own (a combination of flags,
// a number cast to the enum), and any value formatted with D or X, prints as a number.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.Kernel;

namespace Keel.UserLib.Text
{
    // The identity of the enum T in the generated lookup.
    public static class EnumType<T> where T : struct, Enum
    {
        public static byte Marker;
    }

    public static unsafe class EnumText
    {
        // What keel_enum_name returns for a value with no name of its own (a name's
        // length otherwise): whether to print the number signed.
        public const int UnnamedSigned = -1;
        public const int UnnamedUnsigned = -2;

        // The value's name, or empty with `number` set to what to print instead.
        public static ReadOnlySpan<byte> Name<T>(T value, string format, out FormattedText number) where T : struct, Enum
        {
            int size = Unsafe.SizeOf<T>();
            ulong bits = size == 1 ? Unsafe.As<T, byte>(ref value)
                : size == 2 ? Unsafe.As<T, ushort>(ref value)
                : size == 4 ? Unsafe.As<T, uint>(ref value)
                : Unsafe.As<T, ulong>(ref value);
            byte* name;
            int length = EnumNames.Lookup<T>(bits, &name);
            if (length >= 0 && !IsNumeric(format))
            {
                number = default;
                return new ReadOnlySpan<byte>(name, length);
            }
            if (length != UnnamedSigned)
            {
                FormattedText.Unsigned(out number, bits, format);
                return default;
            }
            long signedValue = size == 1 ? (sbyte)bits : size == 2 ? (short)bits : size == 4 ? (int)bits : (long)bits;
            FormattedText.Signed(out number, signedValue, size, format);
            return default;
        }

        // A system call's status by its name, as kernel/Errors.cs spells it.
        public static ReadOnlySpan<byte> Name(Error value, string format, out FormattedText number)
        {
            FormattedText.Unsigned(out number, (uint)value, format);
            return IsNumeric(format) ? default : ErrorNames.Name(value);
        }

        private static bool IsNumeric(string format) =>
            format != null && format.Length > 0 && (format[0] == 'D' || format[0] == 'd' || format[0] == 'X' || format[0] == 'x');
    }
}
