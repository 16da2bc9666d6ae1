// Rule 16: every rejected invocation returns its documented error and changes no state.
using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static Keel.Kernel.Tests.Sim;

namespace Keel.Kernel.Tests;

public class ErrorRuleTests
{
    const int Caller = 0;

    // The caller's CSpace.
    const uint EpAll = 0, EpNoRights = 1, NtfnAll = 2, NtfnNoRights = 3, ThreadNoRights = 4, IrqNoRights = 5,
        Empty = 6, ThreadAll = 7, BadgedEp = 9, EpWriteOnly = 11, IdleEp = 12, OutOfRange = 99;

    // What a task's console prints for a status (userlib's Console.Write(Error)) is its
    // name as the enumeration spells it, for every code; an unknown code is not a name.
    [Fact]
    public void EveryStatusPrintsAsItsName()
    {
        foreach (Error error in Enum.GetValues<Error>())
            Assert.Equal(error.ToString(), System.Text.Encoding.ASCII.GetString(ErrorNames.Name(error)));
        Assert.Equal("UnknownError", System.Text.Encoding.ASCII.GetString(ErrorNames.Name((Error)99)));
    }

    static Sim Setup()
    {
        var sim = new Sim(threads: 4);
        sim.Give(Caller, EpAll, CapType.Endpoint, 0, Rights.All);
        sim.Give(Caller, EpNoRights, CapType.Endpoint, 0, Rights.None);
        sim.Give(Caller, NtfnAll, CapType.Notification, 0, Rights.All);
        sim.Give(Caller, NtfnNoRights, CapType.Notification, 0, Rights.None);
        sim.Give(Caller, ThreadNoRights, CapType.Thread, 1, Rights.None);
        sim.Give(Caller, IrqNoRights, CapType.IrqHandler, 0, Rights.None);
        sim.Give(Caller, ThreadAll, CapType.Thread, 1, Rights.All);
        sim.Give(Caller, BadgedEp, CapType.Endpoint, 0, Rights.All, badge: 5);
        sim.Give(Caller, EpWriteOnly, CapType.Endpoint, 0, Rights.Write);
        sim.Give(Caller, IdleEp, CapType.Endpoint, 1, Rights.All);
        // Some state for a rejected call to disturb: a receiver, a waiter, a pending signal.
        sim.Give(2, 0, CapType.Endpoint, 0, Rights.Read);
        sim.Give(3, 0, CapType.Notification, 1, Rights.Read);
        sim.StartAll();
        sim.Recv(2, 0);
        sim.Sys(3, SyscallNumber.Wait, 0);
        sim.K.Notifications[0].Word = 0x8;
        sim.K.Notifications[0].Signalled = true;
        Kernel.BindNotification(ref sim.K, 1, 0);     // the caller's notification is thread 1's
        return sim;
    }

    public record Case(string Name, SyscallNumber Number, uint R4, int Length, uint R6, uint Mr0, uint Mr1, Error Expected)
    {
        public override string ToString() => Name;
    }

    static readonly SyscallNumber[] Messaging =
    {
        SyscallNumber.Send, SyscallNumber.NBSend, SyscallNumber.Call, SyscallNumber.NBCall,
        SyscallNumber.ReplyRecv, SyscallNumber.NBSendRecv,
    };

