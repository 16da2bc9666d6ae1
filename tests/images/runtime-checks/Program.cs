// Exercises what the core library promises compiled code: 32- and 64-bit division and
// remainder with C#'s rounding and signs, 64-bit multiplication (its cross terms and
// sign included), then an index out of range, which must reach
// the panic path and stop the run with the panic status and a reason.
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

            Span<uint> table = s_table;
            Console.WriteLine("indexing past the end");
            table[Opaque(4)] = 1;
            Console.WriteLine("not reached");
            Board.Stop(Board.ExitSuccess);
        }
    }
}
