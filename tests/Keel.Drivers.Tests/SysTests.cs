using System.Collections.Generic;
using System.Linq;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Keel.UserLib;
using Xunit;

namespace Keel.Drivers.Tests;

// The sys task's logic (drivers/sys/SysDriver.cs) against fake RCC, GPIO, SYSCFG and
// EXTI blocks and a fake kernel: the registers each request writes, the authority its
// badge gives (NotOwned otherwise, with nothing written), the console's pins refused to
// every badge, EXTI subscriptions (Busy, NotOwned) and the dispatch of a pending line
// to its subscriber's notification. Caller.Badge is a static, so these tests run in a
// collection of their own, never beside another test that sets it.
[Collection(SysTests.CallerBadgeCollection)]
public class SysTests
{
    public const string CallerBadgeCollection = "Caller.Badge";

    private const uint FirstLineSlot = 10;
    private const uint ReceiveSlot = 9;

    private static readonly uint LedBadge = SysBadge.For(Port.A, 1 << 5);            // PA5
    private static readonly uint ButtonBadge = SysBadge.For(Port.C, 1 << 13);        // PC13
    private static readonly uint I2cBadge = SysBadge.For(Port.B, (1 << 8) | (1 << 9), Peripheral.I2c1);

    private sealed class FakeKernel : ISysKernel
    {
        public readonly List<string> Calls = new();
        public readonly HashSet<uint> Notifications = new() { ReceiveSlot };

        public Error Move(uint source, uint destination)
        {
            Calls.Add($"move {source} -> {destination}");
            return Error.Ok;
        }

        public Error Delete(uint slot)
        {
            Calls.Add($"delete {slot}");
            return Error.Ok;
        }

        public bool IsSignallableNotification(uint slot) => Notifications.Contains(slot);

        public Error Signal(uint slot)
        {
            Calls.Add($"signal {slot}");
            return Error.Ok;
        }

        public Error AcknowledgeIrq(int group)
        {
            Calls.Add($"ack {ExtiGroups.Irq(group)}");
            return Error.Ok;
        }
    }

    private readonly FakeRegisters _rcc = new();
    private readonly FakeRegisters _gpio = new();
    private readonly FakeRegisters _syscfg = new();
    private readonly FakeRegisters _exti = new();
    private readonly FakeKernel _kernel = new();
    private SysDriver<FakeRegisters, FakeKernel> _sys;

    public SysTests()
    {
        _sys = new SysDriver<FakeRegisters, FakeKernel>(_rcc, _gpio, _syscfg, _exti, _kernel, FirstLineSlot, new uint[16]);
    }

    private static uint PortOffset(Port port, uint register) => (uint)port * 0x400 + register;

    private int WriteCount => _rcc.Writes.Count + _gpio.Writes.Count + _syscfg.Writes.Count + _exti.Writes.Count;

    private Error As(uint badge, System.Func<Error> request)
    {
        Caller.Badge = badge;
        return request();
    }

    [Fact]
    public void StartRunsTheClocksOfEveryPortAndOfSyscfgAndResetsNothing()
    {
        _sys.Start();

        // GPIOA..E (bits 0-4) and GPIOH (bit 7) in AHB1ENR; SYSCFGEN (bit 14) in APB2ENR.
        Assert.Equal(0x9Fu, _rcc[0x30]);
        Assert.Equal(1u << 14, _rcc[0x44]);
        Assert.DoesNotContain(_rcc.Writes, write => write.Offset is 0x10 or 0x20 or 0x24);
    }

