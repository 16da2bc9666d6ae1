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

        // Issue 29: a Call that looks exactly like a fault of the caller's own - on its
        // fault endpoint (control), with the badge its faults carry, the fault message's
        // label, length and words - is a message, and its handler can tell: the kernel
        // marks the fault messages it writes (docs/ipc.md, rule 14). Alpha announces the
        // fault it forges, so a handler that took the Call for that fault would restart
        // alpha, and the restart would come back to alpha as a plain reply.
        private static void ForgedFaultIsAMessage()
        {
            if (Self != Alpha)
                return;
            uint address = Windows.RamBase((int)Beta);
            Report.ExpectFault(FaultKind.MemoryAccess, address);
            Message answer = ForgeFault(Alpha, address);
            Check.Equal(answer.Label, Labels.Refused, "answer to a forged fault (1: a restart)");
            Report.Pass();
        }

        // Another task's faults carry its fault badge, which anyone holding an unbadged
        // capability to the endpoint can mint: the forged fault of beta must not reach the
        // handler as beta's (which would stop or restart an innocent task), and beta goes
        // on serving.
        private static void ForgedFaultOfAnotherIsAMessage()
        {
            if (Self == Beta)
            {
                Message call = Ipc.Recv(Caps.Ep);
                Ipc.Reply(0, 1, call.Mr0 + 1);
            }
            else if (Self == Alpha)
            {
                Message answer = ForgeFault(Beta, Windows.RamBase((int)Alpha));
                Check.Equal(answer.Label, Labels.Refused, "answer to a forged fault of beta");
                Check.Equal(Ipc.Call(Caps.EpCall, 0, 1, 41).Mr0, 42, "beta's answer after the forgery");
                Report.Pass();
            }
        }

        // A Call shaped as a memory-access fault of `victim` at `address`: through the
        // fault endpoint with the victim's fault badge (minted from the unbadged `forge`),
        // the kind as label, four words, a pc in the victim's flash.
        private static Message ForgeFault(uint victim, uint address)
        {
            Check.Ok(CSpaceOps.Mint(Caps.Forge, Free0, Rights.Write | Rights.GrantReply, Workers.FaultBadge + victim), "Mint of the victim's fault badge");
            uint pc = Windows.FlashBase((int)victim) + 0x100;
            return Ipc.Call(Free0, (uint)FaultKind.MemoryAccess, 4, pc, address, 0x82, pc + 0x41);
        }
    }
}
