using System;
using System.Linq;
using Keel.Kernel;
using Keel.UserLib;
using Keel.Testing;
using Ipc = Keel.UserLib.Ipc;
using Task = Keel.UserLib.Task;
using Xunit;

namespace Keel.Generators.Tests;

// A generated client calling a generated server, both running on the portable kernel
// (Keel.Testing's HostSystem): what the client passes is what the implementation gets, what it
// answers is what the client gets, capabilities land where the contract says, and
// every malformed request or reply is refused by the side that receives it, which goes
// on working (docs/drivers.md).
public class RoundTripTests
{
    private const int Server = 0;
    private const int Client = 1;

    // The server's CSpace.
    private const uint Requests = 1;     // the endpoint it serves, with Grant: its replies may carry capabilities
    private const uint Returned = 3;     // what Give returns (Probe.GiveSlot)
    private const uint ReceiveSlot = 6;  // where a transferred capability lands

    // The client's CSpace.
    private const uint ProbeCap = 1;     // Write, Grant, GrantReply; badge 5
    private const uint Notification = 2; // a capability it transfers
    private const uint WithoutGrant = 4; // Write and GrantReply only; badge 6
    private const uint Landing = 7;      // where a returned capability lands
    private const uint Empty = 9;

    private const uint Badge = 5;

    private sealed class ProbeBox
    {
        public Probe Probe;
    }

    private static (HostSystem Host, ProbeBox Box) Setup(byte serverPriority = 1, byte clientPriority = 2)
    {
        var host = new HostSystem([serverPriority, clientPriority]);
        HostSystem sim = host;
        sim.Give(Server, Requests, CapType.Endpoint, 0, Rights.Read | Rights.Grant);
        sim.Give(Server, Returned, CapType.Endpoint, 1, Rights.All);
        sim.Give(Client, ProbeCap, CapType.Endpoint, 0, Rights.Write | Rights.Grant | Rights.GrantReply, Badge);
        sim.Give(Client, Notification, CapType.Notification, 0, Rights.All);
        sim.Give(Client, WithoutGrant, CapType.Endpoint, 0, Rights.Write | Rights.GrantReply, 6);
        var box = new ProbeBox();
        host.Task(Server, () => ProbeServer.Serve(ref box.Probe, Requests, ReceiveSlot));
        return (host, box);
    }

    [Fact]
    public void EveryKindOfParameterArrivesAsSentAndComesBackAsAnswered()
    {
        (HostSystem host, ProbeBox box) = Setup();
        var probe = new ProbeClient(ProbeCap, Landing);
        byte[] sixty = Enumerable.Range(0, 60).Select(i => (byte)(200 + i)).ToArray();
        host.Task(Client, () =>
        {
            Assert.Equal(Error.Ok, probe.Add(-5, -300, -7, out int sum));
            Assert.Equal(-312, sum);

            Assert.Equal(Error.Ok, probe.Echo(true, 255, 65535, 0xFFFF_FFFF, 'λ', Mode.Fast, Options.Echo | Options.Loud,
                out bool flag, out byte small, out ushort medium, out uint large, out char letter, out Mode mode, out Options options));
            Assert.Equal((true, (byte)255, (ushort)65535, 0xFFFF_FFFFu, 'λ', Mode.Fast, Options.Echo | Options.Loud),
                (flag, small, medium, large, letter, mode, options));

            Span<byte> reversed = stackalloc byte[13];
            Assert.Equal(Error.Ok, probe.Reverse("Hello, world!"u8, reversed));
            Assert.Equal("!dlrow ,olleH", System.Text.Encoding.ASCII.GetString(reversed));

            Span<byte> filled = stackalloc byte[60];
            Assert.Equal(Error.Ok, probe.Fill(10, filled));
            Assert.Equal(Enumerable.Range(10, 60).Select(i => (byte)i).ToArray(), filled.ToArray());

            Assert.Equal(Error.Ok, probe.Sum(sixty, out uint total));
            Assert.Equal((uint)sixty.Sum(b => b), total);
        });
        host.Run(until: Client);
        Assert.Equal(5, box.Probe.Calls);
        Assert.Equal(Badge, box.Probe.LastBadge);
    }

