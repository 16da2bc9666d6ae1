// Block copy and fill. The compiler calls these for struct copies, `initblk`/`cpblk`
// and span operations; kernel code uses them for message transfer. Simple word-wise
// loops where both ends are aligned, bytes otherwise: no SIMD, no heap.
using System.Runtime.CompilerServices;

namespace System
{
    internal static unsafe class SpanHelpers
    {
        public static void Memmove(ref byte destination, ref byte source, nuint length)
        {
            byte* to = (byte*)Unsafe.AsPointer(ref destination);
            byte* from = (byte*)Unsafe.AsPointer(ref source);
            if (to == from || length == 0)
                return;
            if (to < from || to >= from + length)
            {
                nuint i = 0;
                if ((((nuint)to | (nuint)from) & 3) == 0)
                {
                    for (; i + 4 <= length; i += 4)
                        *(uint*)(to + i) = *(uint*)(from + i);
                }
                for (; i < length; i++)
                    to[i] = from[i];
            }
            else
            {
                // Overlapping with the destination above the source: copy backwards.
                for (nuint i = length; i > 0; i--)
                    to[i - 1] = from[i - 1];
            }
        }

        public static void ClearWithoutReferences(ref byte destination, nuint length)
        {
            Fill(ref destination, length, 0);
        }

        public static void ClearWithReferences(ref IntPtr destination, nuint pointerCount)
        {
            Fill(ref Unsafe.As<IntPtr, byte>(ref destination), pointerCount * (nuint)sizeof(IntPtr), 0);
        }

        public static void Fill(ref byte destination, nuint length, byte value)
        {
            byte* to = (byte*)Unsafe.AsPointer(ref destination);
            nuint i = 0;
            if (((nuint)to & 3) == 0)
            {
                uint word = value * 0x01010101u;
                for (; i + 4 <= length; i += 4)
                    *(uint*)(to + i) = word;
            }
            for (; i < length; i++)
                to[i] = value;
        }
    }

    public static class Buffer
    {
        public static void Memmove(ref byte destination, ref byte source, nuint length) =>
            SpanHelpers.Memmove(ref destination, ref source, length);

        // There is no GC, so a copy of references needs no write barrier.
        internal static void BulkMoveWithWriteBarrier(ref byte destination, ref byte source, nuint length) =>
            SpanHelpers.Memmove(ref destination, ref source, length);
    }
}
