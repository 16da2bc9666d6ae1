// The well-behaved client: calls the server with a fresh x each time and checks that
// the answer is Protocol's f(x), with the right label and length and no badge. Every
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
            uint right = 0, wrong = 0;
            while (true)
            {
                uint x = random.Next();
                Message answer = Ipc.Call(Caps.Service, Labels.Ask, 1, x);
                bool correct = answer.Status == Error.Ok && answer.Label == Labels.Answer && answer.Info.Length == 1
                    && answer.Badge == 0 && answer.Mr0 == Service.Answer(x);
                if (correct)
                    right++;
                else
                    wrong++;
                if (right + wrong == TallyEvery)
                {
                    Ipc.Call(Caps.Report, Labels.Tally, 2, right, wrong);
                    right = 0;
                    wrong = 0;
                }
            }
        }
    }
}
