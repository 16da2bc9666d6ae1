// Enums: underlying types, flags, switches.
using Keel.UserLib.Testing;

namespace Conformance
{
    [System.Flags]
    public enum Rights : uint
    {
        None = 0,
        Read = 1,
        Write = 2,
        Grant = 4,
        All = Read | Write | Grant,
    }

    public enum Level : short
    {
        Low = -1,
        Normal = 0,
        High = 1,
    }

    public static class Enums
    {
        [TestCase("an enum with an explicit underlying type, cast both ways")]
        public static void UnderlyingType(ref Check check)
        {
            Level level = (Level)Opaque.Int(-1);
            check.True(level == Level.Low, "(Level)-1");
            check.Equal(2, sizeof(Level), "sizeof(Level)");
            check.Equal(2u, (uint)(byte)Mode.Cool, "(byte)Mode.Cool");
        }

        [TestCase("flags: combine, test, remove")]
        public static void Flags(ref Check check)
        {
            Rights rights = (Rights)Opaque.UInt(1) | Rights.Grant;
            check.True((rights & Rights.Grant) != 0, "has Grant");
            rights &= ~Rights.Read;
            check.Equal((uint)Rights.Grant, (uint)rights, "Read removed");
            check.Equal(7u, (uint)Rights.All, "All");
        }

        [TestCase("switch on an enum")]
        public static void Switch(ref Check check)
        {
            check.Equal(0, Target(Mode.Off), "Off");
            check.Equal(21, Target((Mode)Opaque.Int(1)), "Heat");
            check.Equal(25, Target((Mode)Opaque.Int(2)), "Cool");
        }

        private static int Target(Mode mode) => mode switch
        {
            Mode.Heat => 21,
            Mode.Cool => 25,
            _ => 0,
        };

        [TestCase("enum comparison and arithmetic")]
        public static void Comparison(ref Check check)
        {
            Level level = (Level)Opaque.Int(0);
            check.True(level > Level.Low && level < Level.High, "Low < Normal < High");
            check.True(level + 1 == Level.High, "Normal + 1");
        }
    }
}