    // Each peripheral's enable register and bit, from RM0090 6.3.12/6.3.13 and RM0368
    // 6.3.11/6.3.12 (APB1ENR 0x40, APB2ENR 0x44); its reset register (APB1RSTR 0x20,
    // APB2RSTR 0x24) has the bit at the same place.
    [Theory]
    [InlineData(Peripheral.Tim2, 0x40u, 0)]
    [InlineData(Peripheral.Tim3, 0x40u, 1)]
    [InlineData(Peripheral.Tim4, 0x40u, 2)]
    [InlineData(Peripheral.Tim5, 0x40u, 3)]
    [InlineData(Peripheral.Spi2, 0x40u, 14)]
    [InlineData(Peripheral.Spi3, 0x40u, 15)]
    [InlineData(Peripheral.I2c1, 0x40u, 21)]
    [InlineData(Peripheral.I2c2, 0x40u, 22)]
    [InlineData(Peripheral.I2c3, 0x40u, 23)]
    [InlineData(Peripheral.Usart1, 0x44u, 4)]
    [InlineData(Peripheral.Usart6, 0x44u, 5)]
    [InlineData(Peripheral.Spi1, 0x44u, 12)]
    public void EnableClockGatesThePeripheralsClockThenPulsesItsReset(Peripheral peripheral, uint enableOffset, int bit)
    {
        uint resetOffset = enableOffset == 0x40u ? 0x20u : 0x24u;
        _rcc[enableOffset] = 0x1000_0000;   // another peripheral's clock, left running

        Assert.Equal(Error.Ok, As(SysBadge.For(Port.A, 0, peripheral), () => _sys.EnableClock(peripheral)));

        Assert.Equal(0x1000_0000u | (1u << bit), _rcc[enableOffset]);
        Assert.Equal(new[] { (enableOffset, 0x1000_0000u | (1u << bit)), (resetOffset, 1u << bit), (resetOffset, 0u) }, _rcc.Writes);
    }

    [Fact]
    public void ResetPeripheralPulsesOnlyTheReset()
    {
        Assert.Equal(Error.Ok, As(I2cBadge, () => _sys.ResetPeripheral(Peripheral.I2c1)));

        Assert.Equal(new[] { (0x20u, 1u << 21), (0x20u, 0u) }, _rcc.Writes);
    }

    [Fact]
    public void APeripheralTheBadgeDoesNotNameIsNotOwnedAndNothingIsWritten()
    {
        Assert.Equal(Error.NotOwned, As(I2cBadge, () => _sys.EnableClock(Peripheral.I2c2)));
        Assert.Equal(Error.NotOwned, As(I2cBadge, () => _sys.ResetPeripheral(Peripheral.Spi1)));
        Assert.Equal(Error.NotOwned, As(LedBadge, () => _sys.EnableClock(Peripheral.Tim2)));
        Assert.Equal(Error.InvalidArgument, As(LedBadge, () => _sys.EnableClock(Peripheral.None)));
        Assert.Equal(Error.InvalidArgument, As(SysBadge.For(Port.A, 0, (Peripheral)31), () => _sys.EnableClock((Peripheral)31)));
        Assert.Equal(0, WriteCount);

        // ... and the task goes on serving.
        Assert.Equal(Error.Ok, As(I2cBadge, () => _sys.EnableClock(Peripheral.I2c1)));
    }

    [Fact]
    public void ConfigureAnOutputWritesTheOwnedPinsFieldsAndTheModeLast()
    {
        uint moder = PortOffset(Port.A, 0x00);
        _gpio[moder] = 0xA800_00A0;   // the console's PA2/PA3 in alternate mode, SWD pins too

        Assert.Equal(Error.Ok, As(LedBadge, () => _sys.Configure(Port.A, 1 << 5, PinMode.Output, OutputType.PushPull, Pull.None, 0)));

        Assert.Equal(0xA800_00A0u | (1u << 10), _gpio[moder]);
        Assert.Equal(moder, _gpio.Writes[^1].Offset);
        Assert.Equal(0u, _gpio[PortOffset(Port.A, 0x04)]);
        Assert.Equal(0u, _gpio[PortOffset(Port.A, 0x0C)]);
    }

    [Fact]
    public void ConfigureAnAlternateFunctionOpenDrainWithPullUpOnTwoPins()
    {
        Assert.Equal(Error.Ok, As(I2cBadge, () => _sys.Configure(Port.B, (1 << 8) | (1 << 9), PinMode.Alternate, OutputType.OpenDrain, Pull.Up, 4)));

        uint port = PortOffset(Port.B, 0);
        Assert.Equal((2u << 16) | (2u << 18), _gpio[port + 0x00]);
        Assert.Equal((1u << 8) | (1u << 9), _gpio[port + 0x04]);
        Assert.Equal((1u << 16) | (1u << 18), _gpio[port + 0x0C]);
        Assert.Equal(0x44u, _gpio[port + 0x24]);   // AFRH: pins 8 and 9 = AF4
        Assert.Equal(0u, _gpio[port + 0x20]);
    }

