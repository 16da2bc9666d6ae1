// What firmware may write: each source compiles against the core library with no error
// and the analyzer reports nothing in it. These are the constructs docs/csharp.md
// recommends, and the ones the analyzer must tell apart from their refused look-alikes
// (a static array built at compile time, a struct `new`, a constant string).
namespace Keel.Analyzers.Tests;

public class AllowedTests
{
    public static readonly Dictionary<string, string> Cases = new()
    {
        ["structs, stackalloc and spans"] = """
            using System;
            struct Message { public uint Label; public uint Word; }
            static class Code
            {
                static uint M(uint label)
                {
                    Message message = new Message { Label = label };
                    Span<uint> words = stackalloc uint[4];
                    words.Fill(message.Label);
                    uint sum = 0;
                    foreach (uint w in words)
                        sum += w;
                    return sum + (uint)words.Slice(1).Length;
                }
            }
            """,
        ["static arrays and objects built at compile time"] = """
            struct Tcb { public int State; }
            sealed class Registry { public int Count; }
            static class Code
            {
                static readonly Tcb[] s_pool = new Tcb[8];
                static readonly ushort[] s_table = { 1, 2, 3 };
                static readonly Registry s_registry = new Registry();
                static int[] s_counts;
                static Code() { s_counts = new int[4]; }
                static int M(int i) => s_pool[i].State + s_table[i] + s_registry.Count + s_counts[i];
            }
            """,
        ["constant strings, literals and u8 literals"] = """
            using System;
            static class Code
            {
                const string Name = "keel";
                const string Banner = Name + " " + "v1";
                const string Line = $"{Banner}!";
                static int M(string text) => text.Length + text[0] + Banner.Length + Line.Length + nameof(Code).Length;
                static int N() { ReadOnlySpan<byte> bytes = "hello"u8; return bytes.Length; }
            }
            """,
        ["constant tables: arrays built at compile time, spans over constants, foreach over an array"] = """
            using System;
            enum Mode : byte { Off, Heat, Cool }
            static class Code
            {
                static readonly short[] s_curve = { -40, -20, 0, 10, 20, 25, 30, 40, 50, 60, 70, 85 };
                static ReadOnlySpan<byte> Table => new byte[] { 0x5A, 0xA5, 0x11 };
                static ReadOnlySpan<ushort> Words => new ushort[] { 0xBEEF, 0xCAFE };
                static ReadOnlySpan<Mode> Modes => [Mode.Heat, Mode.Cool];
                static int M()
                {
                    int sum = 0;
                    foreach (short v in s_curve)
                        sum += v;
                    ReadOnlySpan<int> local = [1, 2, 3];
                    return sum + Table[0] + Words[1] + (int)Modes[0] + local[2];
                }
            }
            """,
        ["interpolated strings into a handler"] = """
            using System;
            using System.Runtime.CompilerServices;
            [InterpolatedStringHandler]
            ref struct Handler
            {
                public Handler(int literalLength, int formattedCount) { }
                public void AppendLiteral(string text) { }
                public void AppendFormatted(int value, int alignment = 0, string format = null) { }
            }
            static class Console
            {
                public static void WriteLine(string text) { }
                public static void WriteLine(ref Handler text) { }
            }
            static class Code
            {
                static void M(int n, int m) { Console.WriteLine($"n = {n,4:X} and {m}"); Console.WriteLine($"constant"); }
            }
            """,
        ["float arithmetic"] = """
            static class Code
            {
                const float Scale = 0.25f;
                static float M(float x, int n) => x * Scale + n / 3f - 1e-3f;
                static int N(float x) => (int)(x * 100f);
            }
            """,
        ["function pointers, local functions, generics"] = """
            interface ICounter { int Next(); }
            struct Counter : ICounter { int _n; public int Next() => ++_n; }
            static unsafe class Code
            {
                static int Twice(int x) => 2 * x;
                static int Apply(delegate*<int, int> f, int x) => f(x);
                static int M(int k)
                {
                    int Add(int x) => x + k;
                    return Apply(&Twice, Add(1));
                }
                static int Next<T>(ref T counter) where T : struct, ICounter => counter.Next();
                static int N() { Counter c = default; return Next(ref c); }
            }
            """,
        ["pointers, fixed, ref locals, patterns and checked arithmetic"] = """
            enum Kind { None, Endpoint, Notification }
            class Node { public int Value; }
            static unsafe class Code
            {
                static int M(int[] values, Kind kind, Node node)
                {
                    fixed (int* p = values)
                        p[0] = 1;
                    ref int first = ref values[0];
                    first++;
                    int bonus = kind switch { Kind.Endpoint => 1, Kind.Notification => 2, _ => 0 };
                    if (node is { Value: > 0 })
                        bonus += node.Value;
                    return checked(first + bonus);
                }
            }
            """,
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void CompilesWithNoErrorAndNoDiagnostic(string name)
    {
        string source = Cases[name];

        Assert.Empty(Firmware.Compile(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(Firmware.Analyze(source));
    }
}
