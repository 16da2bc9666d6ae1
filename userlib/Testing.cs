// The test API for a user's own tasks (docs/testing.md): test cases written beside the
// tasks, run on the target by a test task, reported with the on-target suite's console
// protocol (tests/Keel.Emulation/SuiteReport.cs reads it), so `keel test` gives one
// result per case.
//
// A case is a method `static void Name(ref Check check)` marked [TestCase]. Keel's
// test-case generator (analyzers/Keel.Generators/TestCaseGenerator.cs) finds every case
// in the project at build time and writes Keel.UserLib.Testing.TestCases.RunAll(),
// which hands every case, one after another, to TestRun below; TestRun runs those the
// run's selection takes (TestSelection.cs: chosen at boot, not at build).
//
// Target code has no exceptions to unwind a failed assertion, so a Check records
// instead: each assertion returns whether it held, prints a failed one at once (the
// case's transcript), and the first failure, with its line, message, expected and
// actual value, becomes the case's FAIL reason. The case runs on; a case that cannot
// go on after a failure returns early (`if (!check.Equal(...)) return;`). Nothing here
// allocates or builds a string: the messages are the caller's literals and numbers are
// printed digit by digit (Console.WriteDecimal). The file compiles on the host too
// (tests/Keel.Generators.Tests, against a fake Console), which is how its semantics
// are tested.
using System;
using System.Runtime.CompilerServices;
using Keel.Kernel;

namespace Keel.UserLib.Testing
{
    // Marks a test case: `static void Name(ref Check check)`, not private, in a
    // non-generic type. `name` says what it checks (the case's title in reports); the
    // case's id is the method's name unless Id gives another (letters, digits and '_',
    // starting with a letter; unique in the project). Skip, when set, says why the case
    // is not run: it is reported skipped with that reason.
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class TestCaseAttribute : Attribute
    {
        public TestCaseAttribute() { }

        public TestCaseAttribute(string name) { }

        // Empty when not given. (The generator reads them from the attribute's syntax;
        // no code ever makes one of these at run time.)
        public string Id { get; set; } = "";

        public string Skip { get; set; } = "";
    }

    // How the first failure's values are printed.
    internal enum ValueKind : byte
    {
        None,
        Unsigned,
        Signed,
        Wide,
        Status,
        Boolean,
        Byte,
    }

    // One case's assertions. Each returns true when it held; a failed one is printed at
    // once ("  line 12: what: expected 5, got 6") and counted, and the first is kept for
    // the case's verdict.
    public struct Check
    {
        private int _failedChecks;
        private bool _skipped;
        private string _message;
        private int _line;
        private ValueKind _kind;
        private bool _negated;
        private ulong _expected;
        private ulong _actual;
        private int _index;

        public bool Failed => _failedChecks > 0;

        // Skip was called and nothing failed: the case is reported skipped.
        public bool Skipped => _skipped && _failedChecks == 0;

        public int FailedChecks => _failedChecks;

        public bool Equal(uint expected, uint actual, string what, [CallerLineNumber] int line = 0) =>
            expected == actual || Record(ValueKind.Unsigned, false, expected, actual, -1, what, line);

        public bool Equal(int expected, int actual, string what, [CallerLineNumber] int line = 0) =>
            expected == actual || Record(ValueKind.Signed, false, (ulong)(long)expected, (ulong)(long)actual, -1, what, line);

        public bool Equal(ulong expected, ulong actual, string what, [CallerLineNumber] int line = 0) =>
            expected == actual || Record(ValueKind.Wide, false, expected, actual, -1, what, line);

        public bool Equal(long expected, long actual, string what, [CallerLineNumber] int line = 0) =>
            expected == actual || Record(ValueKind.Wide, false, (ulong)expected, (ulong)actual, -1, what, line);

        public bool Equal(Error expected, Error actual, string what, [CallerLineNumber] int line = 0) =>
            expected == actual || Record(ValueKind.Status, false, (uint)expected, (uint)actual, -1, what, line);

