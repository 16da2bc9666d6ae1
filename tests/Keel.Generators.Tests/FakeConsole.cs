// The task console, on the host: userlib's test API (userlib/Testing.cs, compiled here
// unchanged) prints through Keel.UserLib.Console, which on the target is a platform
// call. This one keeps the text, formatted as the real one formats it (decimal
// digits, "0x" and eight hex digits, a status by its kernel name), for the tests of
// Check and of the generated runner to read.
using System;
using System.Text;
using Keel.Kernel;

namespace Keel.UserLib
{
    public static unsafe class Console
    {
        [ThreadStatic] private static StringBuilder? t_output;

        private static StringBuilder Output => t_output ??= new StringBuilder();

        // What was printed since the last call, and a fresh start.
        public static string Take()
        {
            string text = Output.ToString();
            Output.Clear();
            return text;
        }

        public static void Write(string text) => Output.Append(text);

        public static void Write(char* text, int length) => Output.Append(new string(text, 0, length));

        public static void Write(char c) => Output.Append(c);

        public static void Write(ReadOnlySpan<byte> ascii) => Output.Append(Encoding.ASCII.GetString(ascii));

        public static void Write(Error status) => Write(ErrorNames.Name(status));

        public static void WriteLine(string text) => Output.Append(text).Append('\n');

        public static void WriteLine() => Output.Append('\n');

        public static void WriteDecimal(uint value) => Output.Append(value);

        public static void WriteHex(uint value) => Output.Append("0x").Append(value.ToString("x8"));
    }
}
