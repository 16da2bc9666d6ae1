// The IPC and notification cases (docs/ipc.md's rules as seen from tasks on the chip),
// and the dispatch from a case number to its method.
//
// Workers run in priority order: when the driver lets them go, alpha (priority 2)
// runs until it blocks, then beta (3), then gamma and delta (4, in that order). Each
// case relies on that order to set up a situation (a receiver already waiting, a
// sender already queued), and its comment tells the story.
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Suite
{
    public static unsafe partial class Cases
    {
        private const uint Alpha = 1;
        private const uint Beta = 2;
        private const uint Gamma = 3;
        private const uint Delta = 4;

        private const uint Free0 = Caps.FirstFreeSlot;
        private const uint Free1 = Caps.FirstFreeSlot + 1;
        private const uint Free2 = Caps.FirstFreeSlot + 2;
        private const uint Free3 = Caps.FirstFreeSlot + 3;

        private static uint Self => Worker.Self;

        // The badge of this worker's badged endpoint caps (ep-send, ep-call, ep-grant,
        // log), and of its note-signal and bell-signal caps.
        private static uint EndpointBadge(uint worker) => worker;
        private static uint SignalBadge(uint worker) => 1u << (int)worker;

        public static void Run(int index, uint step)
        {
            if (SuiteEmulator.IsRenode && Catalogue.UntestableOnRenode(index) is { Length: > 0 } reason)
            {
                if (Self == Alpha)
                    Report.Skip(reason);
                return;
            }
            if (index >= (int)Case.MpuFirst)
            {
                if (Self == Catalogue.MpuWorker(index))
                    Isolation(Catalogue.MpuKind(index), step);
                return;
            }
            switch ((Case)index)
            {
                case Case.SendBlocksUntilReceived: SendBlocksUntilReceived(); break;
                case Case.LongMessage: LongMessage(); break;
                case Case.CallWithoutReplyRight: CallWithoutReplyRight(); break;
                case Case.NBSendWithoutReceiver: NBSendWithoutReceiver(); break;
                case Case.SendOnlyReportsNothing: SendOnlyReportsNothing(); break;
                case Case.RecvNeedsRead: RecvNeedsRead(); break;
                case Case.NBRecvWithNothingQueued: NBRecvWithNothingQueued(); break;
                case Case.CallAndReply: CallAndReply(); break;
                case Case.SecondReplyDropped: SecondReplyDropped(); break;
                case Case.ReplyWithoutCaller: ReplyWithoutCaller(); break;
                case Case.SendingClientCannotBlockServer: SendingClientCannotBlockServer(); break;
                case Case.SaveCallerAnswersInAnyOrder: SaveCallerAnswersInAnyOrder(); break;
                case Case.SavedReplyIsSingleUse: SavedReplyIsSingleUse(); break;
                case Case.ReceiveDiscardsUnsavedReply: ReceiveDiscardsUnsavedReply(); break;
                case Case.IdentifyOwnSlots: IdentifyOwnSlots(); break;
                case Case.MintBadgeAndRights: MintBadgeAndRights(); break;
                case Case.CopyAndMove: CopyAndMove(); break;
                case Case.GrantTransfersCaps: GrantTransfersCaps(); break;
                case Case.NoGrantNoTransfer: NoGrantNoTransfer(); break;
                case Case.ReplyGrantFollowsReceiver: ReplyGrantFollowsReceiver(); break;
                case Case.NBCallWithoutReceiver: NBCallWithoutReceiver(); break;
                case Case.NBCallWithReceiver: NBCallWithReceiver(); break;
                case Case.NBSendRecv: NBSendRecv(); break;
                case Case.BadInvocations: BadInvocations(); break;
                case Case.BadgeNotIdentity: BadgeNotIdentity(); break;
                case Case.SendersQueueInOrder: SendersQueueInOrder(); break;
                case Case.SuspendedCallerReplyDropped: SuspendedCallerReplyDropped(); break;
                case Case.SuspendCancelsBlockedIpc: SuspendCancelsBlockedIpc(); break;
                case Case.BadSyscallFaults: FaultOnce(step, &BadSyscall); break;
                case Case.SignalAndWait: SignalAndWait(); break;
                case Case.PollNeverBlocks: PollNeverBlocks(); break;
                case Case.WaitersWokenInOrder: WaitersWokenInOrder(); break;
                case Case.BoundNotificationWakesRecv: BoundNotificationWakesRecv(); break;
                case Case.HigherPriorityReceiverRunsAtOnce: HigherPriorityReceiverRunsAtOnce(); break;
                case Case.LowerPriorityReceiverWaits: LowerPriorityReceiverWaits(); break;
                case Case.YieldToEqualPriority: YieldToEqualPriority(); break;
                case Case.RoundRobin: RoundRobin(); break;
                case Case.TickPreemption: TickPreemption(); break;
                case Case.IrqToNotification: IrqToNotification(); break;
                case Case.IrqMaskedUntilAck: IrqMaskedUntilAck(); break;
                case Case.IrqAckNeedsIrqCap: IrqAckNeedsIrqCap(); break;
                case Case.FpuContextSurvivesSwitch: FpuContextSurvivesSwitch(); break;
                case Case.ExecuteFromRam: FaultOnce(step, &ExecuteFromRam); break;
                case Case.UnalignedAccess: FaultOnce(step, &UnalignedAccess); break;
                case Case.UndefinedInstruction: FaultOnce(step, &UndefinedInstruction); break;
                case Case.DivideByZero: FaultOnce(step, &DivideByZero); break;
                case Case.StackOverflow: FaultOnce(step, &StackOverflow); break;
                case Case.FaultLoopLeavesOthersRunning: FaultLoopLeavesOthersRunning(); break;
                case Case.DebugCallsNeedPermission: DebugCallsNeedPermission(); break;
                case Case.DebugCallsStayInReach: DebugCallsStayInReach(); break;
                case Case.FpuFrameAtWindowBaseWritesNothingBelow: FpuFrameAtWindowBaseWritesNothingBelow(); break;
                case Case.FpuFrameAtWindowBaseReadsNothingBelow: FpuFrameAtWindowBaseReadsNothingBelow(); break;
                case Case.FpuFrameInKernelRamIsStackOverflow: FpuFrameInKernelRamIsStackOverflow(step); break;
                case Case.FpuFrameAcrossWindowTopIsStackOverflow: FpuFrameAcrossWindowTopIsStackOverflow(step); break;
                case Case.UnstackableSvcIsNotRun: UnstackableSvcIsNotRun(step); break;
                case Case.UnstackableSvcWithNothingRunnable: UnstackableSvcWithNothingRunnable(step); break;
                case Case.FpuRegistersDoNotLeakToAnotherTask: FpuRegistersDoNotLeakToAnotherTask(); break;
                case Case.FpuRegistersDoNotSurviveRestart: FpuRegistersDoNotSurviveRestart(step); break;
                case Case.HaltAndFastpathCountNeedPermission: HaltAndFastpathCountNeedPermission(); break;
                case Case.ResumeAfterUnstackableFrameRestarts: ResumeAfterUnstackableFrameRestarts(step); break;
                case Case.SuspendResumeAfterUnstackableFrameRestarts: SuspendResumeAfterUnstackableFrameRestarts(step); break;
                case Case.SemihostingFromTaskDoesNotEndRun: SemihostingFromTaskDoesNotEndRun(step); break;
                case Case.UnbadgedSignalWakesWaiter: UnbadgedSignalWakesWaiter(); break;
                case Case.RevokeReachesEveryCSpace: RevokeReachesEveryCSpace(); break;
                case Case.CancelBadgedSends: CancelBadgedSends(); break;
                case Case.NoCapabilityLeftWakesWaiters: NoCapabilityLeftWakesWaiters(); break;
                case Case.LongRevokeIsRepeated: LongRevokeIsRepeated(); break;
                case Case.UnrepeatableRevokeLeaksNoCount: UnrepeatableRevokeLeaksNoCount(step); break;
                case Case.ForgedFaultIsAMessage: ForgedFaultIsAMessage(); break;
                case Case.ForgedFaultOfAnotherIsAMessage: ForgedFaultOfAnotherIsAMessage(); break;
            }
        }

        // Alpha sends with nobody receiving, so it must block. Beta, which runs only
        // once alpha has blocked, finds alpha's message queued and takes it whole.
        private static void SendBlocksUntilReceived()
        {
            if (Self == Alpha)
            {
                Check.Ok(Ipc.Send(Caps.EpSend, 0x123, 4, 1, 2, 3, 4), "Send");
                Ipc.Recv(Caps.Ep2);
            }
            else if (Self == Beta)
            {
                Message message = Ipc.NBRecv(Caps.Ep);
                Check.Received(message, 0x123, 4, EndpointBadge(Alpha), "the queued message");
                Check.Equal(message.Mr0 + (message.Mr1 << 8) + (message.Mr2 << 16) + (message.Mr3 << 24), 0x04030201, "MR0-MR3");
                Report.Pass();
            }
        }

        private static void LongMessage()
        {
            if (Self == Alpha)
            {
                for (int word = ThreadRegisters.MessageRegisters; word < IpcBuffer.MaxWords; word++)
                    Task.SetBufferedWord(word, 0x100u + (uint)word);
                Check.Ok(Ipc.Send(Caps.EpSend, 7, IpcBuffer.MaxWords, 0x100, 0x101, 0x102, 0x103), "Send");
            }
            else if (Self == Beta)
            {
                Message message = Ipc.NBRecv(Caps.Ep);
                Check.Received(message, 7, IpcBuffer.MaxWords, EndpointBadge(Alpha), "the message");
                Check.Equal(message.Mr3, 0x103, "MR3");
                for (int word = ThreadRegisters.MessageRegisters; word < IpcBuffer.MaxWords; word++)
                    Check.Equal(Task.BufferedWord(word), 0x100u + (uint)word, "a word past MR3");
                Report.Pass();
            }
        }

        // ep-send has Write only: Call is refused and nothing is queued.
        private static void CallWithoutReplyRight()
        {
            if (Self != Alpha)
                return;
            Check.Status(Ipc.Call(Caps.EpSend, 1).Status, Error.MissingRight, "Call through a write-only cap");
            Check.Status(Ipc.NBRecv(Caps.Ep).Status, Error.WouldBlock, "NBRecv after the refused Call");
            Report.Pass();
        }

        private static void NBSendWithoutReceiver()
        {
            if (Self == Alpha)
                Check.Ok(Ipc.NBSend(Caps.EpSend, 1, 1, 42), "NBSend with nobody waiting");
            else if (Self == Beta)
            {
                Check.Status(Ipc.NBRecv(Caps.Ep).Status, Error.WouldBlock, "NBRecv after a dropped NBSend");
                Report.Pass();
            }
        }

        // Beta tells alpha it is about to receive and blocks receiving, in one call.
        // Alpha's NBSend then finds beta waiting; a second NBSend finds nobody. All
        // the registers alpha gets back are the same in both cases: only r4's Ok.
        private static void SendOnlyReportsNothing()
        {
            if (Self == Alpha)
            {
                Ipc.Recv(Caps.Ep2);
                uint info = MessageInfo.Create(0x55, 4, 0).Raw;
                ThreadRegisters delivered = Syscall.Invoke(SyscallNumber.NBSend, Caps.EpSend, info, 0x66, 1, 2, 3, 4);
                ThreadRegisters dropped = Syscall.Invoke(SyscallNumber.NBSend, Caps.EpSend, info, 0x66, 1, 2, 3, 4);
                Check.Ok((Error)delivered.R4, "NBSend to a waiting receiver");
                Check.Ok((Error)dropped.R4, "NBSend to nobody");
                Check.Equal(delivered.R5 ^ dropped.R5 | delivered.R6 ^ dropped.R6 | delivered.R7 ^ dropped.R7
                            | delivered.R8 ^ dropped.R8 | delivered.R9 ^ dropped.R9 | delivered.R10 ^ dropped.R10, 0,
                            "registers differing between delivered and dropped");
                Check.Equal(delivered.R5, info, "r5 after NBSend");
                Check.Equal(delivered.R6, 0x66, "r6 after NBSend");
            }
            else if (Self == Beta)
            {
                Message message = Ipc.NBSendRecv(Caps.Ep2, Caps.Ep, 1);
                Check.Received(message, 0x55, 4, EndpointBadge(Alpha), "the message");
                Report.Pass();
            }
        }

        private static void RecvNeedsRead()
        {
            if (Self != Alpha)
                return;
            Check.Status(Ipc.Recv(Caps.EpSend).Status, Error.MissingRight, "Recv through a write-only cap");
            Check.Status(Ipc.NBRecv(Caps.EpCall).Status, Error.MissingRight, "NBRecv through a write, grant-reply cap");
            Report.Pass();
        }

        // Alpha holds beta's reply capability when its NBRecv finds nothing: the
        // capability survives, and alpha's reply reaches beta.
        private static void NBRecvWithNothingQueued()
        {
            if (Self == Alpha)
            {
                Check.Received(Ipc.Recv(Caps.Ep), 1, 0, EndpointBadge(Beta), "the call");
                Check.Status(Ipc.NBRecv(Caps.Ep).Status, Error.WouldBlock, "NBRecv with nothing queued");
                Check.Ok(Ipc.Reply(7), "Reply");
            }
            else if (Self == Beta)
            {
                Check.Received(Ipc.Call(Caps.EpCall, 1), 7, 0, 0, "the reply after the server's NBRecv");
                Report.Pass();
            }
        }

        private static void CallAndReply()
        {
            if (Self == Alpha)
            {
                Message call = Ipc.Recv(Caps.Ep);
                Check.Received(call, 0x42, 2, EndpointBadge(Beta), "the call");
                Check.Equal(call.Mr0 + call.Mr1, 30, "MR0 + MR1 of the call");
                Check.Ok(Ipc.Reply(0x43, 2, call.Mr0 * 3, call.Mr1 * 2), "Reply");
            }
            else if (Self == Beta)
            {
                Message reply = Ipc.Call(Caps.EpCall, 0x42, 2, 10, 20);
                Check.Received(reply, 0x43, 2, 0, "the reply");
                Check.Equal(reply.Mr0, 30, "MR0 of the reply");
                Check.Equal(reply.Mr1, 40, "MR1 of the reply");
                Report.Pass();
            }
        }

        private static void SecondReplyDropped()
        {
            if (Self == Alpha)
            {
                Ipc.Recv(Caps.Ep);
                Check.Ok(Ipc.Reply(1), "the first Reply");
                Check.Ok(Ipc.Reply(2), "the second Reply");
                // Beta runs only once alpha blocks; its next Call finds alpha waiting.
                Check.Received(Ipc.Recv(Caps.Ep), 3, 0, EndpointBadge(Beta), "beta's next call");
                Check.Ok(Ipc.Reply(4), "the reply to the next call");
            }
            else if (Self == Beta)
            {
                Check.Received(Ipc.Call(Caps.EpCall, 0), 1, 0, 0, "the reply");
                Check.Received(Ipc.Call(Caps.EpCall, 3), 4, 0, 0, "the reply to the next call");
                Report.Pass();
            }
        }

        private static void ReplyWithoutCaller()
        {
            if (Self == Alpha)
            {
                Check.Ok(Ipc.Reply(5), "Reply with no caller");
                Message message = Ipc.ReplyRecv(Caps.Ep, 6);
                Check.Received(message, 0x77, 0, EndpointBadge(Beta), "what ReplyRecv received");
                Report.Pass();
            }
            else if (Self == Beta)
            {
                Check.Ok(Ipc.Send(Caps.EpSend, 0x77), "Send");
            }
        }

        // Beta sends rather than calls, so the server has nothing to reply to; its
        // ReplyRecv goes straight back to receiving, and beta's next Send finds it.
        private static void SendingClientCannotBlockServer()
        {
            if (Self == Alpha)
            {
                Check.Received(Ipc.Recv(Caps.Ep), 0x11, 0, EndpointBadge(Beta), "the first send");
                Check.Received(Ipc.ReplyRecv(Caps.Ep, 9), 0x12, 0, EndpointBadge(Beta), "the second send");
                Report.Pass();
            }
            else if (Self == Beta)
            {
                Check.Ok(Ipc.Send(Caps.EpSend, 0x11), "the first Send");
                Check.Ok(Ipc.Send(Caps.EpSend, 0x12), "the second Send");
            }
        }

        // Beta calls, then gamma; alpha saves both reply capabilities and answers
        // gamma first.
        private static void SaveCallerAnswersInAnyOrder()
        {
            if (Self == Alpha)
            {
                Check.Received(Ipc.Recv(Caps.Ep), 0, 0, EndpointBadge(Beta), "beta's call");
                Check.Ok(CSpaceOps.SaveCaller(Free0), "SaveCaller of beta's reply");
                // Received through ep, which has Grant: the reply capability has it too.
                Check.Slot(Free0, CapType.Reply, Rights.Write | Rights.Grant, "the saved reply capability");
                Check.Received(Ipc.Recv(Caps.Ep), 0, 0, EndpointBadge(Gamma), "gamma's call");
                Check.Ok(CSpaceOps.SaveCaller(Free1), "SaveCaller of gamma's reply");
                Check.Ok(Ipc.Send(Free1, 0x22), "the reply to gamma");
                Check.Ok(Ipc.Send(Free0, 0x11), "the reply to beta");
            }
            else if (Self == Beta)
            {
                Check.Received(Ipc.Call(Caps.EpCall, 0), 0x11, 0, 0, "beta's reply");
            }
            else if (Self == Gamma)
            {
                Check.Received(Ipc.Call(Caps.EpCall, 0), 0x22, 0, 0, "gamma's reply");
                Report.Pass();
            }
        }

        private static void SavedReplyIsSingleUse()
        {
            if (Self == Alpha)
            {
                Ipc.Recv(Caps.Ep);
                Check.Ok(CSpaceOps.SaveCaller(Free0), "SaveCaller");
                Check.Ok(Ipc.Send(Free0, 1), "the first Send on the saved reply");
                Check.Status(Ipc.Send(Free0, 2), Error.EmptySlot, "the second Send on the saved reply");
                Check.Slot(Free0, CapType.Null, Rights.None, "the used slot");
            }
            else if (Self == Beta)
            {
                Check.Received(Ipc.Call(Caps.EpCall, 0), 1, 0, 0, "the reply");
                Report.Pass();
            }
        }

        // Alpha receives beta's call and receives again without saving the reply
        // capability: gamma's Send gives no reply capability, so the caller slot is
        // empty by then, and beta is never answered.
        private static void ReceiveDiscardsUnsavedReply()
        {
            if (Self == Alpha)
            {
                Check.Received(Ipc.Recv(Caps.Ep), 0, 0, EndpointBadge(Beta), "beta's call");
                Check.Received(Ipc.Recv(Caps.Ep), 0x33, 0, EndpointBadge(Gamma), "gamma's send");
                Check.Ok(CSpaceOps.SaveCaller(Free0), "SaveCaller");
                Check.Slot(Free0, CapType.Null, Rights.None, "the saved caller slot");
                Report.Pass();
            }
            else if (Self == Beta)
            {
                Ipc.Call(Caps.EpCall, 0);
                Report.Fail("beta's discarded call was answered");
            }
            else if (Self == Gamma)
            {
                Ipc.Send(Caps.EpSend, 0x33);
            }
        }

        private static void IdentifyOwnSlots()
        {
            if (Self != Alpha)
                return;
            Check.Slot(Caps.EpCall, CapType.Endpoint, Rights.Write | Rights.GrantReply, "ep-call");
            Check.Slot(Caps.Note, CapType.Notification, Rights.Read, "note");
            Check.Slot(Caps.Irq, CapType.IrqHandler, Rights.Write, "irq");
            Check.Slot(Caps.Peer, CapType.Thread, Rights.Write, "peer");
            Check.Slot(Free0, CapType.Null, Rights.None, "a free slot");
            Check.Status(CSpaceOps.Identify(Caps.SlotCount, out _, out _), Error.InvalidIndex, "Identify past the CSpace");
            // The badge of ep-call is 1; Identify's registers say nothing of it.
            ThreadRegisters frame = Syscall.Invoke(SyscallNumber.Identify, Caps.EpCall);
            Check.Equal(frame.R6 | frame.R9 | frame.R10, 0, "registers besides type and rights");
            Report.Pass();
        }

        private static void MintBadgeAndRights()
        {
            if (Self == Alpha)
            {
                Check.Ok(CSpaceOps.Mint(Caps.Ep, Free0, Rights.Read | Rights.Write, 0x99), "Mint with a badge");
                Check.Slot(Free0, CapType.Endpoint, Rights.Read | Rights.Write, "the minted cap");
                Check.Status(CSpaceOps.Mint(Free0, Free1, Rights.Write, 5), Error.InvalidArgument, "a second badge");
                Check.Status(CSpaceOps.Mint(Caps.Ep, Free1, (Rights)0x10, 0), Error.InvalidArgument, "an unknown right");
                Check.Ok(CSpaceOps.Mint(Free0, Free1, Rights.Write, 0), "Mint removing Read");
                Check.Ok(CSpaceOps.Mint(Free1, Free2, Rights.Read | Rights.Write | Rights.Grant, 0), "Mint asking for more rights");
                Check.Slot(Free2, CapType.Endpoint, Rights.Write, "the cap minted with more rights asked");
                Check.Ok(Ipc.Send(Free2, 0x5), "Send through the minted cap");
            }
            else if (Self == Beta)
            {
                Check.Received(Ipc.Recv(Caps.Ep), 0x5, 0, 0x99, "the message through the minted cap");
                Report.Pass();
            }
        }

        private static void CopyAndMove()
        {
            if (Self == Alpha)
            {
                Check.Ok(CSpaceOps.Copy(Caps.EpSend, Free0), "Copy");
                Check.Ok(CSpaceOps.Move(Free0, Free1), "Move");
                Check.Slot(Free0, CapType.Null, Rights.None, "the slot moved from");
                Check.Slot(Free1, CapType.Endpoint, Rights.Write, "the slot moved to");
                Check.Status(CSpaceOps.Copy(Caps.EpSend, Free1), Error.SlotOccupied, "Copy onto a full slot");
                Ipc.Recv(Caps.Ep);
                Check.Ok(CSpaceOps.SaveCaller(Free2), "SaveCaller");
                Check.Status(CSpaceOps.Copy(Free2, Free3), Error.WrongType, "Copy of a reply capability");
                Check.Ok(CSpaceOps.Move(Free2, Free3), "Move of a reply capability");
                Check.Slot(Free3, CapType.Reply, Rights.Write | Rights.Grant, "the moved reply capability");
                Check.Ok(Ipc.Send(Free3, 0x66), "the reply through the moved capability");
                Check.Ok(Ipc.Send(Free1, 0x55), "Send through the moved copy");
            }
            else if (Self == Beta)
            {
                Check.Received(Ipc.Call(Caps.EpCall, 0), 0x66, 0, 0, "the reply");
                Check.Received(Ipc.Recv(Caps.Ep), 0x55, 0, EndpointBadge(Alpha), "the message through the moved copy");
                Report.Pass();
            }
        }

        private static void GrantTransfersCaps() => SendWithCap(Caps.EpGrant, arrives: true);

        private static void NoGrantNoTransfer() => SendWithCap(Caps.EpSend, arrives: false);

        // Alpha sends its note-signal cap through `through`; beta receives the message
        // either way, and the cap only when `through` has Grant.
        private static void SendWithCap(uint through, bool arrives)
        {
            if (Self == Alpha)
            {
                Task.AttachCap(Caps.NoteSignal);
                Check.Ok(Ipc.Send(through, 1, 0, extraCaps: 1), "Send with a cap");
            }
            else if (Self == Beta)
            {
                Task.ReceiveCapInto(Free0);
                Message message = Ipc.Recv(Caps.Ep);
                Check.Received(message, 1, 0, EndpointBadge(Alpha), "the message");
                Check.Equal((uint)message.Info.ExtraCaps, arrives ? 1u : 0u, "caps that arrived");
                if (arrives)
                {
                    Check.Slot(Free0, CapType.Notification, Rights.Write, "the received cap");
                    // It is alpha's cap, badge included.
                    Check.Ok(Notifications.Signal(Free0), "Signal through the received cap");
                    Check.Equal(Notifications.Poll(Caps.Note, out _), SignalBadge(Alpha), "the signalled word");
                }
                else
                {
                    Check.Slot(Free0, CapType.Null, Rights.None, "the receive slot");
                }
                Report.Pass();
            }
        }

        // Alpha answers two calls with a cap attached: the first it received through
        // ep (with Grant), the second through ep-read (without).
        private static void ReplyGrantFollowsReceiver()
        {
            if (Self == Alpha)
            {
                Ipc.Recv(Caps.Ep);
                Task.AttachCap(Caps.NoteSignal);
                Check.Ok(Ipc.Reply(1, 0, extraCaps: 1), "the first reply");
                Ipc.Recv(Caps.EpRead);
                Task.AttachCap(Caps.NoteSignal);
                Check.Ok(Ipc.Reply(2, 0, extraCaps: 1), "the second reply");
            }
            else if (Self == Beta)
            {
                Task.ReceiveCapInto(Free0);
                Message first = Ipc.Call(Caps.EpCall, 0);
                Check.Equal((uint)first.Info.ExtraCaps, 1, "caps with a reply to a receiver with Grant");
                Check.Slot(Free0, CapType.Notification, Rights.Write, "the cap received with the reply");
                Task.ReceiveCapInto(Free1);
                Message second = Ipc.Call(Caps.EpCall, 0);
                Check.Equal((uint)second.Info.ExtraCaps, 0, "caps with a reply to a receiver without Grant");
                Check.Slot(Free1, CapType.Null, Rights.None, "the second receive slot");
                Report.Pass();
            }
        }

        private static void NBCallWithoutReceiver()
        {
            if (Self == Alpha)
                Check.Status(Ipc.NBCall(Caps.EpCall, 1).Status, Error.WouldBlock, "NBCall with nobody waiting");
            else if (Self == Beta)
            {
                Check.Status(Ipc.NBRecv(Caps.Ep).Status, Error.WouldBlock, "NBRecv after a refused NBCall");
                Report.Pass();
            }
        }

        private static void NBCallWithReceiver()
        {
            if (Self == Alpha)
            {
                Ipc.Recv(Caps.Ep2);
                Message reply = Ipc.NBCall(Caps.EpCall, 0x31, 1, 7);
                Check.Received(reply, 0x32, 1, 0, "the reply to NBCall");
                Check.Equal(reply.Mr0, 8, "MR0 of the reply");
                Report.Pass();
            }
            else if (Self == Beta)
            {
                Message call = Ipc.NBSendRecv(Caps.Ep2, Caps.Ep, 1);
                Check.Received(call, 0x31, 1, EndpointBadge(Alpha), "the NBCall");
                Ipc.Reply(0x32, 1, call.Mr0 + 1);
            }
        }

        private static void NBSendRecv()
        {
            if (Self == Alpha)
            {
                Check.Received(Ipc.Recv(Caps.Ep2), 0x21, 1, 0, "the NBSend half");
                Check.Ok(Ipc.Send(Caps.EpSend, 0x44), "Send to the receive half");
            }
            else if (Self == Beta)
            {
                Message message = Ipc.NBSendRecv(Caps.Ep2, Caps.Ep, 0x21, 1, 5);
                Check.Received(message, 0x44, 0, EndpointBadge(Alpha), "the receive half");
                Report.Pass();
            }
        }

        // Every refusal leaves the endpoint as it was: beta finds nothing queued.
        private static void BadInvocations()
        {
            if (Self == Alpha)
            {
                Check.Status(Ipc.Send(Caps.SlotCount, 1), Error.InvalidIndex, "Send past the CSpace");
                Check.Status(Ipc.Send(Free0, 1), Error.EmptySlot, "Send through an empty slot");
                Check.Status(Ipc.Send(Caps.NotePlain, 1), Error.WrongType, "Send through a notification cap");
                Check.Status(Ipc.Send(Caps.EpRead, 1), Error.MissingRight, "Send through a read-only cap");
                Check.Status(Ipc.Send(Caps.EpSend, 1, IpcBuffer.MaxWords + 1), Error.MessageTooLong, "Send of 17 words");
                Task.AttachCap(Caps.SlotCount);
                Check.Status(Ipc.Send(Caps.EpGrant, 1, 0, extraCaps: 1), Error.InvalidIndex, "Send attaching a cap past the CSpace");
                Check.Status(Ipc.NBSendRecv(Caps.EpSend, Caps.NotePlain, 1).Status, Error.WrongType, "NBSendRecv receiving on a notification");
                Check.Status(Notifications.Signal(Caps.Ep), Error.WrongType, "Signal through an endpoint cap");
                Notifications.Wait(Caps.NoteSignal, out Error wait);
                Check.Status(wait, Error.MissingRight, "Wait through a write-only cap");
                Check.Status(Threads.Suspend(Caps.Ep), Error.WrongType, "ThreadSuspend through an endpoint cap");
                Check.Status(CSpaceOps.Copy(Caps.Ep, Caps.EpSend), Error.SlotOccupied, "Copy onto a full slot");
                Check.Status(CSpaceOps.Mint(Caps.Ep, Caps.SlotCount, Rights.Read, 0), Error.InvalidIndex, "Mint past the CSpace");
                Check.Status((Error)Syscall.Invoke(SyscallNumber.Delete, Caps.SlotCount).R4, Error.InvalidIndex, "Delete past the CSpace");
            }
            else if (Self == Beta)
            {
                Check.Status(Ipc.NBRecv(Caps.Ep).Status, Error.WouldBlock, "NBRecv after the refused sends");
                Report.Pass();
            }
        }

        // Gamma and delta send through the same unbadged cap: alpha cannot tell
        // them apart by anything the kernel gives it.
        private static void BadgeNotIdentity()
        {
            if (Self == Alpha)
            {
                Message first = Ipc.Recv(Caps.Ep);
                Message second = Ipc.Recv(Caps.Ep);
                Check.Received(first, 3, 1, 0, "gamma's message");
                Check.Received(second, 4, 1, 0, "delta's message");
                Check.Equal(first.Badge ^ second.Badge | first.Info.Raw ^ second.Info.Raw ^ MessageInfo.Create(3 ^ 4, 0, 0).Raw, 0,
                            "what tells the senders apart besides the label");
                Check.Received(Ipc.Recv(Caps.Ep), 2, 0, EndpointBadge(Beta), "beta's badged message");
                Report.Pass();
            }
            else if (Self == Beta)
            {
                Ipc.Recv(Caps.Ep2);
                Check.Ok(Ipc.Send(Caps.EpSend, 2), "Send through the badged cap");
            }
            else
            {
                Check.Ok(Ipc.Send(Caps.Ep, Self, 1, 9), "Send through the unbadged cap");
                if (Self == Delta)
                    Ipc.NBSend(Caps.Ep2, 0);
            }
        }

        // Beta, gamma and delta queue on ep while alpha waits for a tick, and alpha
        // then receives them in the order they came.
        private static void SendersQueueInOrder()
        {
            if (Self == Alpha)
            {
                WaitForTick();
                Check.Received(Ipc.Recv(Caps.Ep), Beta, 0, EndpointBadge(Beta), "the first queued sender");
                Check.Received(Ipc.Recv(Caps.Ep), Gamma, 0, EndpointBadge(Gamma), "the second queued sender");
                Check.Received(Ipc.Recv(Caps.Ep), Delta, 0, EndpointBadge(Delta), "the third queued sender");
                Report.Pass();
            }
            else
            {
                Ipc.Send(Caps.EpSend, Self);
            }
        }

        // Alpha saves delta's reply capability, then suspends and resumes delta
        // (alpha's peer): delta's Call ends Cancelled, and the reply capability is gone
        // from alpha's slot, so there is nothing to reply through.
        private static void SuspendedCallerReplyDropped()
        {
            if (Self == Alpha)
            {
                Ipc.Recv(Caps.Ep);
                Check.Ok(CSpaceOps.SaveCaller(Free0), "SaveCaller");
                Check.Ok(Threads.Suspend(Caps.Peer), "ThreadSuspend of the caller");
                Check.Ok(Threads.Resume(Caps.Peer), "ThreadResume of the caller");
                Check.Slot(Free0, CapType.Null, Rights.None, "the ended Call's reply slot");
                Check.Status(Ipc.Send(Free0, 1), Error.EmptySlot, "a reply through it");
            }
            else if (Self == Delta)
            {
                Check.Status(Ipc.Call(Caps.EpCall, 0).Status, Error.Cancelled, "the suspended Call");
                Report.Pass();
            }
        }

        // Delta tells alpha it is about to receive and blocks receiving, in one call
        // (so alpha never acts before delta has blocked); alpha then suspends and
        // resumes it.
        private static void SuspendCancelsBlockedIpc()
        {
            if (Self == Alpha)
            {
                Check.Equal(Ipc.Recv(Caps.LogRead).Label, Delta, "delta's announcement");
                Check.Ok(Threads.Suspend(Caps.Peer), "ThreadSuspend of the receiver");
                Check.Ok(Threads.Resume(Caps.Peer), "ThreadResume of the receiver");
                Check.Ok(Ipc.NBSend(Caps.EpSend, 9), "NBSend after the cancelled Recv");
            }
            else if (Self == Delta)
            {
                Check.Status(Ipc.NBSendRecv(Caps.Log, Caps.Ep, Delta).Status, Error.Cancelled, "the suspended Recv");
                Report.Pass();
            }
        }
    }
}
