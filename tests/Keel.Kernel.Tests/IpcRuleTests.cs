// Rules 1-7 and 10-12: messages, endpoints, reply capabilities.
using Xunit;
using static Keel.Kernel.Tests.Sim;

namespace Keel.Kernel.Tests;

public unsafe class IpcRuleTests
{
    const int Client = 0, Server = 1, Other = 2;
    const uint Ep = 0;          // slot holding the endpoint capability in each CSpace
    const uint ClientBadge = 0x11;

    /// <summary>Client: endpoint 0 with Write+Grant+GrantReply, badged; server: endpoint 0 with Read+Grant.</summary>
    static Sim ClientServer(Rights clientRights = Rights.Write | Rights.Grant | Rights.GrantReply,
        Rights serverRights = Rights.Read | Rights.Grant)
    {
        var sim = new Sim();
        sim.Give(Client, Ep, CapType.Endpoint, 0, clientRights, ClientBadge);
        sim.Give(Server, Ep, CapType.Endpoint, 0, serverRights);
        sim.Give(Other, Ep, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, 0x22);
        sim.StartAll();
        return sim;
    }

    [Fact]
    public void Rule01_MessageCarriesLabelSixteenWordsAndExtraCapabilities()
    {
        var sim = ClientServer();
        sim.Give(Client, 5, CapType.Notification, 1, Rights.Write, 7);
        sim.Buffer(Server)[IpcBuffer.ReceiveSlots] = 9;
        Assert.Equal(Error.Ok, sim.Recv(Server, Ep));

        for (int i = 4; i < IpcBuffer.MaxWords; i++)
            sim.Buffer(Client)[i - 4] = 100u + (uint)i;
        sim.Buffer(Client)[IpcBuffer.SendCaps] = 5;
        Assert.Equal(Error.Ok, sim.Sys(Client, SyscallNumber.Send, Ep, Msg(0xABCDE, IpcBuffer.MaxWords, 1),
            mr0: 100, mr1: 101, mr2: 102, mr3: 103));

        ref Tcb s = ref sim.T(Server);
        Assert.Equal(Error.Ok, s.Regs.Status);
        Assert.Equal(0xABCDEu, s.Regs.Info.Label);
        Assert.Equal(IpcBuffer.MaxWords, s.Regs.Info.Length);
        Assert.Equal(1, s.Regs.Info.ExtraCaps);
        Assert.False(s.Regs.Info.Notified);
        for (int i = 0; i < IpcBuffer.MaxWords; i++)
            Assert.Equal(100u + (uint)i, Messages.ReadWord(ref s, i));
        Assert.Equal(Capability.Create(CapType.Notification, 1, Rights.Write, 7), sim.Slot(Server, 9));
    }

    [Fact]
    public void Rule01_MessageLongerThanSixteenWordsIsRejected()
    {
        var sim = ClientServer();
        sim.ExpectRejected(Error.MessageTooLong, Client, SyscallNumber.Send, Ep, Msg(1, IpcBuffer.MaxWords + 1));
    }

    [Fact]
    public void Rule02_SendBlocksUntilAReceiverTakesTheMessage()
    {
        var sim = ClientServer();
        Assert.Equal(Error.Ok, sim.Send(Client, Ep, label: 3, mr0: 42));
        Assert.Equal(ThreadState.BlockedOnSend, sim.T(Client).State);

        Assert.Equal(Error.Ok, sim.Recv(Server, Ep));
        Assert.Equal(ThreadState.Runnable, sim.T(Client).State);
        Assert.Equal(3u, sim.T(Server).Regs.Info.Label);
        Assert.Equal(42u, sim.T(Server).Regs.R7);
    }