    [Fact]
    public void PinsOutsideTheBadgeOrOnAnotherPortAreNotOwnedAndNothingIsWritten()
    {
        Assert.Equal(Error.NotOwned, As(LedBadge, () => _sys.Configure(Port.A, (1 << 5) | (1 << 6), PinMode.Output, OutputType.PushPull, Pull.None, 0)));
        Assert.Equal(Error.NotOwned, As(LedBadge, () => _sys.Configure(Port.B, 1 << 5, PinMode.Output, OutputType.PushPull, Pull.None, 0)));
        Assert.Equal(Error.NotOwned, As(LedBadge, () => _sys.Write(Port.A, 1 << 6, 0)));
        Assert.Equal(Error.NotOwned, As(LedBadge, () => _sys.Write(Port.C, 1 << 5, 0)));
        Assert.Equal(Error.NotOwned, As(LedBadge, () => _sys.Toggle(Port.A, 1 << 4)));
        Assert.Equal(Error.NotOwned, As(LedBadge, () => _sys.Read(Port.B, out _)));
        Assert.Equal(Error.NotOwned, As(0, () => _sys.Write(Port.A, 1 << 0, 0)));
        Assert.Equal(0, WriteCount);

        Assert.Equal(Error.Ok, As(LedBadge, () => _sys.Write(Port.A, 1 << 5, 0)));
    }

    [Fact]
    public void TheConsolePinsAreRefusedWhateverTheBadgeSays()
    {
        uint everyPinOfA = SysBadge.For(Port.A, 0xFFFF);
        _gpio[PortOffset(Port.A, 0x10)] = 0xFFFF;

        Assert.Equal(Error.NotOwned, As(everyPinOfA, () => _sys.Configure(Port.A, 1 << 2, PinMode.Output, OutputType.PushPull, Pull.None, 0)));
        Assert.Equal(Error.NotOwned, As(everyPinOfA, () => _sys.Configure(Port.A, 0xFFFF, PinMode.Input, OutputType.PushPull, Pull.None, 0)));
        Assert.Equal(Error.NotOwned, As(everyPinOfA, () => _sys.Write(Port.A, 0, 1 << 3)));
        Assert.Equal(Error.NotOwned, As(everyPinOfA, () => _sys.Toggle(Port.A, 1 << 2)));
        Assert.Equal(Error.NotOwned, As(everyPinOfA, () => _sys.Subscribe(Port.A, 3, Edge.Both, ReceiveSlot)));
        Assert.Equal(0, WriteCount);
        Assert.Empty(_kernel.Calls);

        ushort levels = 0;
        Assert.Equal(Error.Ok, As(everyPinOfA, () => _sys.Read(Port.A, out levels)));
        Assert.Equal(0xFFF3, levels);
        // Every other pin of port A is the badge's.
        Assert.Equal(Error.Ok, As(everyPinOfA, () => _sys.Write(Port.A, 0xFFF3, 0)));
    }

    [Fact]
    public void WriteDrivesHighAndLowInOneBsrrStore()
    {
        uint badge = SysBadge.For(Port.D, 0x00F0);

        Assert.Equal(Error.Ok, As(badge, () => _sys.Write(Port.D, 0x0030, 0x00C0)));

        Assert.Equal(new[] { (PortOffset(Port.D, 0x18), 0x00C0_0030u) }, _gpio.Writes);
    }

    [Fact]
    public void ToggleSetsThePinsThatWereLowAndResetsThoseThatWereHigh()
    {
        uint badge = SysBadge.For(Port.A, (1 << 5) | (1 << 6));
        uint odr = PortOffset(Port.A, 0x14);
        _gpio[odr] = (1 << 5) | (1 << 0);

        Assert.Equal(Error.Ok, As(badge, () => _sys.Toggle(Port.A, (1 << 5) | (1 << 6))));

        Assert.Equal(new[] { (PortOffset(Port.A, 0x18), (1u << 6) | (1u << (5 + 16))) }, _gpio.Writes);
    }

