// The well-behaved client: calls the server with a fresh x each time and checks that
// the answer is Protocol's f(x), with the right label and length and no badge. It makes
// each call with a fresh pattern in its FP registers (Trap.KeepingFp) and counts the
// calls after which they had changed: it shares the hostile tasks' priority, so the
// kernel switches between it and them, and their FP state, all the time. Every
// TallyEvery calls it reports its tally to the checker and starts a new one.
using System.Runtime.InteropServices;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Fuzz
{
    public static class Client
    {
        private const uint TallyEvery = 32;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var random = new Xorshift(0xC11E47u);
            uint right = 0, wrong = 0, fpCrossings = 0;
            while (true)
            {
                uint x = random.Next();
                ThreadRegisters call = default;
                call.R11 = (uint)SyscallNumber.Call;
                call.R4 = Caps.Service;
                call.Info = MessageInfo.Create(Labels.Ask, 1, 0);
                call.R7 = x;
                if (Trap.KeepingFp(ref call, random.Next()) != 0)
                    fpCrossings++;
                bool correct = call.Status == Error.Ok && call.Info.Label == Labels.Answer && call.Info.Length == 1
                    && call.R6 == 0 && call.R7 == Service.Answer(x);
                if (correct)
                    right++;
                else
                    wrong++;
                if (right + wrong == TallyEvery)
                {
                    Ipc.Call(Caps.Report, Labels.Tally, 3, right, wrong, fpCrossings);
                    right = 0;
                    wrong = 0;
                    fpCrossings = 0;
                }
            }
        }
    }
}