    [Fact]
    public void Rule02_NBSendDeliversToAWaitingReceiver()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        Assert.Equal(Error.Ok, sim.NBSend(Client, Ep, label: 4, mr0: 9));
        Assert.Equal(ThreadState.Runnable, sim.T(Server).State);
        Assert.Equal(9u, sim.T(Server).Regs.R7);
    }

    [Fact]
    public void Rule02_NBSendWithoutAWaitingReceiverDropsTheMessage()
    {
        var sim = ClientServer();
        Assert.Equal(Error.Ok, sim.NBSend(Client, Ep, label: 4, mr0: 9));
        Assert.Equal(ThreadState.Runnable, sim.T(Client).State);
        Assert.Equal(Error.WouldBlock, sim.NBRecv(Server, Ep));
    }

    [Fact]
    public void Rule02_SendersLearnNothingAboutTheReceiver()
    {
        // The sender's registers after NBSend are the same whether a receiver took the message or not.
        ThreadRegisters AfterNBSend(bool receiverWaiting)
        {
            var sim = ClientServer();
            if (receiverWaiting)
                sim.Recv(Server, Ep);
            sim.Sys(Client, SyscallNumber.NBSend, Ep, Msg(5, 2), mr0: 1, mr1: 2);
            return sim.T(Client).Regs;
        }
        Assert.Equal(AfterNBSend(false), AfterNBSend(true));

        // Likewise for a Send that is taken at once and one that blocks first.
        var a = ClientServer();
        a.Recv(Server, Ep);
        a.Send(Client, Ep, 5, 1);
        var b = ClientServer();
        b.Send(Client, Ep, 5, 1);
        b.Recv(Server, Ep);
        Assert.Equal(a.T(Client).Regs, b.T(Client).Regs);
    }

    [Fact]
    public void Rule02_SendErrorsDependOnlyOnTheSendersCapability()
    {
        var sim = ClientServer(clientRights: Rights.Read | Rights.Grant);
        sim.Give(Client, 1, CapType.Notification, 0, Rights.Write);
        sim.ExpectRejected(Error.EmptySlot, Client, SyscallNumber.Send, 2, Msg(0, 1));
        sim.ExpectRejected(Error.WrongType, Client, SyscallNumber.NBSend, 1, Msg(0, 1));
        sim.ExpectRejected(Error.MissingRight, Client, SyscallNumber.NBSend, Ep, Msg(0, 1));
    }

    [Fact]
    public void Rule03_RecvNeedsRead()
    {
        var sim = ClientServer(serverRights: Rights.Write);
        sim.ExpectRejected(Error.MissingRight, Server, SyscallNumber.Recv, Ep);
        sim.ExpectRejected(Error.MissingRight, Server, SyscallNumber.NBRecv, Ep);
    }

    [Fact]
    public void Rule03_NBRecvReturnsNothingWhenNoSenderIsQueued()
    {
        var sim = ClientServer();
        var before = sim.TakeSnapshot();
        Assert.Equal(Error.WouldBlock, sim.NBRecv(Server, Ep));
        Assert.Equal(ThreadState.Runnable, sim.T(Server).State);
        sim.T(Server).Regs = default;
        var after = sim.TakeSnapshot();
        Assert.Equal(before.Endpoints, after.Endpoints);

        sim.Send(Client, Ep, 8);
        Assert.Equal(Error.Ok, sim.NBRecv(Server, Ep));
        Assert.Equal(8u, sim.T(Server).Regs.Info.Label);
    }

    [Fact]
    public void Rule03_ReceiverLearnsTheBadgeNotTheSender()
    {
        // Two different threads sending through equally badged capabilities are indistinguishable.
        ThreadRegisters Received(int sender)
        {
            var sim = ClientServer();
            sim.Give(sender, 3, CapType.Endpoint, 0, Rights.Write, 0x77);
            sim.Sys(sender, SyscallNumber.Send, 3, Msg(1, 1), mr0: 5);
            sim.Recv(Server, Ep);
            return sim.T(Server).Regs;
        }
        ThreadRegisters fromClient = Received(Client), fromOther = Received(Other);
        Assert.Equal(0x77u, fromClient.Badge);
        Assert.Equal(fromClient, fromOther);
    }

    [Fact]
    public void Rule04_CallWithoutReplyRightFailsBeforeSending()
    {
        var sim = ClientServer(clientRights: Rights.Write);
        sim.Recv(Server, Ep);
        sim.ExpectRejected(Error.MissingRight, Client, SyscallNumber.Call, Ep, Msg(1, 1));
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Server).State);
    }

    [Fact]
    public void Rule04_CallNeedsWrite()
    {
        var sim = ClientServer(clientRights: Rights.Read | Rights.Grant | Rights.GrantReply);
        sim.ExpectRejected(Error.MissingRight, Client, SyscallNumber.Call, Ep, Msg(1, 1));
    }

    [Theory]
    [InlineData(Rights.Write | Rights.Grant)]
    [InlineData(Rights.Write | Rights.GrantReply)]
    public void Rule04_CallDeliversAndLeavesASingleUseReplyCapability(Rights rights)
    {
        var sim = ClientServer(clientRights: rights);
        sim.Recv(Server, Ep);
        Assert.Equal(Error.Ok, sim.Call(Client, Ep, label: 6, mr0: 60));
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Client).State);
        Assert.Equal(60u, sim.T(Server).Regs.R7);
        Assert.Equal(CapType.Reply, sim.T(Server).CallerSlot.Type);

        Assert.Equal(Error.Ok, sim.Reply(Server, label: 7, mr0: 70));
        Assert.Equal(ThreadState.Runnable, sim.T(Client).State);
        Assert.Equal(Error.Ok, sim.T(Client).Regs.Status);
        Assert.Equal(7u, sim.T(Client).Regs.Info.Label);
        Assert.Equal(70u, sim.T(Client).Regs.R7);
        Assert.Equal(0u, sim.T(Client).Regs.Badge);
    }

    [Fact]
    public void Rule04_CallToAnAbsentReceiverWaitsAndCompletesWhenOneArrives()
    {
        var sim = ClientServer();
        sim.Call(Client, Ep, mr0: 1);
        Assert.Equal(ThreadState.BlockedOnSend, sim.T(Client).State);
        sim.Recv(Server, Ep);
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Client).State);
        Assert.Equal(CapType.Reply, sim.T(Server).CallerSlot.Type);
    }

    [Fact]
    public void Rule05_ReplyCapabilityIsUsedOnlyOnce()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        sim.Reply(Server, mr0: 1);
        Assert.Equal(1u, sim.T(Client).Regs.R7);
        sim.Call(Client, Ep);                      // blocks: the server is not receiving
        Assert.Equal(Error.Ok, sim.Reply(Server, mr0: 2));
        Assert.Equal(ThreadState.BlockedOnSend, sim.T(Client).State);
    }

    [Fact]
    public void Rule05_SavedReplyCapabilityAnswersThroughSendAndThenVanishes()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        Assert.Equal(Error.Ok, sim.SaveCaller(Server, 4));
        Assert.Equal(Error.Ok, sim.Send(Server, 4, label: 2, mr0: 20));
        Assert.Equal(20u, sim.T(Client).Regs.R7);
        Assert.Equal(ThreadState.Runnable, sim.T(Server).State);
        Assert.True(sim.Slot(Server, 4).IsEmpty);
        sim.ExpectRejected(Error.EmptySlot, Server, SyscallNumber.Send, 4, Msg(0, 1));
    }

    [Fact]
    public void Rule05_ReplyCapabilityMovedElsewhereStillWorks()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        sim.SaveCaller(Server, 4);
        Assert.Equal(Error.Ok, sim.Sys(Server, SyscallNumber.Move, 4, r6: 6));
        Assert.Equal(Error.Ok, sim.Sys(Server, SyscallNumber.NBSend, 6, Msg(0, 1), mr0: 33));
        Assert.Equal(33u, sim.T(Client).Regs.R7);
    }

    [Fact]
    public void Rule05_ReplyCapabilityCannotBeCopied()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        sim.SaveCaller(Server, 4);
        sim.ExpectRejected(Error.WrongType, Server, SyscallNumber.Copy, 4, r6: 5);
        sim.ExpectRejected(Error.WrongType, Server, SyscallNumber.Mint, 4, r6: 5, mr0: (uint)Rights.Write);
    }

    [Theory]
    [InlineData(SyscallNumber.ThreadRestart, true)]
    [InlineData(SyscallNumber.ThreadSuspend, true)]
    [InlineData(SyscallNumber.ThreadRestart, false)]
    [InlineData(SyscallNumber.ThreadSuspend, false)]
    public void Rule05_AReplyCapabilityVanishesWhenItsCallerIsRestartedOrSuspended(SyscallNumber action, bool saved)
    {
        var sim = ClientServer();
        sim.Give(Other, 7, CapType.Thread, Client, Rights.Write);
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        if (saved)
            sim.SaveCaller(Server, 4);
        Assert.Equal(Error.Ok, sim.Sys(Other, action, 7));
        if (action == SyscallNumber.ThreadSuspend)
            Assert.Equal(Error.Ok, sim.Sys(Other, SyscallNumber.ThreadResume, 7));

        Assert.True(sim.T(Server).CallerSlot.IsEmpty);
        if (!saved)
            Assert.Equal(Error.Ok, sim.SaveCaller(Server, 4));          // saves nothing
        Assert.Equal((CapType.Null, Rights.None), sim.Identify(Server, 4));
        sim.ExpectRejected(Error.EmptySlot, Server, SyscallNumber.Send, 4, Msg(0, 1));
        Assert.Equal(Error.Ok, sim.SaveCaller(Server, 4));              // the slot is free
    }

    // Before issue 14 a reply capability was live while its caller's 32-bit reply
    // generation matched, so 2^32 Calls later a dead one answered again (this test, with
    // the generation set back by one, failed then). Now it is gone when its Call ends.
    [Fact]
    public void Rule05_AReplyCapabilityWhoseCallEndedNeverAnswersALaterCall_HoweverManyCallsFollow()
    {
        var sim = ClientServer();
        sim.Give(Other, 7, CapType.Thread, Client, Rights.Write);
        sim.Give(Other, 1, CapType.Endpoint, 1, Rights.Read);
        sim.Give(Client, 1, CapType.Endpoint, 1, Rights.Write | Rights.GrantReply);
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        sim.SaveCaller(Server, 4);
        sim.Sys(Other, SyscallNumber.ThreadRestart, 7);
        sim.Recv(Other, 1);
        sim.Call(Client, 1, mr0: 5);           // a new Call, to someone else

        sim.Send(Server, 4, mr0: 99);          // whatever is left in slot 4 must not answer it
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Client).State);
        sim.Reply(Other, mr0: 55);
        Assert.Equal(55u, sim.T(Client).Regs.R7);
    }

    [Fact]
    public void Rule06_ReplyWithoutReplyCapabilityIsSilentlyDropped()
    {
        var sim = ClientServer();
        sim.MakeCurrent(Server);
        var before = sim.TakeSnapshot();
        Assert.Equal(Error.Ok, sim.Reply(Server, mr0: 1));
        sim.T(Server).Regs = before.ThreadRegs(Server);
        sim.TakeSnapshot().AssertSameAs(before);
    }

    [Fact]
    public void Rule06_ReplyRecvWithoutReplyCapabilityGoesStraightToReceiving()
    {
        var sim = ClientServer();
        Assert.Equal(Error.Ok, sim.ReplyRecv(Server, Ep));
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Server).State);
    }

    [Fact]
    public void Rule06_ClientUsingSendCannotMakeTheServerBlockOrFail()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        sim.Send(Client, Ep, mr0: 1);
        Assert.Equal(Error.Ok, sim.SaveCaller(Server, 4));
        Assert.Equal((CapType.Null, Rights.None), sim.Identify(Server, 4));
        Assert.Equal(Error.Ok, sim.Reply(Server));
        Assert.Equal(ThreadState.Runnable, sim.T(Server).State);
        Assert.Equal(Error.Ok, sim.ReplyRecv(Server, Ep));    // nothing to answer, nothing stuck
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Server).State);
    }

    [Fact]
    public void Rule07_ReceivingAgainWithoutSavingLosesTheReplyCapability()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        sim.Send(Other, Ep, mr0: 3);
        sim.Recv(Server, Ep);                   // takes Other's message; the reply capability is gone
        Assert.True(sim.T(Server).CallerSlot.IsEmpty);
        sim.Reply(Server, mr0: 4);
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Client).State);
    }

    [Fact]
    public void Rule07_SaveCallerLetsAServerAnswerSeveralCallersInAnyOrder()
    {
        var sim = ClientServer();
        sim.Give(3, Ep, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, 0x33);
        sim.Call(Client, Ep, mr0: 1);
        sim.Call(Other, Ep, mr0: 2);
        sim.Call(3, Ep, mr0: 3);
        for (uint slot = 4; slot < 7; slot++)
        {
            sim.Recv(Server, Ep);
            Assert.Equal(Error.Ok, sim.SaveCaller(Server, slot));
            Assert.Equal((CapType.Reply, Rights.Write | Rights.Grant), sim.Identify(Server, slot));
        }
        sim.Send(Server, 5, mr0: 20);
        sim.Send(Server, 6, mr0: 30);
        sim.Send(Server, 4, mr0: 10);
        Assert.Equal(10u, sim.T(Client).Regs.R7);
        Assert.Equal(20u, sim.T(Other).Regs.R7);
        Assert.Equal(30u, sim.T(3).Regs.R7);
    }

    [Fact]
    public void Rule07_SaveCallerNeedsAnEmptyDestination()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        sim.ExpectRejected(Error.SlotOccupied, Server, SyscallNumber.SaveCaller, Ep);
        sim.ExpectRejected(Error.InvalidIndex, Server, SyscallNumber.SaveCaller, Sim.SlotsPerThread);
    }

    [Fact]
    public void Rule10_WithGrantCapabilitiesArriveInTheReceiveSlots()
    {
        var sim = ClientServer();
        sim.Give(Client, 5, CapType.Notification, 1, Rights.Write, 7);
        sim.Give(Client, 6, CapType.Endpoint, 1, Rights.Read);
        sim.Buffer(Client)[IpcBuffer.SendCaps] = 5;
        sim.Buffer(Client)[IpcBuffer.SendCaps + 1] = 6;
        sim.Buffer(Server)[IpcBuffer.ReceiveSlots] = 10;
        sim.Buffer(Server)[IpcBuffer.ReceiveSlots + 1] = 11;
        sim.Recv(Server, Ep);
        sim.Sys(Client, SyscallNumber.Send, Ep, Msg(1, 0, 2));
        Assert.Equal(2, sim.T(Server).Regs.Info.ExtraCaps);
        Assert.Equal(sim.Slot(Client, 5), sim.Slot(Server, 10));
        Assert.Equal(sim.Slot(Client, 6), sim.Slot(Server, 11));
        Assert.False(sim.Slot(Client, 5).IsEmpty);     // copied, not moved
    }

    [Fact]
    public void Rule10_WithoutGrantCapabilitiesStayButTheMessageArrives()
    {
        var sim = ClientServer(clientRights: Rights.Write | Rights.GrantReply);
        sim.Give(Client, 5, CapType.Notification, 1, Rights.Write, 7);
        sim.Buffer(Client)[IpcBuffer.SendCaps] = 5;
        sim.Buffer(Server)[IpcBuffer.ReceiveSlots] = 10;
        sim.Recv(Server, Ep);
        sim.Sys(Client, SyscallNumber.Send, Ep, Msg(9, 1, 1), mr0: 4);
        Assert.Equal(9u, sim.T(Server).Regs.Info.Label);
        Assert.Equal(4u, sim.T(Server).Regs.R7);
        Assert.Equal(0, sim.T(Server).Regs.Info.ExtraCaps);
        Assert.True(sim.Slot(Server, 10).IsEmpty);
    }

    [Fact]
    public void Rule10_TransferStopsAtAFullReceiveSlot()
    {
        var sim = ClientServer();
        sim.Give(Client, 5, CapType.Notification, 1, Rights.Write, 7);
        sim.Give(Client, 6, CapType.Endpoint, 1, Rights.Read);
        sim.Buffer(Client)[IpcBuffer.SendCaps] = 5;
        sim.Buffer(Client)[IpcBuffer.SendCaps + 1] = 6;
        sim.Buffer(Server)[IpcBuffer.ReceiveSlots] = 10;
        sim.Buffer(Server)[IpcBuffer.ReceiveSlots + 1] = Ep;  // full
        sim.Recv(Server, Ep);
        sim.Sys(Client, SyscallNumber.Send, Ep, Msg(1, 0, 2));
        Assert.Equal(1, sim.T(Server).Regs.Info.ExtraCaps);
        Assert.Equal(CapType.Endpoint, sim.Slot(Server, Ep).Type);
        Assert.Equal(0, sim.Slot(Server, Ep).Object);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rule10_ReplyCarriesCapabilitiesOnlyIfTheReceiverHadGrant(bool serverHasGrant)
    {
        var sim = ClientServer(serverRights: serverHasGrant ? Rights.Read | Rights.Grant : Rights.Read);
        sim.Give(Server, 5, CapType.Notification, 1, Rights.Write, 7);
        sim.Buffer(Server)[IpcBuffer.SendCaps] = 5;
        sim.Buffer(Client)[IpcBuffer.ReceiveSlots] = 10;
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        sim.Sys(Server, SyscallNumber.Reply, 0, Msg(0, 0, 1));
        Assert.Equal(serverHasGrant ? 1 : 0, sim.T(Client).Regs.Info.ExtraCaps);
        Assert.Equal(serverHasGrant, !sim.Slot(Client, 10).IsEmpty);
    }

    [Fact]
    public void Rule10_AttachedCapabilitiesMustBeInTheSendersCSpace()
    {
        var sim = ClientServer();
        sim.Buffer(Client)[IpcBuffer.SendCaps] = 9;
        sim.ExpectRejected(Error.EmptySlot, Client, SyscallNumber.Send, Ep, Msg(0, 0, 1));
        sim.Buffer(Client)[IpcBuffer.SendCaps] = 99;
        sim.ExpectRejected(Error.InvalidIndex, Client, SyscallNumber.Send, Ep, Msg(0, 0, 1));
    }

    [Fact]
    public void Rule11_NBCallWithoutAWaitingReceiverSendsNothing()
    {
        var sim = ClientServer();
        sim.ExpectRejected(Error.WouldBlock, Client, SyscallNumber.NBCall, Ep, Msg(1, 1));
        Assert.Equal(Error.WouldBlock, sim.NBRecv(Server, Ep));
    }

    [Fact]
    public void Rule11_NBCallToAWaitingReceiverWaitsForTheReplyLikeCall()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        Assert.Equal(Error.Ok, sim.NBCall(Client, Ep, mr0: 5));
        Assert.Equal(ThreadState.BlockedOnReply, sim.T(Client).State);
        Assert.Equal(5u, sim.T(Server).Regs.R7);
        sim.Reply(Server, mr0: 6);
        Assert.Equal(6u, sim.T(Client).Regs.R7);
    }

    [Fact]
    public void Rule11_NBCallNeedsAReplyRight()
    {
        var sim = ClientServer(clientRights: Rights.Write);
        sim.Recv(Server, Ep);
        sim.ExpectRejected(Error.MissingRight, Client, SyscallNumber.NBCall, Ep, Msg(1, 1));
    }

    [Fact]
    public void Rule12_NBSendRecvSendsOnOneCapabilityAndReceivesOnAnother()
    {
        var sim = ClientServer();
        sim.Give(Client, 1, CapType.Endpoint, 1, Rights.Read);
        sim.Give(Other, 1, CapType.Endpoint, 1, Rights.Write);
        sim.Recv(Server, Ep);
        Assert.Equal(Error.Ok, sim.Sys(Client, SyscallNumber.NBSendRecv, Ep, Msg(1, 1), r6: 1, mr0: 10));
        Assert.Equal(10u, sim.T(Server).Regs.R7);
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Client).State);
        sim.Send(Other, 1, mr0: 11);
        Assert.Equal(11u, sim.T(Client).Regs.R7);
    }

    [Fact]
    public void Rule12_NBSendRecvWithoutAReceiverDropsTheMessageAndStillReceives()
    {
        var sim = ClientServer();
        sim.Give(Client, 1, CapType.Endpoint, 1, Rights.Read);
        Assert.Equal(Error.Ok, sim.Sys(Client, SyscallNumber.NBSendRecv, Ep, Msg(1, 1), r6: 1));
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Client).State);
        Assert.Equal(Error.WouldBlock, sim.NBRecv(Server, Ep));
    }

    [Fact]
    public void Rule12_NBSendRecvWithABadReceiveCapabilitySendsNothing()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        sim.ExpectRejected(Error.EmptySlot, Client, SyscallNumber.NBSendRecv, Ep, Msg(1, 1), r6: 3);
        sim.ExpectRejected(Error.MissingRight, Client, SyscallNumber.NBSendRecv, Ep, Msg(1, 1), r6: Ep);
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Server).State);
    }

    [Fact]
    public void Rule12_NBSendRecvCanReplyThroughASavedReplyCapability()
    {
        var sim = ClientServer();
        sim.Recv(Server, Ep);
        sim.Call(Client, Ep);
        sim.SaveCaller(Server, 4);
        Assert.Equal(Error.Ok, sim.Sys(Server, SyscallNumber.NBSendRecv, 4, Msg(0, 1), r6: Ep, mr0: 8));
        Assert.Equal(8u, sim.T(Client).Regs.R7);
        Assert.Equal(ThreadState.BlockedOnReceive, sim.T(Server).State);
    }
}
