// Each construct the firmware analyzer refuses: source in, each diagnostic's code and
// line out. A line that must be refused ends in a comment naming the codes expected
// there (`// KEEL1001`); every other line must have none. The lines without a marker in
// these sources are the firmware ways the messages suggest, so each case also shows
// the advice compiles to nothing the analyzer refuses.
using System.Text.RegularExpressions;

namespace Keel.Analyzers.Tests;

public partial class RefusedTests
{
    public static readonly Dictionary<string, string> Cases = new()
    {
        ["KEEL1001 new of a class"] = """
            class Node { public int Value; }
            static class Code
            {
                static Node s_root = new Node();
                static int M() { Node n = new Node(); return n.Value; } // KEEL1001
                static int N() { Node n = new(); return n.Value; } // KEEL1001
            }
            """,
        ["KEEL1002 boxing"] = """
            interface IShape { int Area(); }
            struct Square : IShape { public int Side; public int Area() => Side * Side; }
            static class Code
            {
                static void Take(object o) { }
                static void M(int x) { Take(x); } // KEEL1002
                static int N(Square s) { IShape shape = s; return shape.Area(); } // KEEL1002
                static int Area<T>(T shape) where T : struct, IShape => shape.Area();
                static int O(Square s) => Area(s);
            }
            """,
        ["KEEL1003 array created at run time"] = """
            using System;
            struct Slot { public uint Word; }
            enum Kind : byte { Off, On }
            class Code
            {
                static readonly Slot[] s_slots = new Slot[8];
                static readonly byte[] s_table = { 1, 2, 3 };
                static int[] s_late;
                static Code() { s_late = new int[4]; }
                int[] _mine = new int[4]; // KEEL1003
                static int M(int n) { int[] a = new int[n]; return a.Length; } // KEEL1003
                static int N() { int[] b = [1, 2, 3]; return b.Length; } // KEEL1003
                static unsafe int O(int n) { System.Span<int> c = stackalloc int[8]; return c.Length; }
                static ReadOnlySpan<byte> Bytes => new byte[] { 1, 2, 3 };
                static ReadOnlySpan<short> Curve => new short[] { -40, 0, 85 };
                static ReadOnlySpan<Kind> Kinds => new[] { Kind.On, Kind.Off };
                static int P() { ReadOnlySpan<uint> words = new uint[] { 7, 8 }; return words.Length; }
                static int Q(ReadOnlySpan<float> values) => Q(new float[] { 0.5f, 1f });
                static ReadOnlySpan<int> Variable(int k) => new int[] { 1, k }; // KEEL1003
                static Span<byte> Writable => new byte[] { 1, 2 }; // KEEL1003
                static ReadOnlySpan<Slot> Slots => new Slot[] { default }; // KEEL1003
                static ReadOnlySpan<byte> Sized(int n) => new byte[n]; // KEEL1003
                static int Spread(ReadOnlySpan<int> head) { Span<int> all = [.. head, 9]; return all.Length; } // KEEL1003
                static int Inline(int a) { Span<int> three = [a, a, a]; return three.Length; }
            }
            """,
        ["KEEL1004 string concatenation"] = """
            static class Code
            {
                const string Greeting = "hello, " + "world";
                static void Print(string text) { }
                static void M(string name) { Print("hello, " + name); } // KEEL1004
                static void N(int n) { Print("n = " + n + "!"); } // KEEL1004
                static void O(string name) { string s = "a"; s += name; Print(s); } // KEEL1004
                static void P(string name) { Print("hello, "); Print(name); }
            }
            """,
        ["KEEL1005 string interpolation"] = """
            static class Code
            {
                const string Name = "alice";
                const string Greeting = $"hello, {Name}";
                static void Print(string text) { }
                static void M(int n) { Print($"n = {n}"); } // KEEL1005
                static string N(int n) { string s = $"{n}"; return s; } // KEEL1005
                static object O(int n) => $"{n,4}"; // KEEL1005
                static void P(int n) { Print(n > 0 ? $"{n}" : "none"); } // KEEL1005
            }
            """,
        ["KEEL1006 params array"] = """
            static class Code
            {
                static int Sum(params int[] values) { int sum = 0; for (int i = 0; i < values.Length; i++) sum += values[i]; return sum; }
                static int M() => Sum(1, 2, 3); // KEEL1006
                static int N() => Sum(); // KEEL1006
                static int O(int[] values) => Sum(values);
                static int Sum(System.ReadOnlySpan<int> values) { int sum = 0; foreach (int v in values) sum += v; return sum; }
                static int P() { System.Span<int> values = stackalloc int[3]; values[0] = 1; return Sum(values); }
            }
            """,
        ["KEEL1007 KEEL1008 lambdas and delegates"] = """
            delegate int Op(int x);
            class Code
            {
                int _k;
                static int Apply(Op op, int x) => op(x);
                static int Twice(int x) => 2 * x;
                static int M(int k) => Apply(x => x + k, 1); // KEEL1007
                int N() => Apply(x => x + _k, 1); // KEEL1007
                static int O() => Apply(x => x + 1, 1); // KEEL1008
                static int P() => Apply(static x => x + 1, 1); // KEEL1008
                static int Q() => Apply(Twice, 1); // KEEL1008
                static int R() => Apply(delegate (int x) { return x; }, 1); // KEEL1008
                static unsafe int S() { delegate*<int, int> f = &Twice; return f(1); }
                static int T(int k) { int Add(int x) => x + k; return Add(1); }
            }
            """,
        ["KEEL1009 LINQ"] = """
            using System.Linq; // KEEL1009
            static class Code
            {
                static int M(int[] values) { var q = from v in values select v; return 0; } // KEEL1009
                static int N(int[] values) { int sum = 0; for (int i = 0; i < values.Length; i++) sum += values[i]; return sum; }
            }
            """,
        ["KEEL1010 throw"] = """
            static class Code
            {
                static void M(int x) { if (x < 0) throw new System.Exception("negative"); } // KEEL1010
                static int N(int x) => x >= 0 ? x : throw null; // KEEL1010
                static bool O(int x, out int root) { root = 0; if (x < 0) return false; root = x; return true; }
                static int P(int x) { if (x < 0) Keel.Runtime.Panic.Fail("negative"); return x; }
            }
            """,
        ["KEEL1011 try"] = """
            static class Code
            {
                static int M(int x)
                {
                    try // KEEL1011
                    {
                        return 10 / x;
                    }
                    catch
                    {
                        return 0;
                    }
                }
                static int N(int x)
                {
                    try { return x; } // KEEL1011
                    finally { x = 0; }
                }
            }
            """,
        ["KEEL1012 double"] = """
            static class Code
            {
                const float Half = 0.5f;
                static double s_total; // KEEL1012
                static float M(int x) { var y = x * 0.5; return (float)y; } // KEEL1012
                static void N(float f) { System.Double d = f; } // KEEL1012
                static float O(float f) => f * Half + 1e3f;
            }
            """,
        ["KEEL1013 async"] = """
            static class Code
            {
                static async void M() { } // KEEL1013
            }
            """,
        ["KEEL1014 lock"] = """
            static class Code
            {
                static object s_gate;
                static void M() { lock (s_gate) { } } // KEEL1014
            }
            """,
        ["KEEL1015 reflection"] = """
            [System.AttributeUsage(System.AttributeTargets.Method)]
            sealed class KindAttribute : System.Attribute { public KindAttribute(System.Type type) { } }
            static class Code
            {
                [Kind(typeof(int))]
                static void M() { var t = typeof(int); } // KEEL1015
            }
            """,
        ["KEEL1016 tuples"] = """
            struct Pair { public int First; public int Second; }
            static class Code
            {
                static int M() { var pair = (1, (2, 3)); return 0; } // KEEL1016
                static void N(out int first, out int second) { first = 1; second = 2; }
                static Pair O() => new Pair { First = 1, Second = 2 };
            }
            """,
        ["KEEL1019 record classes"] = """
            record Reading(int Channel, float Celsius); // KEEL1019
            record class Labelled(int Value); // KEEL1019
            record struct Sample(int Channel, float Celsius);
            readonly record struct Setpoint(short Low, short High);
            """,
        ["KEEL1017 float to a 64-bit integer"] = """
            static class Code
            {
                const long Big = (long)1.5f;
                static long M(float f) => (long)f; // KEEL1017
                static ulong N(float f) { ulong u = (ulong)f; return u; } // KEEL1017
                static long O(float f) => (long)(int)f;
            }
            """,
        ["KEEL1018 checked conversion from float"] = """
            static class Code
            {
                static int M(float f) => checked((int)f); // KEEL1018
                static int N(float f) => f >= -2147483648f && f < 2147483648f ? (int)f : 0;
            }
            """,
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void EachRefusalIsAtItsLine(string name)
    {
        string source = Cases[name];

        var actual = Firmware.Analyze(source)
            .Select(d => $"{d.Id} at line {d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(Expected(source).Order(StringComparer.Ordinal), actual);
    }

    [Fact]
    public void EveryDiagnosticTheAnalyzerHasIsPinnedByACase()
    {
        IEnumerable<string> pinned = Cases.Values.SelectMany(Expected).Select(e => e[..8]).Distinct().Order(StringComparer.Ordinal);
        IEnumerable<string> supported = Firmware.Analyzers.SelectMany(a => a.SupportedDiagnostics)
            .Select(d => d.Id).Order(StringComparer.Ordinal);

        Assert.Equal(supported, pinned);
    }

    // Each message says why and what to write instead, and where the docs explain it.
    [Theory]
    [InlineData("KEEL1005 string interpolation", "this interpolated string becomes a string, built at run time, and firmware has no heap: pass the `$\"…\"` straight to Console.Write or Console.WriteLine, or to Utf8.TryWrite to format it into a Span<byte>, which format it on the stack")]
    [InlineData("KEEL1001 new of a class", "`new Node` creates a class instance at run time and firmware has no heap: make Node a struct, or create the instance once in a static field's initializer, which the compiler builds into the image")]
    [InlineData("KEEL1007 KEEL1008 lambdas and delegates", "this lambda captures k, so it allocates a closure and a delegate at run time and firmware has no heap: make it a static method that takes what it uses as parameters, and call that directly or through a function pointer (`delegate*<...>` set to `&Method`)")]
    public void TheMessageSaysWhatToWriteInstead(string name, string message)
    {
        Diagnostic first = Firmware.Analyze(Cases[name]).OrderBy(d => d.Location.SourceSpan.Start).First();

        Assert.Equal(message, first.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, first.Severity);
        Assert.Equal($"docs/csharp.md#{first.Id.ToLowerInvariant()}", first.Descriptor.HelpLinkUri);
    }

    [Theory]
    [InlineData("KEEL1012 double")]
    [InlineData("KEEL1017 float to a 64-bit integer")]
    [InlineData("KEEL1018 checked conversion from float")]
    public void DoubleIsAllowedWhereTheBoardHasADoublePrecisionFpu(string name)
    {
        Assert.Empty(Firmware.Analyze(Cases[name], doublePrecisionFpu: true));
    }

    // The codes a case expects: each `KEEL` code in a line's comment, at that line.
    internal static IEnumerable<string> Expected(string source)
    {
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            foreach (Match code in Marker().Matches(lines[i]))
                yield return $"{code.Value} at line {i + 1}";
        }
    }

    [GeneratedRegex(@"(?<=//.*)KEEL\d{4}")]
    private static partial Regex Marker();
}
