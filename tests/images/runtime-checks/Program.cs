// Exercises what the core library promises compiled code: 32- and 64-bit division and
// remainder with C#'s rounding and signs, 64-bit multiplication (its cross terms and
// sign included), then an index out of range, which must reach the panic path and stop
// the run with the panic status, a reason and the return address into the method whose
// check failed.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.Boards;
using Keel.Hal;

namespace Keel.Tests.Images
{
    public static class RuntimeChecks
    {
        private static readonly uint[] s_table = new uint[4];

        // Not inlined, so the divisions happen at run time rather than being folded.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Opaque(int value) => value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long Opaque(long value) => value;

        // Several bounds checks in one method; the loop's fails when i reaches 4, and the
        // panic must name that line (RuntimeImageTests finds it by its comment).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static uint Sum(ReadOnlySpan<uint> table, int last)
        {
            uint sum = table[0] + table[1];
            for (int i = 2; i <= last; i++)
                sum += table[i]; // the failing check
            return sum + table[last - 1];
        }

        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            Console.Write("div32: ");
            Console.WriteDecimal(Opaque(1000003) / Opaque(7));
            Console.Write(' ');
            Console.WriteDecimal(Opaque(-1000003) % Opaque(7));
            Console.Write(' ');
            Console.WriteDecimal((uint)Opaque(-8) / (uint)Opaque(3));
            Console.WriteLine();

            long big = Opaque(123456789012345L);
            Console.Write("div64: ");
            Console.WriteDecimal((uint)(big / Opaque(1000000L)));
            Console.Write(' ');
            Console.WriteDecimal((uint)(big % Opaque(1000000L)));
            Console.Write(' ');
            Console.WriteDecimal((int)(Opaque(-big) / Opaque(987654321L)));
            Console.WriteLine();

            long product = Opaque(123456789L) * Opaque(1000003L);
            long negative = Opaque(-123456789L) * Opaque(98765L);
            long wrapped = Opaque(0x1_0000_0001L) * Opaque(0x1_0000_0001L);
            Console.Write("mul64: ");
            Console.WriteDecimal((uint)(product / 1000000));
            Console.Write(' ');
            Console.WriteDecimal((uint)(product % 1000000));
            Console.Write(' ');
            Console.WriteDecimal((int)(negative / 1000000));
            Console.Write(' ');
            Console.WriteDecimal((uint)(wrapped >> 32));
            Console.Write(' ');
            Console.WriteDecimal((uint)wrapped);
            Console.WriteLine();

            Console.WriteLine("indexing past the end");
            Console.WriteDecimal(Sum(s_table, Opaque(4)));
            Console.WriteLine("not reached");
            Board.Stop(Board.ExitSuccess);
        }
    }
}
