// Three kinds of allocation that firmware code may not make.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.Boards;

namespace Keel.Tests.Images
{
    public sealed class Node
    {
        public int Value;
    }

    public static class Allocations
    {
        private static Node s_node;
        private static int[] s_buffer;
        private static object s_boxed;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void MakeNode() => s_node = new Node();

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void MakeBuffer(int length) => s_buffer = new int[length];

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Box(int value) => s_boxed = value;

        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            MakeNode();
            MakeBuffer(16);
            Box(3);
            Board.Stop(Board.ExitSuccess);
        }
    }
}
