// Record structs: the compiler writes their equality (==, !=, Equals, IEquatable<T>,
// GetHashCode), Deconstruct and what `with` needs; the core library's EqualityComparer<T>
// compares each field as its type's own Equals does, without boxing.
using System;
using Keel.UserLib.Testing;

namespace Conformance
{
    public record struct Sample(int Channel, float Celsius);

    public readonly record struct Setpoint(short Low, short High, HeaterMode Mode);

    public record struct Labelled(string Name, uint Value);

    public static class Records
    {
        [TestCase("record struct: ==, != and Equals field by field, float fields as float.Equals")]
        public static void RecordStructEquality(ref Check check)
        {
            var a = new Sample(Opaque.Int(3), 21.5f);
            var b = new Sample(3, Opaque.Float(21.5f));
            check.True(a == b, "==");
            check.True(a != (b with { Channel = Opaque.Int(4) }), "!= after with");
            check.True(a.Equals(b) && !a.Equals(new Sample(3, 21.25f)), "Equals");
            check.True(new Sample(1, Opaque.Float(float.NaN)) == new Sample(1, float.NaN), "NaN equals NaN");
            check.True(new Sample(1, Opaque.Float(0f)) == new Sample(1, -0f), "0 equals -0");
        }

        [TestCase("record struct: IEquatable<T> through a generic constraint")]
        public static void RecordStructEquatable(ref Check check)
        {
            check.True(Same(new Sample(Opaque.Int(2), 1f), new Sample(2, 1f)), "equal");
            check.True(!Same(new Sample(Opaque.Int(2), 1f), new Sample(2, 2f)), "not equal");
        }

        private static bool Same<T>(T x, T y) where T : struct, IEquatable<T> => x.Equals(y);

        [TestCase("readonly record struct: positional properties, Deconstruct, with, an enum field")]
        public static void ReadonlyRecordStruct(ref Check check)
        {
            var setpoint = new Setpoint((short)Opaque.Int(18), 22, HeaterMode.Heat);
            var (low, high, mode) = setpoint;
            check.Equal(18, low, "Low");
            check.Equal(22, high, "High");
            check.True(mode == HeaterMode.Heat, "Mode");
            Setpoint warmer = setpoint with { High = 24 };
            check.Equal(24, warmer.High, "with");
            check.True(warmer != setpoint && warmer == new Setpoint(18, 24, HeaterMode.Heat), "==");
            check.True(setpoint != (setpoint with { Mode = HeaterMode.Cool }), "enum field compared");
        }

        [TestCase("record struct: equal values have equal hash codes; a string field compared by its text")]
        public static void RecordStructHashCode(ref Check check)
        {
            var a = new Labelled(Opaque.Text("fan"), 2);
            var b = new Labelled("fan", Opaque.UInt(2));
            check.True(a == b, "==");
            check.True(a.GetHashCode() == b.GetHashCode(), "GetHashCode");
            check.True(a != new Labelled(Opaque.Text("fun"), 2), "another name");
        }
    }
}
