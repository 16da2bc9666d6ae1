// Interfaces on structs, default interface members, static abstract members.
using Keel.UserLib.Testing;

namespace Conformance
{
    public interface ISensor
    {
        int Read();

        int ReadTwice() => Read() + Read();
    }

    public struct FakeSensor : ISensor
    {
        private int _reads;

        public int Read() => ++_reads * 10;
    }

    public interface IZero<TSelf> where TSelf : IZero<TSelf>
    {
        static abstract TSelf Zero { get; }
    }

    public interface IAddable<TSelf> where TSelf : IAddable<TSelf>
    {
        static abstract TSelf operator +(TSelf left, TSelf right);
    }

    public interface IParse<TSelf>
    {
        static abstract bool TryParse(byte digit, out TSelf value);

        static virtual int Radix => 10;
    }

    public readonly struct Fixed16 : IZero<Fixed16>, IAddable<Fixed16>, IParse<Fixed16>
    {
        public readonly int Raw;

        public Fixed16(int raw) => Raw = raw;

        public static Fixed16 Zero => new Fixed16(0);

        public static Fixed16 operator +(Fixed16 left, Fixed16 right) => new Fixed16(left.Raw + right.Raw);

        public static bool TryParse(byte digit, out Fixed16 value)
        {
            value = new Fixed16((digit - '0') << 16);
            return digit is >= (byte)'0' and <= (byte)'9';
        }
    }

    public interface IGreeter
    {
        int Greet();
    }

    public sealed class Greeter : IGreeter
    {
        public int Greetings;

        public int Greet() => ++Greetings;
    }

    public static class Interfaces
    {
        private static readonly Greeter s_greeter = new Greeter();

        [TestCase("an interface on a struct, called through a constrained generic")]
        public static void StructInterface(ref Check check)
        {
            var sensor = new FakeSensor();
            check.Equal(10, ReadOnce(ref sensor), "first read");
            check.Equal(20, ReadOnce(ref sensor), "second read, same struct");
        }

        private static int ReadOnce<T>(ref T sensor) where T : struct, ISensor => sensor.Read();

        [TestCase("a default interface method through a constrained generic")]
        public static void DefaultInterfaceMethod(ref Check check)
        {
            var sensor = new FakeSensor();
            check.Equal(30, Twice(ref sensor), "10 + 20");
        }

        private static int Twice<T>(ref T sensor) where T : struct, ISensor => sensor.ReadTwice();

        [TestCase("static abstract members: a property and an operator")]
        public static void StaticAbstract(ref Check check)
        {
            Fixed16 sum = Sum(new Fixed16(Opaque.Int(1)), new Fixed16(2), new Fixed16(3));
            check.Equal(6, sum.Raw, "1 + 2 + 3 from Zero");
        }

        private static T Sum<T>(T a, T b, T c) where T : IZero<T>, IAddable<T> => T.Zero + a + b + c;

        [TestCase("static abstract and static virtual methods")]
        public static void StaticVirtual(ref Check check)
        {
            bool parsed = Parse<Fixed16>((byte)Opaque.Int('7'), out Fixed16 value, out int radix);
            check.True(parsed, "parsed");
            check.Equal(7 << 16, value.Raw, "7.0");
            check.Equal(10, radix, "the default Radix");
        }

        private static bool Parse<T>(byte digit, out T value, out int radix) where T : IParse<T>
        {
            radix = T.Radix;
            return T.TryParse(digit, out value);
        }

        [TestCase("an interface call on a class instance built at compile time")]
        public static void ClassInterface(ref Check check)
        {
            IGreeter greeter = s_greeter;
            greeter.Greet();
            check.Equal(2, greeter.Greet(), "two greetings");
        }
    }
}