    static IEnumerable<Case> Cases()
    {
        // Capability index out of the caller's CSpace, for every call that takes one.
        foreach (SyscallNumber n in Enum.GetValues<SyscallNumber>())
            if (n != SyscallNumber.Reply && n != SyscallNumber.Yield)
                yield return new($"{n}: index out of range", n, OutOfRange, 0, Empty, 0, 0, Error.InvalidIndex);
        yield return new("NBSendRecv: receive index out of range", SyscallNumber.NBSendRecv, EpAll, 0, OutOfRange, 0, 0, Error.InvalidIndex);
        foreach (SyscallNumber n in new[] { SyscallNumber.Mint, SyscallNumber.Copy, SyscallNumber.Move })
            yield return new($"{n}: destination out of range", n, EpAll, 0, OutOfRange, (uint)Rights.All, 0, Error.InvalidIndex);

        // Empty slot.
        foreach (SyscallNumber n in Enum.GetValues<SyscallNumber>())
            if (n is not (SyscallNumber.Reply or SyscallNumber.Yield or SyscallNumber.Delete or SyscallNumber.SaveCaller or SyscallNumber.Identify))
                yield return new($"{n}: empty slot", n, Empty, 0, EpAll, (uint)Rights.All, 0, Error.EmptySlot);
        yield return new("NBSendRecv: empty receive slot", SyscallNumber.NBSendRecv, EpAll, 0, Empty, 0, 0, Error.EmptySlot);

        // Wrong type.
        foreach (SyscallNumber n in Messaging.Append(SyscallNumber.Recv).Append(SyscallNumber.NBRecv))
            yield return new($"{n}: notification instead of endpoint", n, NtfnAll, 0, EpAll, 0, 0, Error.WrongType);
        yield return new("NBSendRecv: receive on a notification", SyscallNumber.NBSendRecv, EpAll, 0, NtfnAll, 0, 0, Error.WrongType);
        yield return new("CancelBadgedSends: notification instead", SyscallNumber.CancelBadgedSends, NtfnAll, 0, 0, 5, 0, Error.WrongType);
        foreach (SyscallNumber n in new[] { SyscallNumber.Signal, SyscallNumber.Wait, SyscallNumber.Poll, SyscallNumber.IrqAck,
                     SyscallNumber.ThreadSuspend, SyscallNumber.ThreadResume, SyscallNumber.ThreadRestart })
            yield return new($"{n}: endpoint instead", n, EpAll, 0, 0, 0, 0, Error.WrongType);

        // Missing right.
        foreach (SyscallNumber n in Messaging.Append(SyscallNumber.Recv).Append(SyscallNumber.NBRecv))
            yield return new($"{n}: no rights", n, EpNoRights, 0, EpAll, 0, 0, Error.MissingRight);
        yield return new("Call: no reply right", SyscallNumber.Call, EpWriteOnly, 0, 0, 0, 0, Error.MissingRight);
        yield return new("NBCall: no reply right", SyscallNumber.NBCall, EpWriteOnly, 0, 0, 0, 0, Error.MissingRight);
        yield return new("NBSendRecv: receive without Read", SyscallNumber.NBSendRecv, EpAll, 0, EpWriteOnly, 0, 0, Error.MissingRight);
        foreach (SyscallNumber n in new[] { SyscallNumber.Signal, SyscallNumber.Wait, SyscallNumber.Poll })
            yield return new($"{n}: no rights", n, NtfnNoRights, 0, 0, 0, 0, Error.MissingRight);
        yield return new("IrqAck: no rights", SyscallNumber.IrqAck, IrqNoRights, 0, 0, 0, 0, Error.MissingRight);
        yield return new("CancelBadgedSends: no rights", SyscallNumber.CancelBadgedSends, EpNoRights, 0, 0, 5, 0, Error.MissingRight);
        foreach (SyscallNumber n in new[] { SyscallNumber.ThreadSuspend, SyscallNumber.ThreadResume, SyscallNumber.ThreadRestart })
            yield return new($"{n}: no rights", n, ThreadNoRights, 0, 0, 0, 0, Error.MissingRight);

        // Oversized message.
        foreach (SyscallNumber n in Messaging.Append(SyscallNumber.Reply))
            yield return new($"{n}: 17 words", n, EpAll, IpcBuffer.MaxWords + 1, EpAll, 0, 0, Error.MessageTooLong);

        // Bad arguments.
        yield return new("Mint: unknown right in mask", SyscallNumber.Mint, EpAll, 0, Empty, 0x10, 0, Error.InvalidArgument);
        yield return new("Mint: re-badging", SyscallNumber.Mint, BadgedEp, 0, Empty, (uint)Rights.All, 6, Error.InvalidArgument);
        yield return new("Mint: badging a thread capability", SyscallNumber.Mint, ThreadAll, 0, Empty, (uint)Rights.All, 6, Error.InvalidArgument);
        yield return new("CancelBadgedSends: through a badged capability", SyscallNumber.CancelBadgedSends, BadgedEp, 0, 0, 5, 0, Error.InvalidArgument);
        yield return new("CancelBadgedSends: badge 0", SyscallNumber.CancelBadgedSends, EpAll, 0, 0, 0, 0, Error.InvalidArgument);

        // Occupied destination.
        foreach (SyscallNumber n in new[] { SyscallNumber.Mint, SyscallNumber.Copy, SyscallNumber.Move })
            yield return new($"{n}: destination full", n, EpAll, 0, NtfnAll, (uint)Rights.All, 0, Error.SlotOccupied);
        yield return new("SaveCaller: destination full", SyscallNumber.SaveCaller, EpAll, 0, 0, 0, 0, Error.SlotOccupied);

        // A notification bound to another thread is that thread's to receive.
        yield return new("Wait: a notification bound to another thread", SyscallNumber.Wait, NtfnAll, 0, 0, 0, 0, Error.BoundToAnotherThread);
        yield return new("Poll: a notification bound to another thread", SyscallNumber.Poll, NtfnAll, 0, 0, 0, 0, Error.BoundToAnotherThread);

        // Non-blocking calls that find nobody change nothing either.
        yield return new("NBRecv: no sender", SyscallNumber.NBRecv, EpAll, 0, 0, 0, 0, Error.WouldBlock);
        yield return new("NBCall: no receiver", SyscallNumber.NBCall, IdleEp, 0, 0, 0, 0, Error.WouldBlock);
    }

    public static IEnumerable<object[]> CaseData() => Cases().Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(CaseData))]
    public void Rule16_RejectedInvocationReturnsItsErrorAndChangesNoState(Case c)
    {
        var sim = Setup();
        sim.ExpectRejected(c.Expected, Caller, c.Number, c.R4, Msg(0, c.Length), c.R6, c.Mr0, c.Mr1);
    }

    [Fact]
    public void Rule16_EveryErrorCodeHasACase()
    {
        var covered = Cases().Select(c => c.Expected).ToHashSet();
        // NotPermitted is the port's answer to a platform call (hal/Port/PlatformCalls.cs),
        // tested on the target. Cancelled and Revoked end a blocked IPC that was accepted:
        // they are not refusals (ThreadCapabilityTests, RevocationRuleTests). Statuses
        // from 64 up are servers' (docs/drivers.md), which the kernel never returns.
        foreach (Error e in Enum.GetValues<Error>())
            if (e is not (Error.Ok or Error.Cancelled or Error.Revoked or Error.NotPermitted) && (uint)e < (uint)Error.UnknownOperation)
                Assert.Contains(e, covered);
    }
}
