using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Keel.Kernel;
using Keel.UserLib.Testing;
using Xunit;
using Keel.Testing;

namespace Keel.Generators.Tests;

// The test API's semantics (userlib/Testing.cs), on the host against the fake console:
// what each assertion accepts and how it reports a failure, that the first failure is
// the case's reason while every one is counted and printed, skip against fail, and the
// whole suite protocol as the generated runner prints it for HostCases.cs, and which
// cases a selection written into the image (userlib/TestSelection.cs) runs.
public unsafe class CheckTests
{
    [Fact]
    public void HoldingChecksReturnTrueAndPrintNothing()
    {
        HostConsole.Take();
        Check check = default;
        Assert.True(check.Equal(5u, 5u, "x") && check.Equal(-1, -1, "x") && check.Equal(ulong.MaxValue, ulong.MaxValue, "x")
            && check.Equal(Error.Ok, Error.Ok, "x") && check.Equal("ab"u8, "ab"u8, "x") && check.NotEqual(1, 2, "x")
            && check.NotEqual(Error.Ok, Error.EmptySlot, "x") && check.True(true, "x") && check.False(false, "x"));
        Assert.False(check.Failed);
        Assert.False(check.Skipped);
        Assert.Equal("", HostConsole.Take());
    }

    public static TheoryData<string, string> Failures => new()
    {
        { "uint", "what: expected 5, got 6" },
        { "uint-large", "what: expected 65536 (0x00010000), got 1" },
        { "int", "what: expected -5, got 2147483647" },
        { "int-min", "what: expected -2147483648, got 0" },
        { "byte", "what: expected 200, got 7" },
        { "ulong", "what: expected 0x000000010x00000000, got 0x000000000x00000001" },
        { "status", "what: expected Ok, got EmptySlot" },
        { "bytes-differ", "what at index 2: expected 0x63, got 0x78" },
        { "bytes-length", "what: expected length 3, got 2" },
        { "not-equal", "what: expected anything but 4" },
        { "not-equal-status", "what: expected anything but WrongType" },
        { "true", "what: expected true, got false" },
        { "false", "what: expected false, got true" },
        { "fail", "what" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void AFailedCheckReturnsFalseAndPrintsItsLineMessageAndValues(string kind, string expected)
    {
        HostConsole.Take();
        Check check = default;
        int line = 0;
        bool held = kind switch
        {
            "uint" => check.Equal(5u, 6u, "what", line = Line()),
            "uint-large" => check.Equal(0x10000u, 1u, "what", line = Line()),
            "int" => check.Equal(-5, int.MaxValue, "what", line = Line()),
            "int-min" => check.Equal(int.MinValue, 0, "what", line = Line()),
            "byte" => check.Equal((byte)200, (byte)7, "what", line = Line()),
            "ulong" => check.Equal(1UL << 32, 1UL, "what", line = Line()),
            "status" => check.Equal(Error.Ok, Error.EmptySlot, "what", line = Line()),
            "bytes-differ" => check.Equal("abc"u8, "abx"u8, "what", line = Line()),
            "bytes-length" => check.Equal("abc"u8, "ab"u8, "what", line = Line()),
            "not-equal" => check.NotEqual(4u, 4u, "what", line = Line()),
            "not-equal-status" => check.NotEqual(Error.WrongType, Error.WrongType, "what", line = Line()),
            "true" => check.True(false, "what", line = Line()),
            "false" => check.False(true, "what", line = Line()),
            _ => check.Fail("what", line = Line()),
        };
        Assert.False(held);
        Assert.True(check.Failed);
        Assert.Equal(1, check.FailedChecks);
        Assert.Equal($"  line {line}: {expected}\n", HostConsole.Take());
    }

    private static int Line([CallerLineNumber] int line = 0) => line;

    [Fact]
    public void TheFirstFailureIsTheReasonAndEveryOneIsCounted()
    {
        HostConsole.Take();
        var run = new TestRun();
        run.Case("Three", "three failures", &ThreeFailures);
        string[] lines = HostConsole.Take().Split('\n');
        Assert.Equal("Starting test Three three failures", lines[0]);
        Assert.StartsWith("  line ", lines[1]);
        Assert.EndsWith(": first: expected 1, got 2", lines[1]);
        Assert.EndsWith(": second", lines[2]);
        Assert.EndsWith(": third: expected true, got false", lines[3]);
        Assert.Equal($"FAIL Three: {lines[1].Trim()} (and 2 more failed checks)", lines[4]);
        Assert.Equal(1u, run.Failed);
        Assert.Equal(0u, run.Passed);
        Assert.False(run.Close());
        Assert.Equal("0 passed, 1 failed\n", HostConsole.Take());
    }

    private static void ThreeFailures(ref Check check)
    {
        check.Equal(1u, 2u, "first");
        check.Fail("second");
        check.True(false, "third");
    }

    [Fact]
    public void ASkipIsReportedUnlessACheckFailed()
    {
        Check skipped = default;
        skipped.Skip("why");
        skipped.Skip("a second reason is ignored");
        Assert.True(skipped.Skipped);
        Assert.False(skipped.Failed);

        Check failedFirst = default;
        failedFirst.Fail("broken");
        failedFirst.Skip("why");
        Assert.True(failedFirst.Failed);
        Assert.False(failedFirst.Skipped);
        HostConsole.Take();
    }

    [Fact]
    public void TheGeneratedRunnerPrintsTheSuiteProtocolForEveryCase()
    {
        HostConsole.Take();
        Assert.False(TestCases.RunAll());
        Assert.Equal(5, TestCases.Count);
        string[] hostCases = File.ReadAllLines(Path.Combine(SourceFolder(), "HostCases.cs"));
        int LineOf(string text) => System.Array.FindIndex(hostCases, l => l.Contains(text)) + 1;
        int signed = LineOf("\"signed\""), status = LineOf("Error.Ok, Error.EmptySlot, \"status\""), wrong = LineOf("\"went wrong\"");
        Assert.Equal(
            $"""
            Starting test EveryCheckHolds every kind of check holds
            PASS EveryCheckHolds
            Starting test FirstFailureWins the first failure is the reason, and the case runs on
              line {signed}: signed: expected -5, got 7
            the case ran on
              line {status}: status: expected Ok, got EmptySlot
            FAIL FirstFailureWins: line {signed}: signed: expected -5, got 7 (and 1 more failed check)
            Starting test SkippedByAttribute skipped by its attribute
            SKIP SkippedByAttribute: not on the host
            Starting test SkippedAtRunTime SkippedAtRunTime
            SKIP SkippedAtRunTime: no peripheral here
            Starting test SkipThenFail a failure after a skip still fails
              line {wrong}: went wrong
            FAIL SkipThenFail: line {wrong}: went wrong
            1 passed, 2 failed, 2 skipped

            """.Replace("\r\n", "\n"),
            HostConsole.Take());
    }

    // Runs `test` with the selection block holding `patterns`, as the host writes it.
    private static void WithPatterns(string patterns, System.Action test)
    {
        byte* block = stackalloc byte[TestSelectionBlock.PatternCapacity];
        for (int i = 0; i < patterns.Length; i++)
            block[i] = (byte)patterns[i];
        TestSelection.ReadPatternsFrom(block);
        try
        {
            test();
        }
        finally
        {
            TestSelection.ReadPatternsFrom(HostSelection.Empty);
        }
    }

    [Theory]
    [InlineData("Skip*", new[] { "SkippedByAttribute", "SkippedAtRunTime", "SkipThenFail" })]
    [InlineData("everycheckholds|SKIPTHEN?AIL", new[] { "EveryCheckHolds", "SkipThenFail" })]
    [InlineData("*Holds|*Holds", new[] { "EveryCheckHolds" })]
    [InlineData("FirstFailure", new string[0])]
    [InlineData("Nothing*", new string[0])]
    [InlineData("", new[] { "EveryCheckHolds", "FirstFailureWins", "SkippedByAttribute", "SkippedAtRunTime", "SkipThenFail" })]
    public void TheSelectionInTheImageChoosesWhichCasesRun(string patterns, string[] run) => WithPatterns(patterns, () =>
    {
        HostConsole.Take();
        TestCases.RunAll();
        Assert.Equal(run, System.Text.RegularExpressions.Regex.Matches(HostConsole.Take(), "^Starting test (\\w+)", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value));
    });

    [Theory]
    [InlineData("IPC0003", "ipc*", true)]
    [InlineData("IPC0003", "IPC000?", true)]
    [InlineData("IPC0003", "IPC00?", false)]
    [InlineData("Adds", "x|adds|y", true)]
    [InlineData("Adds", "Add", false)]
    [InlineData("Adds", "*", true)]
    [InlineData("Adds", "", true)]
    [InlineData("AxBYbZC", "a*b*c", true)]
    [InlineData("aba", "*a", true)]
    [InlineData("abcb", "a*c", false)]
    [InlineData("abcb", "a*?b", true)]
    [InlineData("Adds", "**", true)]
    public void PatternsMatchWholeIdsIgnoringCase(string id, string patterns, bool selected) =>
        WithPatterns(patterns, () => Assert.Equal(selected, TestSelection.Selects(id)));

    // The block in the image (TestSelection.S) has the marker and size the host expects.
    [Fact]
    public void TheImagesBlockHasTheMarkerAndSizeTheHostLooksFor()
    {
        string assembly = File.ReadAllText(Path.Combine(SourceFolder(), "../../userlib/Arm/TestSelection.S"));
        Assert.Contains($".ascii \"{TestSelectionBlock.MarkerText}\"\nkeel_test_selection_patterns:\n    .space {TestSelectionBlock.PatternCapacity}\n", assembly);
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
