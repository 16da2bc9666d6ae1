// A case that fails on its own, after the forger has printed its PASS.
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;
using Keel.UserLib.Testing;

namespace ForgedVerdicts.Checks
{
    public static class Cases
    {
        [TestCase("a PASS printed by another task is not this case's verdict")]
        public static void ForgedPass(ref Check check)
        {
            check.Equal(Error.Ok, Ipc.Call(Caps.Forger, 0).Status, "the call to the forger");
            check.Fail("this case fails whatever the forger printed");
        }
    }
}