        // Byte by byte: a difference in length or at an index fails with that index.
        public bool Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string what, [CallerLineNumber] int line = 0)
        {
            int common = expected.Length < actual.Length ? expected.Length : actual.Length;
            for (int i = 0; i < common; i++)
            {
                if (expected[i] != actual[i])
                    return Record(ValueKind.Byte, false, expected[i], actual[i], i, what, line);
            }
            return expected.Length == actual.Length
                || Record(ValueKind.Unsigned, false, (uint)expected.Length, (uint)actual.Length, -2, what, line);
        }

        public bool NotEqual(uint unexpected, uint actual, string what, [CallerLineNumber] int line = 0) =>
            unexpected != actual || Record(ValueKind.Unsigned, true, unexpected, actual, -1, what, line);

        public bool NotEqual(int unexpected, int actual, string what, [CallerLineNumber] int line = 0) =>
            unexpected != actual || Record(ValueKind.Signed, true, (ulong)(long)unexpected, (ulong)(long)actual, -1, what, line);

        public bool NotEqual(Error unexpected, Error actual, string what, [CallerLineNumber] int line = 0) =>
            unexpected != actual || Record(ValueKind.Status, true, (uint)unexpected, (uint)actual, -1, what, line);

        public bool True(bool condition, string what, [CallerLineNumber] int line = 0) =>
            condition || Record(ValueKind.Boolean, false, 1, 0, -1, what, line);

        public bool False(bool condition, string what, [CallerLineNumber] int line = 0) =>
            !condition || Record(ValueKind.Boolean, false, 0, 1, -1, what, line);

        // A failure with no values: a path the case should never reach.
        public bool Fail(string what, [CallerLineNumber] int line = 0) => Record(ValueKind.None, false, 0, 0, -1, what, line);

        // The case cannot run here (a peripheral the board lacks, an emulator that does
        // not model it): it is reported skipped with `why`, unless a check failed. The
        // case returns after it; later checks still count.
        public void Skip(string why)
        {
            if (_skipped)
                return;
            _skipped = true;
            if (_failedChecks == 0)
                _message = why;
        }

        private bool Record(ValueKind kind, bool negated, ulong expected, ulong actual, int index, string what, int line)
        {
            if (_failedChecks == 0)
            {
                _kind = kind;
                _negated = negated;
                _expected = expected;
                _actual = actual;
                _index = index;
                _message = what;
                _line = line;
            }
            _failedChecks++;
            Console.Write("  ");
            WriteFailure(kind, negated, expected, actual, index, what, line);
            Console.WriteLine();
            return false;
        }

        // The verdict's reason: the first failure (and how many more), or why it skipped.
        internal void WriteReason()
        {
            if (_failedChecks == 0)
            {
                Console.Write(_message);
                return;
            }
            WriteFailure(_kind, _negated, _expected, _actual, _index, _message, _line);
            if (_failedChecks > 1)
            {
                Console.Write(" (and ");
                Console.WriteDecimal((uint)(_failedChecks - 1));
                Console.Write(_failedChecks == 2 ? " more failed check)" : " more failed checks)");
            }
        }

        // "line 12: what: expected 5, got 6"; for bytes "... at index 3: expected 0x41, got 0x42",
        // for lengths "...: expected length 4, got 3", for NotEqual "expected anything but 5".
        private static void WriteFailure(ValueKind kind, bool negated, ulong expected, ulong actual, int index, string what, int line)
        {
            Console.Write("line ");
            Console.WriteDecimal((uint)line);
            Console.Write(": ");
            Console.Write(what);
            if (kind == ValueKind.None)
                return;
            if (index >= 0)
            {
                Console.Write(" at index ");
                Console.WriteDecimal((uint)index);
            }
            Console.Write(negated ? ": expected anything but " : index == -2 ? ": expected length " : ": expected ");
            WriteValue(kind, expected);
            if (negated)
                return;
            Console.Write(", got ");
            WriteValue(kind, actual);
        }