    [Fact]
    public void ATransferredCapabilityLandsInTheReceiveSlotAndIsDeletedUnlessTheImplementationMovesIt()
    {
        (HostSystem host, ProbeBox box) = Setup();
        var probe = new ProbeClient(ProbeCap, Landing);
        host.Task(Client, () =>
        {
            Assert.Equal(Error.Ok, probe.Keep(Notification, move: false, out uint kept));
            Assert.Equal(ReceiveSlot, kept);
            Assert.True(host.Slot(Server, ReceiveSlot).IsEmpty);

            Assert.Equal(Error.Ok, probe.Keep(Notification, move: true, out kept));
            Assert.Equal(Probe.KeepSlot, kept);
            Assert.Equal(CapType.Notification, host.Slot(Server, Probe.KeepSlot).Type);
            Assert.True(host.Slot(Server, ReceiveSlot).IsEmpty);
            Assert.Equal(CapType.Notification, host.Slot(Client, Notification).Type);
        });
        host.Run(until: Client);
        Assert.Equal(2, box.Probe.Calls);
    }

    [Fact]
    public void ACapabilityTheServerReturnsLandsInTheClientsReceiveSlot()
    {
        (HostSystem host, _) = Setup();
        host.Task(Client, () =>
        {
            Assert.Equal(Error.Ok, new ProbeClient(ProbeCap, Landing).Give(out uint endpoint));
            Assert.Equal(Landing, endpoint);
            Assert.Equal(CapType.Endpoint, host.Slot(Client, Landing).Type);
        });
        host.Run(until: Client);
    }

    [Fact]
    public void TheImplementationsStatusReachesTheClientWithItsOutParametersUnset()
    {
        (HostSystem host, _) = Setup();
        host.Task(Client, () =>
        {
            Assert.Equal(Error.NotOwned, new ProbeClient(ProbeCap, Landing).Fail(Error.NotOwned, out uint unset));
            Assert.Equal(0u, unset);
        });
        host.Run(until: Client);
    }

    [Fact]
    public void TheKernelsStatusReachesTheClient()
    {
        (HostSystem host, ProbeBox box) = Setup();
        host.Task(Client, () =>
        {
            Assert.Equal(Error.EmptySlot, new ProbeClient(Empty, Landing).Add(1, 2, 3, out int sum));
            Assert.Equal(0, sum);
        });
        host.Run(until: Client);
        Assert.Equal(0, box.Probe.Calls);
    }

    [Fact]
    public void ASpanOverItsMaxLengthIsTooLongAndSendsNothing()
    {
        (HostSystem host, ProbeBox box) = Setup();
        host.Task(Client, () =>
        {
            var probe = new ProbeClient(ProbeCap, Landing);
            Span<byte> reversed = stackalloc byte[20];
            Assert.Equal(Error.TooLong, probe.Reverse(new byte[21], reversed));
            Span<byte> tooLong = stackalloc byte[21];
            Assert.Equal(Error.TooLong, probe.Reverse(new byte[20], tooLong));
        });
        host.Run(until: Client);
        Assert.Equal(0, box.Probe.Calls);
    }

    [Fact]
    public void WithoutGrantNoCapabilityTravelsAndTheOperationIsRefused()
    {
        (HostSystem host, ProbeBox box) = Setup();
        host.Task(Client, () =>
            Assert.NotEqual(Error.Ok, new ProbeClient(WithoutGrant, Landing).Keep(Notification, move: true, out _)));
        host.Run(until: Client);
        Assert.Equal(0, box.Probe.Calls);
        Assert.True(host.Slot(Server, Probe.KeepSlot).IsEmpty);
    }

    [Fact]
    public void AClientThatMustNotWaitGetsWouldBlockWhenTheServerIsBusy()
    {
        // The client runs first: the server has not reached its receive yet.
        (HostSystem host, _) = Setup(serverPriority: 2, clientPriority: 1);
        host.Task(Client, () =>
        {
            var probe = new ProbeClient(ProbeCap, Landing);
            Assert.Equal(Error.WouldBlock, probe.WithoutWaiting.Add(1, 2, 3, out _));
            Assert.Equal(Error.Ok, probe.Add(1, 2, 3, out int sum));
            Assert.Equal(6, sum);
        });
        host.Run(until: Client);
    }

