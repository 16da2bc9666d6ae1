// Test cases written as a user writes them (docs/testing.md), compiled into this host
// test project: the test-case generator, which runs here as in a firmware project,
// writes Keel.UserLib.Testing.TestCases.RunAll() for them, and CheckTests runs it
// against the fake console and reads the suite protocol it prints. Their outcomes are
// fixed on purpose: one passes, one fails twice, two skip, one fails after skipping.
using Keel.Kernel;
using Keel.UserLib.Testing;

namespace Keel.Generators.Tests
{
    public static class HostCases
    {
        [TestCase("every kind of check holds")]
        public static void EveryCheckHolds(ref Check check)
        {
            check.Equal(3u, 3u, "uint");
            check.Equal(-2, -2, "int");
            check.Equal((byte)7, (byte)7, "byte");
            check.Equal(1UL << 40, 1UL << 40, "ulong");
            check.Equal(-(1L << 40), -(1L << 40), "long");
            check.Equal(Error.EmptySlot, Error.EmptySlot, "status");
            check.Equal("abc"u8, "abc"u8, "bytes");
            check.NotEqual(1u, 2u, "different");
            check.True(true, "true");
            check.False(false, "false");
        }

        [TestCase("the first failure is the reason, and the case runs on", Id = "FirstFailureWins")]
        internal static void Failing(ref Check check)
        {
            check.Equal(-5, 7, "signed");
            Keel.UserLib.Console.WriteLine("the case ran on");
            check.Equal(Error.Ok, Error.EmptySlot, "status");
        }

        [TestCase("skipped by its attribute", Skip = "not on the host")]
        public static void SkippedByAttribute(ref Check check)
        {
            check.Fail("a skipped case ran");
        }

        [TestCase]
        public static void SkippedAtRunTime(ref Check check)
        {
            check.Skip("no peripheral here");
        }

        [TestCase("a failure after a skip still fails")]
        public static void SkipThenFail(ref Check check)
        {
            check.Skip("skipping");
            check.Fail("went wrong");
        }
    }
}
