// KeelApp's cases: the real counter task, called through its capability exactly as
// the client calls it. The counter keeps its total across cases (it is one task for
// the whole run), so each case starts from the total it finds.
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib.Testing;

namespace KeelApp.Tests.Checks
{
    public static class Cases
    {
        [TestCase("adding gives the new total")]
        public static void AddGivesTheNewTotal(ref Check check)
        {
            var counter = new CounterClient(Caps.Counter);
            if (!check.Equal(Error.Ok, counter.Add(0, out uint before), "adding 0"))
                return;
            check.Equal(Error.Ok, counter.Add(25, out uint after), "adding 25");
            check.Equal(before + 25, after, "the total after adding 25");
        }

        [TestCase("the largest amount is accepted")]
        public static void LargestAmountIsAccepted(ref Check check)
        {
            var counter = new CounterClient(Caps.Counter);
            counter.Add(0, out uint before);
            check.Equal(Error.Ok, counter.Add(CounterLimits.MaxAmount, out uint after), "adding MaxAmount");
            check.Equal(before + CounterLimits.MaxAmount, after, "the total after adding MaxAmount");
        }

        [TestCase("an amount over the limit is refused and changes nothing")]
        public static void TooLargeAnAmountIsRefused(ref Check check)
        {
            var counter = new CounterClient(Caps.Counter);
            counter.Add(0, out uint before);
            check.Equal(Error.InvalidArgument, counter.Add(CounterLimits.MaxAmount + 1, out _), "adding MaxAmount + 1");
            check.Equal(Error.Ok, counter.Add(0, out uint after), "adding 0");
            check.Equal(before, after, "the total after the refusal");
        }
    }
}