    // Hand-packed requests, as a buggy or hostile client sends them. Labels: Add 1,
    // Echo 2, Reverse 3, Fill 4, Sum 5, Keep 6.
    public static TheoryData<string, uint, uint[], Error> BadRequests => new()
    {
        { "no such operation", 99, [], Error.UnknownOperation },
        { "label 0", 0, [], Error.UnknownOperation },
        { "Add, a word short", 1, [1, 2], Error.MalformedMessage },
        { "Add, a word too many", 1, [1, 2, 3, 4], Error.MalformedMessage },
        { "Add, an sbyte of 128", 1, [1, 2, 128], Error.MalformedMessage },
        { "Add, a short of -32769", 1, [1, unchecked((uint)-32769), 3], Error.MalformedMessage },
        { "Echo, a bool of 2", 2, [2, 0, 0, 0, 0, 0, 0], Error.MalformedMessage },
        { "Echo, a byte of 256", 2, [1, 256, 0, 0, 0, 0, 0], Error.MalformedMessage },
        { "Echo, a ushort of 65536", 2, [1, 0, 65536, 0, 0, 0, 0], Error.MalformedMessage },
        { "Echo, a char of 65536", 2, [1, 0, 0, 0, 65536, 0, 0], Error.MalformedMessage },
        { "Echo, a Mode it does not define", 2, [1, 0, 0, 0, 0, 3, 0], Error.MalformedMessage },
        { "Echo, an Options bit it does not define", 2, [1, 0, 0, 0, 0, 0, 2], Error.MalformedMessage },
        { "Reverse, a span of 21", 3, [21, 21, 0, 0, 0, 0, 0, 0], Error.MalformedMessage },
        { "Reverse, fewer data words than its length", 3, [8, 8, 0], Error.MalformedMessage },
        { "Fill, a buffer of 61", 4, [0, 61], Error.MalformedMessage },
        { "Keep without its capability", 6, [1], Error.MalformedMessage },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void AMalformedRequestIsAnsweredWithoutCallingTheImplementationAndTheServerGoesOn(string what, uint label, uint[] words, Error expected)
    {
        (HostSystem host, ProbeBox box) = Setup();
        host.Task(Client, () =>
        {
            for (int i = 4; i < words.Length; i++)
                Task.SetBufferedWord(i, words[i]);
            uint Word(int i) => i < words.Length ? words[i] : 0;
            Message reply = Ipc.Call(ProbeCap, label, words.Length, Word(0), Word(1), Word(2), Word(3));
            Assert.Equal(Error.Ok, reply.Status);
            Assert.True((Error)reply.Label == expected, $"{what}: answered {(Error)reply.Label}");
            Assert.Equal(0, reply.Info.Length);

            Assert.Equal(Error.Ok, new ProbeClient(ProbeCap, Landing).Add(1, 2, 3, out int sum));
            Assert.Equal(6, sum);
        });
        host.Run(until: Client);
        Assert.Equal(1, box.Probe.Calls);
    }

    [Fact]
    public void AMalformedReplyIsRefusedByTheClientWithItsOutParametersUnset()
    {
        (HostSystem host, _) = Setup();
        // A server that answers Ok with the wrong words (none for Add, a Mode of 3 for
        // Echo), then answers Add rightly but attaches a capability the client did not
        // ask for, which must land nowhere.
        host.Task(Server, () =>
        {
            Ipc.Recv(Requests);
            Ipc.ReplyRecv(Requests, 0);
            for (int i = 4; i < 7; i++)
                Task.SetBufferedWord(i, i == 5 ? 3u : 0u);
            Ipc.ReplyRecv(Requests, 0, 7, 1, 1, 1, 1);
            Task.AttachCap(Returned);
            Ipc.ReplyRecv(Requests, 0, 1, 42, extraCaps: 1);
            while (true)
                Ipc.Recv(Requests);
        });
        host.Task(Client, () =>
        {
            var probe = new ProbeClient(ProbeCap, Landing);
            Assert.Equal(Error.MalformedMessage, probe.Add(1, 2, 3, out int sum));
            Assert.Equal(0, sum);
            Assert.Equal(Error.MalformedMessage, probe.Echo(true, 1, 1, 1, 'a', Mode.Slow, Options.Echo,
                out bool flag, out _, out _, out _, out _, out Mode mode, out _));
            Assert.Equal((false, Mode.Off), (flag, mode));
            Assert.Equal(Error.Ok, probe.Add(1, 2, 3, out sum));
            Assert.Equal(42, sum);
            for (uint slot = 1; slot < HostKernel.SlotsPerThread; slot++)
                Assert.True(host.Slot(Client, slot).IsEmpty || slot is ProbeCap or Notification or WithoutGrant, $"slot {slot} was filled");
        });
        host.Run(until: Client);
    }
}
