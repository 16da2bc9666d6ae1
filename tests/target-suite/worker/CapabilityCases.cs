// Taking capabilities back (docs/ipc.md rules 17-19): Revoke reaches what was derived in
// other CSpaces and ends what was blocked through it, CancelBadgedSends ends the sends
// queued with one badge, and when no capability to an endpoint or notification is left,
// nobody stays waiting on it.
//
// Each relies on the workers' priority order (Cases.cs): alpha acts, and waits while the
// others block, until delta, which runs last, says they all have (OthersBlocked); then
// alpha takes the capabilities back, and the others, woken, check what they got and
// tell alpha on the log endpoint.
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Suite
{
    public static partial class Cases
    {
        // Alpha mints a badged capability from its unbadged ep and sends it to beta, which
        // copies it (a capability derived from a derived one) and Calls through the copy:
        // nobody receives, so the Call waits. Alpha's Revoke of what it minted deletes both
        // of beta's, and beta's Call ends with Revoked.
        private static void RevokeReachesEveryCSpace()
        {
            if (Self == Alpha)
            {
                Check.Ok(CSpaceOps.Mint(Caps.Ep, Free0, Rights.Write | Rights.GrantReply, 0x77), "Mint");
                Task.AttachCap(Free0);
                Check.Ok(Ipc.Send(Caps.EpGrant, 1, 0, extraCaps: 1), "Send with the minted cap");
                WaitUntilOthersBlocked();
                Check.Ok(CSpaceOps.Revoke(Free0), "Revoke");
                Check.Slot(Free0, CapType.Endpoint, Rights.Write | Rights.GrantReply, "the revoked cap itself");
            }
            else if (Self == Beta)
            {
                Task.ReceiveCapInto(Free0);
                Check.Equal((uint)Ipc.Recv(Caps.Ep).Info.ExtraCaps, 1, "caps that arrived");
                Check.Ok(CSpaceOps.Copy(Free0, Free1), "Copy of the received cap");
                Check.Status(Ipc.Call(Free1, 2).Status, Error.Revoked, "the Call through the revoked copy");
                Check.Slot(Free0, CapType.Null, Rights.None, "the received cap after Revoke");
                Check.Slot(Free1, CapType.Null, Rights.None, "its copy after Revoke");
                Report.Pass();
            }
            else if (Self == Delta)
            {
                OthersBlocked();
            }
        }

        // Beta and gamma send through their badged ep-send caps (badges 2 and 3) and wait
        // queued; alpha cancels badge 2 through its unbadged ep, then receives gamma's
        // message, which is still queued, and beta's word that its Send was cancelled.
        private static void CancelBadgedSends()
        {
            if (Self == Alpha)
            {
                WaitUntilOthersBlocked();
                Check.Ok(Ipc.CancelBadgedSends(Caps.Ep, EndpointBadge(Beta)), "CancelBadgedSends");
                Check.Received(Ipc.Recv(Caps.Ep), Gamma, 0, EndpointBadge(Gamma), "the message left queued");
                ExpectLog(Beta, Gamma);
                Report.Pass();
            }
            else if (Self == Beta)
            {
                Check.Status(Ipc.Send(Caps.EpSend, Beta), Error.Cancelled, "the cancelled Send");
                Ipc.Send(Caps.Log, Beta);
            }
            else if (Self == Gamma)
            {
                Check.Ok(Ipc.Send(Caps.EpSend, Gamma), "the Send left queued");
                Ipc.Send(Caps.Log, Gamma);
            }
            else if (Self == Delta)
            {
                OthersBlocked();
            }
        }

        // A revocation longer than one batch (kernel/Lifecycle.cs: RevokeBatch, 16): the
        // kernel stops after each batch and the port moves alpha's pc back onto its SVC,
        // so alpha issues the same Revoke again until it returns, once, with every copy
        // gone and nothing but its status written (docs/ipc.md rule 18).
        private static void LongRevokeIsRepeated()
        {
            const uint copies = 18;
            if (Self != Alpha)
                return;
            Check.Ok(CSpaceOps.Copy(Caps.Ep, Free0), "Copy of ep");
            for (uint i = 1; i <= copies; i++)
                Check.Ok(CSpaceOps.Copy(Free0, Free0 + i), "Copy of the copy");
            const uint mr0 = 0x5A5A;
            ThreadRegisters results = Syscall.Invoke(SyscallNumber.Revoke, Free0, 0, 0, mr0);
            Check.Ok(results.Status, "Revoke");
            Check.Equal(results.R7, mr0, "MR0 after Revoke (it writes only its status)");
            for (uint i = 1; i <= copies; i++)
                Check.Slot(Free0 + i, CapType.Null, Rights.None, "a copy after Revoke");
            Check.Ok(CSpaceOps.Delete(Free0), "Delete of the revoked copy");
            Report.Pass();
        }

        // A Revoke the port cannot repeat (its SVC inside an IT block, whose state the
        // stacked xPSR has already advanced) must have one outcome whatever the number of
        // copies: the port faulted it only when a second batch was needed, and how many
        // copies there are is about other CSpaces (rule 2, issue 29) - a sender that made
        // 16 copies of its own learnt from surviving whether a receiver took the 17th.
        // Step 0 revokes 1 copy, step 1 18 copies; both must fault as a bad system call.
        private static unsafe void UnrepeatableRevokeLeaksNoCount(uint step)
        {
            if (Self != Alpha)
                return;
            if (step < 2)
            {
                uint copies = step == 0 ? 1u : 18u;
                Check.Ok(CSpaceOps.Copy(Caps.Ep, Free0), "Copy of ep");
                for (uint i = 1; i <= copies; i++)
                    Check.Ok(CSpaceOps.Copy(Free0, Free0 + i), "Copy of the copy");
                Report.ExpectFault(FaultKind.BadSyscall, (uint)SyscallNumber.Revoke);
                ThreadRegisters call = default;
                call.R4 = Free0;
                call.R11 = (uint)SyscallNumber.Revoke;
                Probes.TrapInItBlock(&call);
                Report.Fail(step == 0 ? "Revoke of 1 copy in an IT block returned (18 fault)" : "Revoke of 18 copies in an IT block returned");
                return;
            }
            Report.Pass();
        }

        // Alpha alone holds its spare endpoint and notification. It sends beta a copy of
        // the one and gamma a copy of the other; beta receives on the endpoint and gamma
        // waits on the notification, both through their copy. Alpha then revokes the
        // copies and deletes its own: no capability to either object is left, and both
        // waiters wake with Revoked.
        private static void NoCapabilityLeftWakesWaiters()
        {
            if (Self == Alpha)
            {
                SendCopy(Caps.Spare);
                SendCopy(Caps.SpareNote);
                WaitUntilOthersBlocked();
                Check.Ok(CSpaceOps.Revoke(Caps.Spare), "Revoke of the endpoint copies");
                Check.Ok(CSpaceOps.Revoke(Caps.SpareNote), "Revoke of the notification copies");
                Check.Ok(CSpaceOps.Delete(Caps.Spare), "Delete of the last endpoint cap");
                Check.Ok(CSpaceOps.Delete(Caps.SpareNote), "Delete of the last notification cap");
                ExpectLog(Beta, Gamma);
                Report.Pass();
            }
            else if (Self == Beta)
            {
                Task.ReceiveCapInto(Free0);
                Ipc.Recv(Caps.Ep);
                Check.Status(Ipc.Recv(Free0).Status, Error.Revoked, "the Recv on the endpoint");
                Ipc.Send(Caps.Log, Beta);
            }
            else if (Self == Gamma)
            {
                Task.ReceiveCapInto(Free0);
                Ipc.Recv(Caps.Ep);
                Notifications.Wait(Free0, out Error status);
                Check.Status(status, Error.Revoked, "the Wait on the notification");
                Ipc.Send(Caps.Log, Gamma);
            }
            else if (Self == Delta)
            {
                OthersBlocked();
            }
        }

        // Alpha waits until delta says every other worker has done its part and blocked.
        // (Not a tick: under a loaded emulator a tick can come before they have.)
        private static void WaitUntilOthersBlocked()
        {
            uint word = Notifications.Wait(Caps.Note, out Error status);
            Check.Ok(status, "Wait for delta's word");
            Check.Equal(word, SignalBadge(Delta), "delta's word");
        }

        // Delta, of the lowest priority and after gamma, runs only once alpha, beta and
        // gamma are all blocked: it tells alpha so.
        private static void OthersBlocked() => Check.Ok(Notifications.Signal(Caps.NoteSignal), "Signal to alpha");

        // A copy of the capability in `slot`, sent (with ep-grant) to whichever worker
        // receives on ep next.
        private static void SendCopy(uint slot)
        {
            Check.Ok(CSpaceOps.Copy(slot, Free0), "Copy");
            Task.AttachCap(Free0);
            Check.Ok(Ipc.Send(Caps.EpGrant, 1, 0, extraCaps: 1), "Send with the copy");
            Check.Ok(CSpaceOps.Delete(Free0), "Delete of the copy sent");
        }
    }
}
