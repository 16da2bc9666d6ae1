using Microsoft.CodeAnalysis;

namespace Keel.Analyzers.Tests;

// The .NET types a developer reaches for that firmware does not have
// (corelib/System/Missing, docs/csharp.md "Where a type is missing"): each use, of the
// type or of a member called on it, is an error with its KEEL11xx code at its line,
// from the compiler itself (an [Obsolete(error: true)] with a DiagnosticId), and the
// compiler reports nothing else: no CS0246 "type not found", no CS1061 "no member".
// Every error of the compilation is compared, the analyzer's included.
public class MissingTypeTests
{
    public static readonly Dictionary<string, string> Cases = new()
    {
        ["KEEL1101 collections"] = """
            using System.Collections.Generic;
            static class Code
            {
                static int M()
                {
                    var list = new List<int>(); // KEEL1101
                    list.Add(1); // KEEL1101
                    int first = list[0] + list.Count; // KEEL1101 KEEL1101
                    foreach (int v in list) first += v; // KEEL1101
                    var map = new Dictionary<int, string>(); // KEEL1101
                    if (map.TryGetValue(1, out string name)) first += name.Length; // KEEL1101
                    var set = new HashSet<uint>(); // KEEL1101
                    set.Add(2); // KEEL1101
                    var queue = new Queue<byte>(); // KEEL1101
                    queue.Enqueue(3); // KEEL1101
                    var stack = new Stack<int>(); // KEEL1101
                    stack.Push(4); // KEEL1101
                    return first;
                }
                static int Sum(List<int> values) => 0; // KEEL1101
            }
            """,
        ["KEEL1102 exceptions"] = """
            using System;
            static class Code
            {
                static void M(int x)
                {
                    if (x < 0) throw new ArgumentOutOfRangeException("x"); // KEEL1010 KEEL1102
                    try { M(x - 1); } // KEEL1011
                    catch (InvalidOperationException e) { M(e.Message.Length); } // KEEL1102 KEEL1102
                }
                static Exception Make() => null; // KEEL1102
            }
            """,
        ["KEEL1103 StringBuilder"] = """
            using System.Text;
            static class Code
            {
                static string M(int n)
                {
                    var text = new StringBuilder(); // KEEL1103
                    text.Append("n = ").Append(n).AppendLine(); // KEEL1103 KEEL1103 KEEL1103
                    return text.ToString(); // KEEL1103
                }
            }
            """,
        ["KEEL1104 threads and tasks"] = """
            using System.Threading;
            using System.Threading.Tasks;
            static class Code
            {
                static void M()
                {
                    Thread.Sleep(10); // KEEL1104 KEEL1104
                    Task.Delay(10).Wait(); // KEEL1104 KEEL1104 KEEL1104
                }
                static Task<int> N() => null; // KEEL1104
            }
            """,
        ["KEEL1105 KEEL1106 clocks and random numbers"] = """
            using System;
            using System.Diagnostics;
            static class Code
            {
                static long M()
                {
                    var watch = Stopwatch.StartNew(); // KEEL1105 KEEL1105
                    DateTime now = DateTime.UtcNow; // KEEL1105 KEEL1105 KEEL1105
                    var random = new Random(42); // KEEL1106
                    return watch.ElapsedMilliseconds + random.Next(10); // KEEL1105 KEEL1106
                }
            }
            """,
        ["KEEL1107 ToString"] = """
            enum Mode { Off, Heat }
            record struct Sample(int Channel, Mode Mode);
            static class Code
            {
                static int M(int n, Mode mode, Sample sample)
                {
                    string digits = n.ToString(); // KEEL1107
                    string name = mode.ToString(); // KEEL1107
                    return digits.Length + name.Length + sample.ToString().Length; // KEEL1107
                }
            }
            """,
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void EachUseIsAKeelErrorAtItsLineAndTheOnlyError(string name)
    {
        string source = Cases[name];

        var compiler = Firmware.Compile(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
        var actual = compiler.Concat(Firmware.Analyze(source))
            .Select(d => $"{d.Id} at line {d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(string.Join("\n", RefusedTests.Expected(source).Order(StringComparer.Ordinal)), string.Join("\n", actual));
    }

    [Fact]
    public void TheMessageSaysWhatToWriteInstead()
    {
        Diagnostic list = Firmware.Compile("static class C { static object M() => new System.Collections.Generic.List<int>(); }")
            .GetDiagnostics().Single(d => d.Severity == DiagnosticSeverity.Error);

        Assert.Equal("KEEL1101", list.Id);
        Assert.Equal("'List<int>' is obsolete: 'List<T> grows on a heap, and firmware has no heap: use a fixed-capacity collection from Keel.UserLib.Collections over an inline array, FixedList<T, Items16<T>> (or a Span<T> with a count)'", list.GetMessage());
    }
}
