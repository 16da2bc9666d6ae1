// A message's words as one indexable thing: MR0-MR3 travel in registers and MR4-MR15
// in the IPC buffer (docs/ipc.md), but a typed interface's generated client and server
// (docs/drivers.md) lay out arguments by word index, and byte spans across both. This
// is the one place that knows where word i lives and how bytes pack into words (4 to a
// word, little-endian), so the generated code for every interface stays small.
using System;
using Keel.Kernel;

namespace Keel.UserLib
{
    public struct MessageWords
    {
        public uint R0;
        public uint R1;
        public uint R2;
        public uint R3;

        // The words of a received message: its registers, and the IPC buffer for the rest.
        public static MessageWords Of(in Message message)
        {
            MessageWords words;
            words.R0 = message.Mr0;
            words.R1 = message.Mr1;
            words.R2 = message.Mr2;
            words.R3 = message.Mr3;
            return words;
        }

        public uint Get(int index) => index switch
        {
            0 => R0,
            1 => R1,
            2 => R2,
            3 => R3,
            _ => Task.BufferedWord(index),
        };

        public void Set(int index, uint value)
        {
            switch (index)
            {
                case 0: R0 = value; break;
                case 1: R1 = value; break;
                case 2: R2 = value; break;
                case 3: R3 = value; break;
                default: Task.SetBufferedWord(index, value); break;
            }
        }

        // Number of words `byteCount` bytes take.
        public static int WordsFor(int byteCount) => (byteCount + 3) >> 2;

        // Packs `bytes` into words from `first` on; returns the index after the last.
        public int SetBytes(int first, ReadOnlySpan<byte> bytes)
        {
            int words = WordsFor(bytes.Length);
            for (int w = 0; w < words; w++)
            {
                uint word = 0;
                int start = w << 2;
                for (int b = 0; b < 4 && start + b < bytes.Length; b++)
                    word |= (uint)bytes[start + b] << (b << 3);
                Set(first + w, word);
            }
            return first + words;
        }

        // Unpacks `bytes.Length` bytes from words `first` on; returns the index after the last.
        public int GetBytes(int first, Span<byte> bytes)
        {
            int words = WordsFor(bytes.Length);
            for (int w = 0; w < words; w++)
            {
                uint word = Get(first + w);
                int start = w << 2;
                for (int b = 0; b < 4 && start + b < bytes.Length; b++)
                    bytes[start + b] = (byte)(word >> (b << 3));
            }
            return first + words;
        }
    }
}
