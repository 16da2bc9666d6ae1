// The kernel's console: text out on the board's console USART. Formatting is done
// here without allocation (no string building): literals are written character by
// character, numbers digit by digit.
using Keel.Hal.Stm32f4;

namespace Keel.Hal
{
    public static unsafe class Console
    {
        private static uint s_usartBase;

        public static void Attach(Usart usart) => s_usartBase = usart.Base;

        private static Usart Port => new Usart(s_usartBase);

        public static void Write(char c)
        {
            if (s_usartBase == 0)
                return;
            if (c == '\n')
                Port.Write((byte)'\r');
            Port.Write(c < 0x80 ? (byte)c : (byte)'?');
        }

        public static void Write(string text)
        {
            for (int i = 0; i < text.Length; i++)
                Write(text[i]);
        }

        public static void Write(char* text, int length)
        {
            for (int i = 0; i < length; i++)
                Write(text[i]);
        }

        public static void WriteLine(string text)
        {
            Write(text);
            Write('\n');
        }

        public static void WriteLine() => Write('\n');

        public static void WriteDecimal(uint value)
        {
            char* digits = stackalloc char[10];
            int count = 0;
            do
            {
                digits[count++] = (char)('0' + value % 10);
                value /= 10;
            }
            while (value != 0);
            while (count > 0)
                Write(digits[--count]);
        }

        public static void WriteDecimal(int value)
        {
            if (value < 0)
            {
                Write('-');
                WriteDecimal((uint)-(long)value);
                return;
            }
            WriteDecimal((uint)value);
        }

        // 0x-prefixed, eight digits: the form fault reports and addresses use.
        public static void WriteHex(uint value)
        {
            Write("0x");
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                uint nibble = (value >> shift) & 0xF;
                Write((char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10));
            }
        }

        public static void Flush()
        {
            if (s_usartBase != 0)
                Port.Flush();
        }
    }
}
