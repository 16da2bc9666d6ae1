// The constructs of the C# conformance suite that firmware cannot serve: each line
// marked `// KEELnnnn` must fail the build with that diagnostic at that line, and no
// other line may get one. (The compiler's own errors, where the core library lacks a
// type such a construct needs, appear beside them. None may be in a declaration, such
// as a Task<int> return type or a record's overrides: such an error stops the compiler
// before the analyzer runs, and every KEEL diagnostic of the project with it.)
using System.Linq; // KEEL1009
using System.Runtime.InteropServices;
using Keel.Boards;

namespace Keel.Tests.Images
{
    public sealed class Node
    {
        public int Value;
    }

    public interface IShape
    {
        int Area();
    }

    public struct Square : IShape
    {
        public int Side;

        public int Area() => Side * Side;
    }

    public delegate int Op(int x);

    public static class Refused
    {
        private static int Sum(params int[] values) => values.Length;

        private static int Twice(int x) => 2 * x;

        private static int Apply(Op op, int x) => op(x);

        private static async void Tick() { } // KEEL1013

        private record Reading(int Channel, float Celsius); // KEEL1019

        private static readonly object s_gate = new object();

        [UnmanagedCallersOnly(EntryPoint = "keel_main")]
        private static void Main()
        {
            Board.Init();
            int n = (int)Board.ExitSuccess + 3;
            float f = n;
            var node = new Node(); // KEEL1001
            IShape shape = new Square(); // KEEL1002
            int[] buffer = new int[n]; // KEEL1003
            System.Span<int> spread = [.. buffer, 9]; // KEEL1003
            string joined = "n = " + n; // KEEL1004
            string text = $"n = {n}"; // KEEL1005
            int count = Sum(1, 2, 3); // KEEL1006
            int captured = Apply(x => x + n, 1); // KEEL1007
            int converted = Apply(Twice, 1); // KEEL1008
            var query = from v in buffer select v; // KEEL1009
            if (n > 5) throw null; // KEEL1010
            try { n++; } finally { n--; } // KEEL1011
            double precise = n; // KEEL1012
            lock (s_gate) { n++; } // KEEL1014
            var type = typeof(Node); // KEEL1015
            var pair = (n, f); // KEEL1016
            long wide = (long)f; // KEEL1017
            int exact = checked((int)f); // KEEL1018
            var list = new System.Collections.Generic.List<int>(); // KEEL1101
            var exception = new System.InvalidOperationException(); // KEEL1102
            var builder = new System.Text.StringBuilder(); // KEEL1103
            System.Threading.Thread.Sleep(n); // KEEL1104
            var clock = new System.Diagnostics.Stopwatch(); // KEEL1105
            var random = new System.Random(n); // KEEL1106
            string digits = n.ToString(); // KEEL1107
            Board.Stop(Board.ExitSuccess);
        }
    }
}
