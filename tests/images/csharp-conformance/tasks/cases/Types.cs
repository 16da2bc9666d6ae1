// Types and structs: values with fields, methods, properties, constructors, operators,
// layouts, and the one class instance firmware can have (built at compile time).
using System.Runtime.InteropServices;
using Keel.UserLib.Testing;

namespace Conformance
{
    public struct Vector
    {
        public int X;
        public int Y;

        public Vector(int x, int y)
        {
            X = x;
            Y = y;
        }

        public readonly int LengthSquared => X * X + Y * Y;

        public int this[int axis] => axis == 0 ? X : Y;

        public void Scale(int factor)
        {
            X *= factor;
            Y *= factor;
        }

        public static Vector operator +(Vector a, Vector b) => new Vector(a.X + b.X, a.Y + b.Y);

        public static bool operator ==(Vector a, Vector b) => a.X == b.X && a.Y == b.Y;

        public static bool operator !=(Vector a, Vector b) => !(a == b);
    }

    public readonly struct Celsius
    {
        public readonly int Tenths;

        public Celsius(int tenths) => Tenths = tenths;

        public int Whole => Tenths / 10;
    }

    public struct Defaults
    {
        public int Count = 3;
        public uint Mask = 0xF0;

        public Defaults() { }
    }

    public struct Reading(int raw, int offset)
    {
        public readonly int Value => raw + offset;
    }

    public struct Settings
    {
        public int Rate { get; init; }
        public int Depth { get; set; }
    }

    [StructLayout(LayoutKind.Explicit)]
    public struct Word
    {
        [FieldOffset(0)] public uint Value;
        [FieldOffset(0)] public byte Low;
        [FieldOffset(3)] public byte High;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    public struct Packed
    {
        public byte Tag;
        public uint Value;
    }

    public abstract class Shape
    {
        public abstract int Area();

        public virtual int Sides => 0;
    }

    public sealed class Square : Shape
    {
        public int Side = 4;

        public override int Area() => Side * Side;

        public override int Sides => 4;
    }

    public static class Outer
    {
        public struct Inner
        {
            public int Value;
        }
    }

    public static class VectorExtensions
    {
        public static int Sum(this Vector v) => v.X + v.Y;
    }

    public static class Types
    {
        private static readonly Square s_square = new Square();

        [TestCase("struct fields are copied by value")]
        public static void StructCopy(ref Check check)
        {
            var a = new Vector(Opaque.Int(1), 2);
            Vector b = a;
            b.X = 10;
            check.Equal(1, a.X, "the original");
            check.Equal(10, b.X, "the copy");
        }

        [TestCase("struct methods, readonly properties and indexers")]
        public static void StructMembers(ref Check check)
        {
            var v = new Vector(Opaque.Int(3), 4);
            v.Scale(2);
            check.Equal(100, v.LengthSquared, "6*6 + 8*8");
            check.Equal(8, v[1], "the indexer");
        }

        [TestCase("user-defined operators on a struct")]
        public static void Operators(ref Check check)
        {
            Vector sum = new Vector(Opaque.Int(1), 2) + new Vector(3, 4);
            check.True(sum == new Vector(4, 6), "(1,2) + (3,4) == (4,6)");
            check.True(sum != new Vector(4, 7), "!=");
        }

        [TestCase("readonly struct with a constructor")]
        public static void ReadonlyStruct(ref Check check)
        {
            var t = new Celsius(Opaque.Int(215));
            check.Equal(21, t.Whole, "21.5 C");
        }

        [TestCase("field initializers and a parameterless struct constructor")]
        public static void FieldInitializers(ref Check check)
        {
            var d = new Defaults();
            check.Equal(3, d.Count, "Count");
            check.Equal(0xF0u, d.Mask, "Mask");
        }

        [TestCase("primary constructor on a struct")]
        public static void PrimaryConstructor(ref Check check)
        {
            var r = new Reading(Opaque.Int(40), 2);
            check.Equal(42, r.Value, "raw + offset");
        }

        [TestCase("init and auto properties, object initializer")]
        public static void InitProperties(ref Check check)
        {
            var s = new Settings { Rate = Opaque.Int(9600), Depth = 8 };
            s.Depth++;
            check.Equal(9600, s.Rate, "Rate");
            check.Equal(9, s.Depth, "Depth");
        }

        [TestCase("`with` on a struct")]
        public static void WithExpression(ref Check check)
        {
            var a = new Vector(Opaque.Int(1), 2);
            Vector b = a with { Y = 5 };
            check.Equal(1, b.X, "kept");
            check.Equal(5, b.Y, "changed");
            check.Equal(2, a.Y, "the original");
        }

        [TestCase("explicit layout: overlapping fields")]
        public static void ExplicitLayout(ref Check check)
        {
            var w = new Word { Value = Opaque.UInt(0xAABBCCDD) };
            check.Equal(0xDDu, w.Low, "low byte");
            check.Equal(0xAAu, w.High, "high byte");
        }

        [TestCase("sizeof and packed layout")]
        public static unsafe void SizeOf(ref Check check)
        {
            check.Equal(5, sizeof(Packed), "sizeof(Packed)");
            check.Equal(8, sizeof(Vector), "sizeof(Vector)");
        }

        [TestCase("nested types")]
        public static void NestedTypes(ref Check check)
        {
            var inner = new Outer.Inner { Value = Opaque.Int(7) };
            check.Equal(7, inner.Value, "Outer.Inner");
        }

        [TestCase("extension methods")]
        public static void ExtensionMethods(ref Check check)
        {
            check.Equal(11, new Vector(Opaque.Int(5), 6).Sum(), "5 + 6");
        }

        [TestCase("ref, out and in parameters")]
        public static void RefOutIn(ref Check check)
        {
            int total = Opaque.Int(1);
            AddTo(ref total, 4);
            Split(0x1234, out int high, out int low);
            var v = new Vector(3, 4);
            check.Equal(5, total, "ref");
            check.Equal(0x12, high, "out high");
            check.Equal(0x34, low, "out low");
            check.Equal(25, Length(in v), "in");
        }

        private static void AddTo(ref int total, int n) => total += n;

        private static void Split(int value, out int high, out int low)
        {
            high = value >> 8;
            low = value & 0xFF;
        }

        private static int Length(in Vector v) => v.LengthSquared;

        [TestCase("optional and named arguments")]
        public static void OptionalArguments(ref Check check)
        {
            check.Equal(10, Scaled(Opaque.Int(5)), "default factor");
            check.Equal(15, Scaled(factor: 3, value: Opaque.Int(5)), "named");
        }

        private static int Scaled(int value, int factor = 2) => value * factor;

        [TestCase("a class instance built at compile time, virtual and abstract calls")]
        public static void CompileTimeClassInstance(ref Check check)
        {
            Shape shape = s_square;
            s_square.Side = Opaque.Int(5);
            check.Equal(25, shape.Area(), "abstract Area");
            check.Equal(4, shape.Sides, "virtual Sides");
        }

        [TestCase("local functions")]
        public static void LocalFunctions(ref Check check)
        {
            int k = Opaque.Int(3);
            int AddK(int x) => x + k;
            static int Twice(int x) => 2 * x;
            check.Equal(11, Twice(AddK(Opaque.Int(2))) + 1, "2 * (2 + 3) + 1");
        }
    }
}
