using System;
using System.Collections.Generic;
using Keel.Drivers.Usart;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Xunit;

namespace Keel.Drivers.Tests;

// The USART driver's logic (drivers/usart) against a fake USART that behaves as
// RM0368 section 19 says: RXNE while a received byte waits in DR, ORE when another
// arrived meanwhile (both cleared by reading SR then DR), TXE while DR can take a byte.
public class UsartTests
{
    private const uint Sr = UsartRegisters.Sr;
    private const uint Dr = UsartRegisters.Dr;
    private const uint Cr1 = UsartRegisters.Cr1;
    private const uint Txeie = UsartRegisters.Cr1TransmitEmptyInterrupt;

    // A USART whose line the test drives: bytes arrive with Arrive, the transmitter
    // takes a byte into its shift register only when the test says so (Shift), so the
    // test decides when DR is empty.
    private sealed class FakeUsart
    {
        public FakeRegisters Registers { get; } = new();
        public List<byte> Sent { get; } = new();
        public bool DataRegisterEmpty = true;
        private uint? _received;
        private bool _overrun;

        public FakeUsart()
        {
            Registers.OnRead = (offset, value) =>
            {
                if (offset == Sr)
                    return (DataRegisterEmpty ? UsartRegisters.SrTransmitEmpty : 0) |
                           (_received is null ? 0 : UsartRegisters.SrReceiveNotEmpty) |
                           (_overrun ? UsartRegisters.SrOverrun : 0);
                if (offset == Dr)
                {
                    uint data = _received ?? 0;
                    _received = null;
                    _overrun = false;
                    return data;
                }
                return value;
            };
            Registers.OnWrite = (offset, value) =>
            {
                if (offset != Dr)
                    return;
                Assert.True(DataRegisterEmpty, "the driver wrote DR while it was not empty");
                Sent.Add((byte)value);
                DataRegisterEmpty = false;
            };
        }

        public void Arrive(byte value)
        {
            if (_received is not null)
                _overrun = true;   // the byte in DR stays, the new one is lost
            else
                _received = value;
        }

        public void Shift() => DataRegisterEmpty = true;

        public bool TransmitInterruptEnabled => (Registers[Cr1] & Txeie) != 0;
    }

    private static UsartDriver<FakeRegisters> Driver(FakeUsart usart, int transmitBytes = 8, int receiveBytes = 8) =>
        new(usart.Registers, new byte[transmitBytes], new byte[receiveBytes]);

