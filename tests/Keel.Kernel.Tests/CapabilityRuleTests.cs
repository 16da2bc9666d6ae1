// Rules 8 and 9: Identify, Mint, Copy, Move, Delete.
using Xunit;

namespace Keel.Kernel.Tests;

public class CapabilityRuleTests
{
    const int Owner = 0;

    static Sim Setup()
    {
        var sim = new Sim();
        sim.Give(Owner, 0, CapType.Endpoint, 1, Rights.Read | Rights.Write | Rights.Grant);
        sim.Give(Owner, 1, CapType.Notification, 0, Rights.Write, badge: 5);
        sim.Give(Owner, 2, CapType.Thread, 3, Rights.Write);
        sim.StartAll();
        return sim;
    }

    [Fact]
    public void Rule08_IdentifyReturnsTypeAndRights()
    {
        var sim = Setup();
        Assert.Equal((CapType.Endpoint, Rights.Read | Rights.Write | Rights.Grant), sim.Identify(Owner, 0));
        Assert.Equal((CapType.Notification, Rights.Write), sim.Identify(Owner, 1));
        Assert.Equal((CapType.Null, Rights.None), sim.Identify(Owner, 9));
    }

    [Fact]
    public void Rule08_IdentifyRevealsNeitherBadgeNorObject()
    {
        var a = Setup();
        var b = Setup();
        b.Give(Owner, 1, CapType.Notification, 1, Rights.Write, badge: 0x999);
        a.Identify(Owner, 1);
        b.Identify(Owner, 1);
        Assert.Equal(a.T(Owner).Regs, b.T(Owner).Regs);
    }

    [Fact]
    public void Rule08_IdentifyOnlySeesTheCallersOwnCSpace()
    {
        var sim = Setup();
        sim.ExpectRejected(Error.InvalidIndex, Owner, SyscallNumber.Identify, Sim.SlotsPerThread);
    }

    [Fact]
    public void Rule09_MintAddsABadgeToAnUnbadgedCapability()
    {
        var sim = Setup();
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Mint, 0, r6: 5, mr0: (uint)Rights.Write, mr1: 0x42));
        Assert.Equal(Capability.Create(CapType.Endpoint, 1, Rights.Write, 0x42), sim.Slot(Owner, 5));
        Assert.Equal(Rights.Read | Rights.Write | Rights.Grant, sim.Slot(Owner, 0).Rights);
    }

    [Fact]
    public void Rule09_MintCannotChangeAnExistingBadge()
    {
        var sim = Setup();
        sim.ExpectRejected(Error.InvalidArgument, Owner, SyscallNumber.Mint, 1, r6: 5, mr0: (uint)Rights.All, mr1: 6);
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Mint, 1, r6: 5, mr0: (uint)Rights.All, mr1: 0));
        Assert.Equal(5u, sim.Slot(Owner, 5).Badge);
    }

    [Fact]
    public void Rule09_MintCanOnlyRemoveRights()
    {
        var sim = Setup();
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Mint, 1, r6: 5, mr0: (uint)Rights.All));
        Assert.Equal(Rights.Write, sim.Slot(Owner, 5).Rights);
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Mint, 0, r6: 6, mr0: (uint)(Rights.Read | Rights.GrantReply)));
        Assert.Equal(Rights.Read, sim.Slot(Owner, 6).Rights);
        sim.ExpectRejected(Error.InvalidArgument, Owner, SyscallNumber.Mint, 0, r6: 7, mr0: 0x10);
    }

    [Fact]
    public void Rule09_ABadgeIsAtMost28BitsWideAsTheBuildAllows()
    {
        var sim = Setup();
        sim.ExpectRejected(Error.InvalidArgument, Owner, SyscallNumber.Mint, 0, r6: 5, mr0: (uint)Rights.All, mr1: 1u << 28);
        sim.ExpectRejected(Error.InvalidArgument, Owner, SyscallNumber.Mint, 0, r6: 5, mr0: (uint)Rights.All, mr1: uint.MaxValue);
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Mint, 0, r6: 5, mr0: (uint)Rights.All, mr1: (1u << 28) - 1));
        Assert.Equal((1u << 28) - 1, sim.Slot(Owner, 5).Badge);
    }

    [Fact]
    public void Rule09_OnlyEndpointAndNotificationCapabilitiesTakeBadges()
    {
        var sim = Setup();
        sim.ExpectRejected(Error.InvalidArgument, Owner, SyscallNumber.Mint, 2, r6: 5, mr0: (uint)Rights.All, mr1: 1);
    }

    [Fact]
    public void Rule09_CopyAndMoveKeepRightsAndBadge()
    {
        var sim = Setup();
        Capability original = sim.Slot(Owner, 1);
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Copy, 1, r6: 5));
        Assert.Equal(original, sim.Slot(Owner, 5));
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Move, 5, r6: 6));
        Assert.Equal(original, sim.Slot(Owner, 6));
        Assert.True(sim.Slot(Owner, 5).IsEmpty);
    }

    [Fact]
    public void Rule09_DeleteEmptiesASlotAndIsIdempotent()
    {
        var sim = Setup();
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Delete, 1));
        Assert.True(sim.Slot(Owner, 1).IsEmpty);
        Assert.Equal(Error.Ok, sim.Sys(Owner, SyscallNumber.Delete, 1));
    }
}
