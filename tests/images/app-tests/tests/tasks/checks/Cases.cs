// The cases of app-tests: integration tests of the adder task through IPC, a unit
// test of the shared arithmetic, and, for the test API's own test
// (tests/Keel.Firmware.Tests/AppTestApplicationTests.cs), a deliberately failing case
// and two skipped ones.
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib.Testing;

namespace AppTests.Checks
{
    public static class Cases
    {
        [TestCase("the adder adds two numbers")]
        public static void AddsTwoNumbers(ref Check check)
        {
            Error status = new AdderClient(Caps.Adder).Add(2, 3, out uint sum);
            check.Equal(Error.Ok, status, "Add's status");
            check.Equal(5u, sum, "2 + 3");
        }

        [TestCase("the adder holds at the top instead of wrapping")]
        public static void AddSaturates(ref Check check)
        {
            if (!check.Equal(Error.Ok, new AdderClient(Caps.Adder).Add(uint.MaxValue - 1, 5, out uint sum), "Add's status"))
                return;
            check.Equal(uint.MaxValue, sum, "max - 1 + 5");
        }

        [TestCase("a division by zero is refused")]
        public static void DivideByZeroIsRefused(ref Check check)
        {
            check.Equal(Error.InvalidArgument, new AdderClient(Caps.Adder).Divide(7, 0, out _), "7 / 0");
        }

        [TestCase("the shared arithmetic, without IPC", Id = "Shared_SaturatingAdd")]
        public static void SharedArithmetic(ref Check check)
        {
            check.Equal(7u, Arithmetic.SaturatingAdd(3, 4), "3 + 4");
            check.Equal(uint.MaxValue, Arithmetic.SaturatingAdd(uint.MaxValue, 1), "max + 1");
            check.True(Arithmetic.SaturatingAdd(0, 0) == 0, "0 + 0 is 0");
        }

        // Fails on purpose: the test API's own test checks that a failure is reported
        // with its line, its message and both values, and that the case ran on.
        [TestCase("deliberately wrong: 2 + 2 is not 5")]
        public static void DeliberatelyFailing(ref Check check)
        {
            new AdderClient(Caps.Adder).Add(2, 2, out uint sum);
            check.Equal(5u, sum, "2 + 2");
            check.Equal(Error.Ok, new AdderClient(Caps.Adder).Divide(1, 0, out _), "1 / 0");
            check.True(sum == 4, "the case runs on after a failure");
        }

        [TestCase("skipped by its attribute", Skip = "the adder has no multiplication yet")]
        public static void Multiplies(ref Check check)
        {
            check.Fail("a skipped case must not run");
        }

        [TestCase("skipped at run time")]
        public static void NeedsAPeripheral(ref Check check)
        {
            check.Skip("this board has no second UART");
        }
    }
}
