// Control flow and pattern matching.
using System;
using Keel.UserLib.Testing;

namespace Conformance
{
    public static class ControlFlow
    {
        [TestCase("if, else if, else")]
        public static void IfElse(ref Check check)
        {
            check.Equal(-1, Sign(Opaque.Int(-5)), "negative");
            check.Equal(0, Sign(Opaque.Int(0)), "zero");
            check.Equal(1, Sign(Opaque.Int(9)), "positive");
        }

        private static int Sign(int x)
        {
            if (x < 0)
                return -1;
            else if (x == 0)
                return 0;
            else
                return 1;
        }

        [TestCase("switch statement with fall-through labels and goto case")]
        public static void SwitchStatement(ref Check check)
        {
            check.Equal(10, Weight(Opaque.Int(1)), "1");
            check.Equal(10, Weight(Opaque.Int(2)), "2");
            check.Equal(35, Weight(Opaque.Int(3)), "3");
            check.Equal(0, Weight(Opaque.Int(9)), "default");
        }

        private static int Weight(int code)
        {
            int weight = 0;
            switch (code)
            {
                case 1:
                case 2:
                    weight = 10;
                    break;
                case 3:
                    weight = 25;
                    goto case 2 + 2;
                case 4:
                    weight += 10;
                    break;
                default:
                    break;
            }
            return weight;
        }

        [TestCase("switch expression with relational and logical patterns")]
        public static void SwitchExpression(ref Check check)
        {
            check.Equal(0, Band(Opaque.Int(-3)), "below");
            check.Equal(1, Band(Opaque.Int(15)), "inside");
            check.Equal(2, Band(Opaque.Int(40)), "above");
            check.Equal(3, Band(Opaque.Int(100)), "exactly 100");
        }

        private static int Band(int celsius) => celsius switch
        {
            < 0 => 0,
            >= 0 and <= 30 => 1,
            100 => 3,
            > 30 and not 100 => 2,
        };

        [TestCase("property patterns and var patterns")]
        public static void PropertyPatterns(ref Check check)
        {
            var v = new Vector(Opaque.Int(3), 0);
            bool onAxis = v is { Y: 0, X: > 0 and var x } && x == 3;
            check.True(onAxis, "on the X axis");
        }

        [TestCase("list patterns on a span")]
        public static void ListPatterns(ref Check check)
        {
            ReadOnlySpan<byte> frame = "\x02ok\x03"u8;
            bool framed = frame is [0x02, _, _, 0x03];
            bool starts = frame is [0x02, ..];
            check.True(framed, "[STX, _, _, ETX]");
            check.True(starts, "[STX, ..]");
            check.False(frame is [0x03, ..], "not [ETX, ..]");
        }

        [TestCase("is-patterns with type tests on a class instance")]
        public static void TypePatterns(ref Check check)
        {
            Shape shape = Shapes.Square;
            check.True(shape is Square { Side: > 0 }, "a Square with a side");
        }

        [TestCase("while, do-while, for with break and continue")]
        public static void Loops(ref Check check)
        {
            int n = Opaque.Int(10), sum = 0, i = 0;
            while (i < n)
            {
                i++;
                if (i % 2 == 0)
                    continue;
                sum += i;
            }
            int j = 0;
            do
                j++;
            while (j < Opaque.Int(3));
            int k;
            for (k = 0; ; k++)
            {
                if (k * k > 50)
                    break;
            }
            check.Equal(25, sum, "odd numbers up to 10");
            check.Equal(3, j, "do-while");
            check.Equal(8, k, "first k with k*k > 50");
        }

        [TestCase("goto and labels")]
        public static void Goto(ref Check check)
        {
            int tries = 0;
        again:
            tries++;
            if (tries < Opaque.Int(4))
                goto again;
            check.Equal(4, tries, "tries");
        }

        [TestCase("recursion")]
        public static void Recursion(ref Check check)
        {
            check.Equal(144u, Fibonacci(Opaque.UInt(12)), "fib(12)");
        }

        private static uint Fibonacci(uint n) => n < 2 ? n : Fibonacci(n - 1) + Fibonacci(n - 2);

        [TestCase("conditional, null-coalescing on a class reference, and short-circuit operators")]
        public static void Conditionals(ref Check check)
        {
            Shape? none = Opaque.Int(0) == 1 ? Shapes.Square : null;
            Shape some = none ?? Shapes.Square;
            int sides = none?.Sides ?? -1;
            bool guarded = none != null && none.Sides > 0;
            check.Equal(4, some.Sides, "??");
            check.Equal(-1, sides, "?.");
            check.False(guarded, "&&");
        }
    }

    public static class Shapes
    {
        public static readonly Square Square = new Square();
    }
}
