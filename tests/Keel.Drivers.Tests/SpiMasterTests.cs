using System;
using System.Collections.Generic;
using Keel.Drivers.Spi;
using Keel.Kernel;
using Xunit;
using static Keel.Hal.Stm32f4.SpiRegisters;

namespace Keel.Drivers.Tests;

// The SPI master's logic against a model of the STM32F4 SPI peripheral with one device
// on its bus (SpiBusModel below): full-duplex transfers of equal and unequal lengths,
// chip select held for exactly one transfer, configuration, a mode fault, a dead
// peripheral, bad arguments, and the next transfer working after each failure.
public class SpiMasterTests
{
    // The chip-select pin: records its changes; the model checks it is low for each byte.
    public sealed class PinRecorder : IChipSelect
    {
        public bool Selected { get; private set; }
        public List<string> Changes { get; } = new();

        public Error Refuse { get; set; } = Error.Ok;

        public Error Select()
        {
            if (Refuse != Error.Ok)
                return Refuse;
            Selected = true;
            Changes.Add("select");
            return Error.Ok;
        }

        public void Deselect()
        {
            Selected = false;
            Changes.Add("deselect");
        }
    }

    // The peripheral: a byte written to DR goes out as the bus moves (one step per SR
    // read), the device answers it with its previous byte plus one (a shift register
    // that echoes), RXNE and BSY as on the chip. ModeFaultAtByte makes that byte's
    // write raise MODF, which clears MSTR and SPE as the chip does; Dead never sets a flag.
    public sealed class SpiBusModel
    {
        public FakeRegisters Registers { get; } = new();
        public PinRecorder Pin { get; } = new();
        public List<byte> Sent { get; } = new();
        public List<string> Violations { get; } = new();
        public int? ModeFaultAtByte { get; set; }
        public bool Dead { get; set; }

        private byte? _pending;
        private byte? _received;
        private bool _modeFault;
        private byte _answer = 0x40;
        private bool _readSrSinceFault;

        public SpiBusModel()
        {
            Registers.OnRead = (offset, stored) =>
            {
                if (Dead)
                    return 0;
                if (offset == Sr)
                {
                    if (_pending is byte value)
                    {
                        _pending = null;
                        Sent.Add(value);
                        _received = _answer;
                        _answer = (byte)(value + 1);
                    }
                    _readSrSinceFault = _modeFault;
                    return (_pending == null ? SrTransmitEmpty : 0) | (_received != null ? SrReceiveNotEmpty : 0)
                           | (_modeFault ? SrModeFault : 0);
                }
                if (offset == Dr)
                {
                    byte value = _received ?? 0;
                    _received = null;
                    return value;
                }
                return stored;
            };
            Registers.OnWrite = (offset, value) =>
            {
                if (offset == Cr1 && _modeFault && _readSrSinceFault)
                    _modeFault = false;
                if (offset != Dr || Dead)
                    return;
                uint control = Registers[Cr1];
                if ((control & Cr1Enable) == 0 || (control & Cr1Master) == 0)
                {
                    Violations.Add("DR written while not an enabled master");
                    return;
                }
                if (!Pin.Selected)
                    Violations.Add("a byte sent with chip select high");
                if (_pending != null)
                    Violations.Add("DR written with TXE clear");
                if (_received != null)
                    Violations.Add("a byte sent before the last was read: overrun");
                if (ModeFaultAtByte == Sent.Count)
                {
                    ModeFaultAtByte = null;
                    _modeFault = true;
                    Registers[Cr1] = control & ~(Cr1Enable | Cr1Master);
                    return;
                }
                _pending = (byte)value;
            };
        }
    }

    private static (SpiMaster<FakeRegisters, PinRecorder> Master, SpiBusModel Bus) Setup()
    {
        var bus = new SpiBusModel();
        var master = new SpiMaster<FakeRegisters, PinRecorder>(bus.Registers, bus.Pin);
        master.Initialise();
        return (master, bus);
    }

    [Fact]
    public void InitialiseMakesAnEnabledMasterWithSoftwareSelectAtTheSlowestClock()
    {
        (_, SpiBusModel bus) = Setup();
        uint control = bus.Registers[Cr1];
        Assert.Equal(Cr1Master | Cr1SoftwareSelect | Cr1InternalSelect | Cr1BaudMask | Cr1Enable, control);
        Assert.Equal(["deselect"], bus.Pin.Changes);
    }

    [Fact]
    public void ATransferSendsAndReceivesEveryByteUnderOneChipSelect()
    {
        (SpiMaster<FakeRegisters, PinRecorder> master, SpiBusModel bus) = Setup();
        byte[] read = new byte[3];

        Assert.Equal(Error.Ok, master.Transfer([0x10, 0x20, 0x30], read));

        Assert.Equal([0x10, 0x20, 0x30], bus.Sent);
        Assert.Equal([0x40, 0x11, 0x21], read);     // the device answers each byte with the last plus one
        Assert.Equal(["deselect", "select", "deselect"], bus.Pin.Changes);
        Assert.Empty(bus.Violations);
    }