    [Fact]
    public void StartSetsTheBaudRateAndEnablesTheReceiveInterruptButNotTheTransmitOne()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart);

        driver.Start(84_000_000, 115_200);

        Assert.Equal(729u, usart.Registers[UsartRegisters.Brr]);   // 84 MHz / 115200 = 729.2
        uint control = usart.Registers[Cr1];
        Assert.Equal(UsartRegisters.Cr1Enable | UsartRegisters.Cr1TransmitterEnable | UsartRegisters.Cr1ReceiverEnable | UsartRegisters.Cr1ReceiveInterrupt, control);
    }

    // A configuration other than the examples' (app.toml: USART2 on APB1, 9600 baud).
    [Fact]
    public void StartSetsTheBaudRateTheConfigurationGivesFromItsBusClock()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart);

        driver.Start(42_000_000, 9_600);

        Assert.Equal(4375u, usart.Registers[UsartRegisters.Brr]);   // 42 MHz / 9600 = 4375
        Assert.Equal(Error.Ok, driver.Write("a"u8, out int accepted));
        Assert.Equal(1, accepted);
        Assert.Equal("a"u8.ToArray(), usart.Sent);
    }

    [Fact]
    public void WriteSendsTheFirstByteAtOnceAndTheRestFromTheTransmitInterrupt()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart);
        driver.Start(84_000_000, 115_200);

        Assert.Equal(Error.Ok, driver.Write("abc"u8, out int accepted));

        Assert.Equal(3, accepted);
        Assert.Equal("a"u8.ToArray(), usart.Sent);
        Assert.True(usart.TransmitInterruptEnabled);

        usart.Shift();
        driver.OnInterrupt();
        Assert.Equal("ab"u8.ToArray(), usart.Sent);
        Assert.True(usart.TransmitInterruptEnabled);

        usart.Shift();
        driver.OnInterrupt();
        Assert.Equal("abc"u8.ToArray(), usart.Sent);
        // Nothing left: the interrupt goes off, or TXE would interrupt for ever.
        Assert.False(usart.TransmitInterruptEnabled);
        Assert.Equal(0, driver.TransmitPending);
    }

    [Fact]
    public void ALineThatIsAlwaysReadyTakesEverythingInTheWriteAndNeedsNoInterrupt()
    {
        // QEMU's USART: TXE is always set and its interrupt never comes.
        var usart = new FakeUsart();
        usart.Registers.OnWrite = (offset, value) =>
        {
            if (offset == Dr)
                usart.Sent.Add((byte)value);
        };
        UsartDriver<FakeRegisters> driver = Driver(usart);
        driver.Start(84_000_000, 115_200);

        driver.Write("hello"u8, out int accepted);

        Assert.Equal(5, accepted);
        Assert.Equal("hello"u8.ToArray(), usart.Sent);
        Assert.False(usart.TransmitInterruptEnabled);
    }

    [Fact]
    public void AFullTransmitBufferAcceptsFewerBytesAndTellsTheSubscriberWhenRoomFrees()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart, transmitBytes: 4);
        driver.Start(84_000_000, 115_200);

        // Four fit in the ring; the first of them goes on to DR at once, which makes
        // room for one more.
        driver.Write("0123456"u8, out int accepted);
        Assert.Equal(4, accepted);
        driver.Write("xy"u8, out accepted);
        Assert.Equal(1, accepted);
        driver.Write("z"u8, out accepted);
        Assert.Equal(0, accepted);

        usart.Shift();
        Assert.Equal(UsartEvents.TransmitSpace, driver.OnInterrupt());
        // Told once: the next interrupt that frees room has no writer waiting.
        usart.Shift();
        Assert.Equal(UsartEvents.None, driver.OnInterrupt());
        Assert.Equal("012"u8.ToArray(), usart.Sent);
        Assert.Equal(2, driver.TransmitPending);
    }

    [Fact]
    public void TheTransmitRingWrapsAroundItsStorage()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart, transmitBytes: 4);
        driver.Start(84_000_000, 115_200);
        var expected = new List<byte>();

        for (int round = 0; round < 5; round++)
        {
            byte[] chunk = [(byte)('a' + round), (byte)('A' + round), (byte)('0' + round)];
            driver.Write(chunk, out int accepted);
            Assert.Equal(3, accepted);
            expected.AddRange(chunk);
            while (driver.TransmitPending > 0 || !usart.DataRegisterEmpty)
            {
                usart.Shift();
                driver.OnInterrupt();
            }
        }

        Assert.Equal(expected, usart.Sent);
    }

    [Fact]
    public void ReceivedBytesAreReadInOrderAcrossTheRingsWrapAndTheRestOfTheBufferIsZero()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart, receiveBytes: 4);
        driver.Start(84_000_000, 115_200);
        var read = new List<byte>();
        Span<byte> buffer = stackalloc byte[5];

        foreach (byte value in "keel echo"u8.ToArray())
        {
            usart.Arrive(value);
            Assert.Equal(UsartEvents.Received, driver.OnInterrupt());
            if (driver.ReceivePending == 3)
            {
                buffer.Fill(0xEE);
                Assert.Equal(Error.Ok, driver.Read(buffer, out int received));
                Assert.Equal(3, received);
                Assert.Equal(new byte[] { 0, 0 }, buffer.Slice(3).ToArray());
                read.AddRange(buffer.Slice(0, received).ToArray());
            }
        }
        Span<byte> rest = stackalloc byte[8];
        driver.Read(rest, out int last);
        read.AddRange(rest.Slice(0, last).ToArray());

        Assert.Equal("keel echo"u8.ToArray(), read);
        Assert.Equal(0u, driver.Overruns);
        Assert.Equal(0u, driver.Dropped);
    }

    [Fact]
    public void AnOverrunIsCountedAndTheByteBeforeItIsKept()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart);
        driver.Start(84_000_000, 115_200);

        usart.Arrive((byte)'a');
        usart.Arrive((byte)'b');   // lost: 'a' was still in DR
        Assert.Equal(UsartEvents.Received, driver.OnInterrupt());
        usart.Arrive((byte)'c');
        driver.OnInterrupt();

        Span<byte> buffer = stackalloc byte[4];
        driver.Read(buffer, out int received);
        Assert.Equal("ac"u8.ToArray(), buffer.Slice(0, received).ToArray());
        Assert.Equal(1u, driver.Overruns);
    }

    [Fact]
    public void BytesArrivingWithTheReceiveBufferFullAreDroppedAndCountedAndTheDriverGoesOn()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart, receiveBytes: 2);
        driver.Start(84_000_000, 115_200);

        foreach (byte value in "wxyz"u8.ToArray())
        {
            usart.Arrive(value);
            driver.OnInterrupt();
        }
        Assert.Equal(2u, driver.Dropped);

        Span<byte> buffer = stackalloc byte[4];
        driver.Read(buffer, out int received);
        Assert.Equal("wx"u8.ToArray(), buffer.Slice(0, received).ToArray());
        usart.Arrive((byte)'!');
        Assert.Equal(UsartEvents.Received, driver.OnInterrupt());
        driver.Read(buffer, out received);
        Assert.Equal("!"u8.ToArray(), buffer.Slice(0, received).ToArray());
    }

    [Fact]
    public void SpansLongerThanTheInterfaceAllowsAreTooLongAndChangeNothing()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart, transmitBytes: 64, receiveBytes: 64);
        driver.Start(84_000_000, 115_200);
        usart.Arrive((byte)'q');
        driver.OnInterrupt();
        int writes = usart.Registers.Writes.Count;

        Assert.Equal(Error.TooLong, driver.Write(new byte[UsartLimits.MaxTransfer + 1], out int accepted));
        Assert.Equal(0, accepted);
        Assert.Equal(Error.TooLong, driver.Read(new byte[UsartLimits.MaxTransfer + 1], out int received));
        Assert.Equal(0, received);
        Assert.Equal(writes, usart.Registers.Writes.Count);

        // It goes on serving: the byte that was waiting is still there.
        Span<byte> buffer = stackalloc byte[UsartLimits.MaxTransfer];
        Assert.Equal(Error.Ok, driver.Read(buffer, out received));
        Assert.Equal(1, received);
        Assert.Equal(Error.Ok, driver.Write(new byte[UsartLimits.MaxTransfer], out accepted));
        Assert.Equal(UsartLimits.MaxTransfer, accepted);
    }

    [Fact]
    public void AnInterruptWithNothingToDoWritesNothing()
    {
        var usart = new FakeUsart();
        UsartDriver<FakeRegisters> driver = Driver(usart);
        driver.Start(84_000_000, 115_200);
        int writes = usart.Registers.Writes.Count;

        Assert.Equal(UsartEvents.None, driver.OnInterrupt());
        Assert.Equal(writes, usart.Registers.Writes.Count);
    }
}
