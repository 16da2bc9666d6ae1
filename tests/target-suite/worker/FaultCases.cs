// Fault survival: each way a task can fault reaches its fault handler (the driver) as
// the right kind, at the right address where there is one, and the task is restarted.
// Each case faults at step 0 and passes at step 1, after the driver's restart
// (FaultOnce).
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Suite
{
    public static unsafe partial class Cases
    {
        // Room for one Thumb instruction in RAM (which is never executable).
        private static uint s_ramCode;

        // Alpha takes the fault `fault` announces and makes at step 0 (a `fault` that
        // returns fails the case), and passes at step 1, once the driver has restarted
        // it after the fault it expected.
        private static void FaultOnce(uint step, delegate*<void> fault)
        {
            if (Self != Alpha)
                return;
            if (step == 0)
                fault();
            Report.Pass();
        }

        private static void ExecuteFromRam()
        {
            fixed (uint* code = &s_ramCode)
            {
                *code = 0x47704770; // bx lr; bx lr
                Report.ExpectFault(FaultKind.MemoryAccess, (uint)code);
                Probes.Execute((uint)code);
            }
            Report.Fail("code in RAM ran");
        }

        private static void UnalignedAccess()
        {
            fixed (uint* word = &s_ramCode)
            {
                Report.ExpectFault(FaultKind.UnalignedAccess, 0);
                Probes.LoadPair((uint)word + 2);
            }
            Report.Fail("an unaligned LDRD did not fault");
        }

        private static void UndefinedInstruction()
        {
            Report.ExpectFault(FaultKind.UndefinedInstruction, 0);
            Probes.Undefined();
            Report.Fail("an undefined instruction did not fault");
        }

        private static void DivideByZero()
        {
            Report.ExpectFault(FaultKind.DivideByZero, 0);
            Probes.Divide(7, 0);
            Report.Fail("a division by zero did not fault");
        }

        // The stack lies at the bottom of the task's RAM window: recursing past it
        // leaves every region the task has, and the fault reports where the stack
        // pointer had got to, below the window.
        private static void StackOverflow()
        {
            uint ramBase = Windows.RamBase(Layout.SelfIndex);
            Report.ExpectFault(FaultKind.StackOverflow, ramBase - Windows.StackSize(Layout.SelfIndex), ramBase - 1);
            Report.Fail("unbounded recursion returned", Recurse(0), 0);
        }

        private static uint Recurse(uint depth)
        {
            uint* frame = stackalloc uint[16];
            frame[depth % 16] = depth;
            return Recurse(depth + 1) + frame[depth % 16];
        }

        // Gamma faults again every time the driver restarts it; delta, at the same
        // priority, goes on calling alpha and checking every answer.
        private static void FaultLoopLeavesOthersRunning()
        {
            const uint calls = 100;
            if (Self == Alpha)
            {
                Message call = Ipc.Recv(Caps.Ep);
                while (true)
                    call = Ipc.ReplyRecv(Caps.Ep, 0, 1, call.Mr0 * 2);
            }
            else if (Self == Gamma)
            {
                Report.ExpectFault(FaultKind.UndefinedInstruction, 0);
                Probes.Undefined();
            }
            else if (Self == Delta)
            {
                for (uint i = 1; i <= calls; i++)
                {
                    Message reply = Ipc.Call(Caps.EpCall, 0, 1, i);
                    Check.Equal(reply.Mr0, 2 * i, "an answer while a neighbour faults");
                    if (i % 10 == 0)
                        Ipc.Yield();
                }
                Report.Pass();
            }
        }
    }
}