        private static void WriteValue(ValueKind kind, ulong value)
        {
            switch (kind)
            {
                case ValueKind.Signed:
                    if ((long)value < 0)
                    {
                        Console.Write('-');
                        Console.WriteDecimal(0u - (uint)value);
                    }
                    else
                    {
                        Console.WriteDecimal((uint)value);
                    }
                    break;
                case ValueKind.Wide:
                    // No 64-bit division on the target's runtime: 64-bit values in hex.
                    Console.WriteHex((uint)(value >> 32));
                    Console.WriteHex((uint)value);
                    break;
                case ValueKind.Status:
                    Console.Write((Error)(uint)value);
                    break;
                case ValueKind.Boolean:
                    Console.Write(value != 0 ? "true" : "false");
                    break;
                case ValueKind.Byte:
                    WriteByteHex((byte)value);
                    break;
                default:
                    Console.WriteDecimal((uint)value);
                    // Addresses and masks read better in hex as well.
                    if (value > 0xFFFF)
                    {
                        Console.Write(" (");
                        Console.WriteHex((uint)value);
                        Console.Write(')');
                    }
                    break;
            }
        }

        private static void WriteByteHex(byte value)
        {
            Console.Write("0x");
            Console.Write(HexDigit(value >> 4));
            Console.Write(HexDigit(value & 0xF));
        }

        private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }

    // The runner the generated TestCases.RunAll drives: the protocol's lines and the
    // counts for the closing line.
    //
    //   Starting test <id> <name>
    //   ... what the case printed, and each failed check ...
    //   PASS <id>  |  FAIL <id>: <first failure>  |  SKIP <id>: <why>
    //   ...
    //   N passed, N failed[, N skipped]
    public struct TestRun
    {
        private uint _passed;
        private uint _failed;
        private uint _skipped;

        public uint Passed => _passed;

        public uint Failed => _failed;

        public uint Skipped => _skipped;

        // Runs one case. The case is called through a function pointer, so the runner's
        // frame holds one Check however many cases a project has (a call per case
        // written out inline would give each its own copy on the test task's stack); for
        // the same reason it is never inlined into the runner.
        [MethodImpl(MethodImplOptions.NoInlining)]
        public unsafe void Case(string id, string name, delegate*<ref Check, void> body)
        {
            if (!TestSelection.Selects(id))
                return;
            Check check = default;
            Start(id, name);
            body(ref check);
            Finish(id, ref check);
        }

        // A case its attribute skips: started and skipped without running.
        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Skip(string id, string name, string why)
        {
            if (!TestSelection.Selects(id))
                return;
            Check check = default;
            Start(id, name);
            check.Skip(why);
            Finish(id, ref check);
        }

        private static void Start(string id, string name)
        {
            Console.Write("Starting test ");
            Console.Write(id);
            Console.Write(' ');
            Console.WriteLine(name);
        }

        private void Finish(string id, ref Check check)
        {
            if (check.Failed)
            {
                _failed++;
                Console.Write("FAIL ");
            }
            else if (check.Skipped)
            {
                _skipped++;
                Console.Write("SKIP ");
            }
            else
            {
                _passed++;
                Console.Write("PASS ");
                Console.WriteLine(id);
                return;
            }
            Console.Write(id);
            Console.Write(": ");
            check.WriteReason();
            Console.WriteLine();
        }

        // The closing line; true when no case failed.
        public bool Close()
        {
            Console.WriteDecimal(_passed);
            Console.Write(" passed, ");
            Console.WriteDecimal(_failed);
            Console.Write(" failed");
            if (_skipped > 0)
            {
                Console.Write(", ");
                Console.WriteDecimal(_skipped);
                Console.Write(" skipped");
            }
            Console.WriteLine();
            return _failed == 0;
        }
    }
}