    [Fact]
    public void ReadAnswersTheOwnedPinsLevelsOnly()
    {
        _gpio[PortOffset(Port.C, 0x10)] = 0xFFFF;
        ushort levels = 0;

        Assert.Equal(Error.Ok, As(ButtonBadge, () => _sys.Read(Port.C, out levels)));

        Assert.Equal(1 << 13, levels);
    }

    [Fact]
    public void BadArgumentsAreRefusedWithInvalidArgumentAndNothingIsWritten()
    {
        uint everyPinOfB = SysBadge.For(Port.B, 0xFFFF);
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Configure((Port)5, 1, PinMode.Output, OutputType.PushPull, Pull.None, 0)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Configure(Port.B, 1, (PinMode)4, OutputType.PushPull, Pull.None, 0)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Configure(Port.B, 1, PinMode.Output, (OutputType)2, Pull.None, 0)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Configure(Port.B, 1, PinMode.Output, OutputType.PushPull, (Pull)3, 0)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Configure(Port.B, 1, PinMode.Alternate, OutputType.PushPull, Pull.None, 16)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Write(Port.B, 1, 1)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Write((Port)6, 1, 0)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Toggle((Port)8, 1)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Read((Port)5, out _)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Subscribe(Port.B, 16, Edge.Rising, ReceiveSlot)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Subscribe(Port.B, 1, 0, ReceiveSlot)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Subscribe(Port.B, 1, (Edge)4, ReceiveSlot)));
        Assert.Equal(Error.InvalidArgument, As(everyPinOfB, () => _sys.Unsubscribe(Port.B, 16)));
        Assert.Equal(0, WriteCount);
        Assert.Empty(_kernel.Calls);
    }

    [Fact]
    public void SubscribeRoutesTheLineToThePortsPinAndKeepsTheNotification()
    {
        Assert.Equal(Error.Ok, As(ButtonBadge, () => _sys.Subscribe(Port.C, 13, Edge.Falling, ReceiveSlot)));

        Assert.Equal(new[] { $"move {ReceiveSlot} -> {FirstLineSlot + 13}" }, _kernel.Calls);
        Assert.Equal(2u << 4, _syscfg[0x14]);   // SYSCFG_EXTICR4, EXTI13 = port C
        Assert.Equal(1u << 13, _exti[0x0C]);    // FTSR
        Assert.Equal(0u, _exti[0x08]);          // RTSR
        Assert.Equal(1u << 13, _exti[0x00]);    // IMR, unmasked last
        Assert.Equal(0x00u, _exti.Writes[^1].Offset);
        Assert.Contains((0x14u, 1u << 13), _exti.Writes);   // a stale pending bit cleared
        Assert.DoesNotContain(_exti.Writes, write => write.Offset == 0x10);   // never SWIER
    }

    [Fact]
    public void ASubscribedLineIsBusyForEveryoneElse()
    {
        uint otherClientOfPc13 = SysBadge.For(Port.C, (1 << 13) | (1 << 0));
        Assert.Equal(Error.Ok, As(ButtonBadge, () => _sys.Subscribe(Port.C, 13, Edge.Falling, ReceiveSlot)));
        int writes = WriteCount;

        Assert.Equal(Error.Busy, As(otherClientOfPc13, () => _sys.Subscribe(Port.C, 13, Edge.Rising, ReceiveSlot)));
        Assert.Equal(Error.Busy, As(ButtonBadge, () => _sys.Subscribe(Port.C, 13, Edge.Rising, ReceiveSlot)));

        // Line 13 of port A is the same EXTI line.
        uint pa13 = SysBadge.For(Port.A, 1 << 13);
        Assert.Equal(Error.Busy, As(pa13, () => _sys.Subscribe(Port.A, 13, Edge.Rising, ReceiveSlot)));
        Assert.Equal(writes, WriteCount);
        Assert.Single(_kernel.Calls);
    }

    [Fact]
    public void ATransferredCapabilityThatIsNoSignallableNotificationIsRefused()
    {
        _kernel.Notifications.Clear();

        Assert.Equal(Error.InvalidArgument, As(ButtonBadge, () => _sys.Subscribe(Port.C, 13, Edge.Falling, ReceiveSlot)));

        Assert.Empty(_kernel.Calls);
        Assert.Equal(0, WriteCount);
        Assert.Equal(0, _sys.SubscribedLines);
    }

    [Fact]
    public void OnlyTheSubscriberUnsubscribes()
    {
        uint otherClientOfPc13 = SysBadge.For(Port.C, (1 << 13) | (1 << 0));
        Assert.Equal(Error.Ok, As(ButtonBadge, () => _sys.Subscribe(Port.C, 13, Edge.Falling, ReceiveSlot)));
        int writes = WriteCount;

        Assert.Equal(Error.NotOwned, As(otherClientOfPc13, () => _sys.Unsubscribe(Port.C, 13)));
        Assert.Equal(Error.NotOwned, As(LedBadge, () => _sys.Unsubscribe(Port.A, 5)));   // its own pin, no subscription
        Assert.Equal(Error.NotOwned, As(ButtonBadge, () => _sys.Unsubscribe(Port.C, 12)));
        Assert.Equal(writes, WriteCount);

        Assert.Equal(Error.Ok, As(ButtonBadge, () => _sys.Unsubscribe(Port.C, 13)));
        Assert.Equal(0u, _exti[0x00]);
        Assert.Equal(0u, _exti[0x0C]);
        Assert.Equal($"delete {FirstLineSlot + 13}", _kernel.Calls[^1]);

        // The line is free again.
        Assert.Equal(Error.Ok, As(otherClientOfPc13, () => _sys.Subscribe(Port.C, 13, Edge.Rising, ReceiveSlot)));
    }

    [Fact]
    public void APendingLineSignalsItsSubscriberAndTheInterruptIsAcknowledgedAfterThePendingBitIsCleared()
    {
        uint pb0 = SysBadge.For(Port.B, 1 << 0);
        Assert.Equal(Error.Ok, As(pb0, () => _sys.Subscribe(Port.B, 0, Edge.Rising, ReceiveSlot)));
        Assert.Equal(Error.Ok, As(ButtonBadge, () => _sys.Subscribe(Port.C, 13, Edge.Falling, ReceiveSlot)));
        _kernel.Calls.Clear();
        _exti.Writes.Clear();
        // Line 13 fired, and line 7 (nobody's) is pending too.
        _exti[0x14] = (1 << 13) | (1 << 7);
        var order = new List<string>();
        _exti.OnWrite = (offset, value) => order.Add($"write {offset:x} {value:x}");

        ushort signalled = _sys.HandleInterrupts(1u << ExtiGroups.Lines10To15);

        Assert.Equal(1 << 13, signalled);
        Assert.Equal(new[] { $"signal {FirstLineSlot + 13}", "ack 40" }, _kernel.Calls);
        Assert.Equal(new[] { "write 14 2080" }, order);

        // EXTI0 fires next: the other subscriber, and IRQ 6.
        _kernel.Calls.Clear();
        _exti[0x14] = 1 << 0;
        Assert.Equal(1 << 0, _sys.HandleInterrupts(1u << 0));
        Assert.Equal(new[] { $"signal {FirstLineSlot}", "ack 6" }, _kernel.Calls);
    }

    [Fact]
    public void TheExtiGroupsAreTheChipsInterrupts()
    {
        Assert.Equal(new uint[] { 6, 7, 8, 9, 10, 23, 40 }, new[] { 0, 1, 2, 3, 4, 5, 6 }.Select(ExtiGroups.Irq));
        Assert.Equal(new[] { 0, 4, 5, 5, 6, 6 }, new[] { 0, 4, 5, 9, 10, 15 }.Select(ExtiGroups.Of));
    }
}

[CollectionDefinition(SysTests.CallerBadgeCollection, DisableParallelization = true)]
public class CallerBadgeCollectionDefinition { }
