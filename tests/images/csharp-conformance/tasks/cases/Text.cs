// Text without a heap: UTF-8 literals, string literals read in place, constants.
using System;
using Keel.UserLib;
using Keel.UserLib.Testing;

namespace Conformance
{
    // An enum a hole prints by name: the task's build generates the names of the enums
    // its own code formats (a private enum nested in a class prints as a number).
    public enum HeaterMode : byte { Off, Heat, Cool }

    public static class Text
    {
        private const string Name = "keel";
        private const string Banner = Name + " v" + "1";

        [TestCase("u8 literals as ReadOnlySpan<byte>")]
        public static void Utf8Literal(ref Check check)
        {
            ReadOnlySpan<byte> hello = "héllo"u8;
            check.Equal(6, hello.Length, "é is two bytes");
            check.Equal(0xC3u, hello[Opaque.Int(1)], "é's first byte");
            check.Equal("hé"u8, hello.Slice(0, 3), "a prefix");
        }

        [TestCase("u8 literals joined with + at compile time")]
        public static void Utf8Concatenation(ref Check check)
        {
            ReadOnlySpan<byte> line = "temp "u8 + "ok\n"u8;
            check.Equal("temp ok\n"u8, line, "joined");
        }

        [TestCase("string literals: Length, indexer, constant concatenation, nameof")]
        public static void StringLiterals(ref Check check)
        {
            string banner = Banner;
            check.Equal(7, banner.Length, "Length of \"keel v1\"");
            check.Equal('v', banner[Opaque.Int(5)], "[5]");
            check.Equal(4, nameof(Text).Length, "nameof");
        }

        [TestCase("== and != on string values, string.Equals, `is` a string constant")]
        public static void StringEquality(ref Check check)
        {
            string heat = Opaque.Text("heat"), off = Opaque.Text("off"), none = Opaque.Text(null);
            check.True(heat == "heat", "== a literal");
            check.True(heat != off, "!= another");
            check.True(heat != "hea", "!= a prefix");
            check.True(heat.Equals("heat") && string.Equals(off, "off"), "Equals");
            check.True(none == null && none != heat && !string.Equals(heat, none), "null");
            check.True(off is "off", "is a constant");
            check.True(Banner == Opaque.Text("keel v1"), "a folded constant");
        }

        [TestCase("switch on string values (a hash of the value, then ==)")]
        public static void SwitchOnString(ref Check check)
        {
            check.Equal(2, Command(Opaque.Text("cool")), "short switch");
            check.Equal(-1, Command(Opaque.Text("dry")), "no case");
            check.Equal(8, Day(Opaque.Text("sunday")), "long switch: computed string hash");
            check.Equal(0, Day(Opaque.Text("someday")), "long switch: no case");
        }

        private static int Command(string command) => command switch
        {
            "off" => 0,
            "heat" => 1,
            "cool" => 2,
            _ => -1,
        };

        private static int Day(string day)
        {
            switch (day)
            {
                case "monday": return 2;
                case "tuesday": return 3;
                case "wednesday": return 4;
                case "thursday": return 5;
                case "friday": return 6;
                case "saturday": return 7;
                case "sunday": return 8;
                default: return 0;
            }
        }

        [TestCase("constant interpolated strings")]
        public static void ConstantInterpolation(ref Check check)
        {
            const string Line = $"{Name}: ready";
            check.Equal(11, Line.Length, "Length");
        }

        [TestCase("char literals and escapes")]
        public static void Chars(ref Check check)
        {
            char tab = '\t', unicode = '\u00e9';
            check.Equal(9, tab, "tab");
            check.Equal(0xE9, unicode, "é");
        }

        [TestCase("interpolated strings formatted into a caller's bytes (Utf8.TryWrite)")]
        public static void InterpolationIntoSpan(ref Check check)
        {
            Span<byte> line = stackalloc byte[64];
            float t = Opaque.Int(2145) / 100f;
            int n = Opaque.Int(12);
            HeaterMode mode = (HeaterMode)Opaque.Int(2);
            check.True(Utf8.TryWrite(line, $"{t:F1} C, {n,3} x{n:X2}, {n > 10}, {mode}, {Keel.Kernel.Error.Ok}", out int written), "fits");
            check.Equal("21.5 C,  12 x0C, True, Cool, Ok"u8, line.Slice(0, written), "formatted");
            check.False(Utf8.TryWrite(line.Slice(0, 4), $"{n} samples", out _), "too small");
        }

        [TestCase("interpolated strings into Console.WriteLine")]
        public static void InterpolationIntoConsole(ref Check check)
        {
            int n = Opaque.Int(3);
            Console.WriteLine($"  interpolated: {n} of {n + 1}");
            check.True(true, "printed");
        }
    }
}