    [Fact]
    public void AShorterWriteIsPaddedAndAShorterReadDropsTheRest()
    {
        (SpiMaster<FakeRegisters, PinRecorder> master, SpiBusModel bus) = Setup();
        byte[] read = new byte[3];
        Assert.Equal(Error.Ok, master.Transfer([0x9F], read));
        Assert.Equal([0x9F, SpiMaster<FakeRegisters, PinRecorder>.Filler, SpiMaster<FakeRegisters, PinRecorder>.Filler], bus.Sent);
        Assert.Equal([0x40, 0xA0, 0x00], read);

        byte[] one = new byte[1];
        Assert.Equal(Error.Ok, master.Transfer([0x01, 0x02], one));
        Assert.Equal(5, bus.Sent.Count);
        Assert.Equal(0x00, one[0]);                 // answer to the filler 0xFF: 0xFF + 1
        Assert.Empty(bus.Violations);
    }

    [Fact]
    public void AnEmptyTransferTouchesNothing()
    {
        (SpiMaster<FakeRegisters, PinRecorder> master, SpiBusModel bus) = Setup();
        Assert.Equal(Error.Ok, master.Transfer(ReadOnlySpan<byte>.Empty, Span<byte>.Empty));
        Assert.Empty(bus.Sent);
        Assert.Equal(["deselect"], bus.Pin.Changes);
    }

    [Fact]
    public void ConfigureSetsModeClockAndBitOrderAndKeepsTheMaster()
    {
        (SpiMaster<FakeRegisters, PinRecorder> master, SpiBusModel bus) = Setup();
        Assert.Equal(Error.Ok, master.Configure(SpiMode.Mode3, SpiClockDivider.By8, lsbFirst: true));

        uint control = bus.Registers[Cr1];
        Assert.Equal(Cr1ClockPolarity | Cr1ClockPhase, control & (Cr1ClockPolarity | Cr1ClockPhase));
        Assert.Equal(2u << Cr1BaudShift, control & Cr1BaudMask);
        Assert.NotEqual(0u, control & Cr1LsbFirst);
        Assert.Equal(Cr1Master | Cr1Enable, control & (Cr1Master | Cr1Enable));
        // The format changed with the peripheral off: the write before the last has SPE clear.
        Assert.Equal(0u, bus.Registers.Writes[^2].Value & Cr1Enable);

        Assert.Equal(Error.InvalidArgument, master.Configure((SpiMode)4, SpiClockDivider.By2, false));
        Assert.Equal(Error.InvalidArgument, master.Configure(SpiMode.Mode0, (SpiClockDivider)8, false));
        Assert.Equal(control, bus.Registers[Cr1]);
    }

    [Fact]
    public void AModeFaultIsBusErrorAndTheNextTransferWorks()
    {
        (SpiMaster<FakeRegisters, PinRecorder> master, SpiBusModel bus) = Setup();
        bus.ModeFaultAtByte = 1;

        Assert.Equal(Error.BusError, master.Transfer([0x01, 0x02, 0x03], new byte[3]));
        Assert.False(bus.Pin.Selected);
        Assert.Equal(Cr1Master | Cr1Enable, bus.Registers[Cr1] & (Cr1Master | Cr1Enable));

        byte[] read = new byte[1];
        Assert.Equal(Error.Ok, master.Transfer([0x05], read));
        Assert.Equal([0x01, 0x05], bus.Sent);
        Assert.Empty(bus.Violations);
    }

    [Fact]
    public void APeripheralThatNeverAnswersEndsInTimeoutWithChipSelectReleased()
    {
        (SpiMaster<FakeRegisters, PinRecorder> master, SpiBusModel bus) = Setup();
        bus.Dead = true;

        Assert.Equal(Error.Timeout, master.Transfer([0x01], new byte[1]));
        Assert.False(bus.Pin.Selected);

        bus.Dead = false;
        byte[] read = new byte[1];
        Assert.Equal(Error.Ok, master.Transfer([0x07], read));
        Assert.Equal([0x07], bus.Sent);
    }

    [Fact]
    public void AChipSelectThatFailsStopsTheTransferWithItsStatus()
    {
        (SpiMaster<FakeRegisters, PinRecorder> master, SpiBusModel bus) = Setup();
        bus.Pin.Refuse = Error.NotOwned;

        Assert.Equal(Error.NotOwned, master.Transfer([0x01], new byte[1]));
        Assert.Empty(bus.Sent);

        bus.Pin.Refuse = Error.Ok;
        Assert.Equal(Error.Ok, master.Transfer([0x02], new byte[1]));
        Assert.Equal([0x02], bus.Sent);
    }

    [Fact]
    public void TooLongIsRefusedWithoutTouchingTheBus()
    {
        (SpiMaster<FakeRegisters, PinRecorder> master, SpiBusModel bus) = Setup();
        int writes = bus.Registers.Writes.Count;

        Assert.Equal(Error.TooLong, master.Transfer(new byte[SpiLimits.MaxTransfer + 1], Span<byte>.Empty));
        Assert.Equal(Error.TooLong, master.Transfer(ReadOnlySpan<byte>.Empty, new byte[SpiLimits.MaxTransfer + 1]));

        Assert.Equal(writes, bus.Registers.Writes.Count);
        Assert.Equal(["deselect"], bus.Pin.Changes);
        Assert.Equal(Error.Ok, master.Transfer(new byte[SpiLimits.MaxTransfer], new byte[SpiLimits.MaxTransfer]));
        Assert.Equal(SpiLimits.MaxTransfer, bus.Sent.Count);
    }
}
