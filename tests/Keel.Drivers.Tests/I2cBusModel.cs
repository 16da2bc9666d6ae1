using System;
using System.Collections.Generic;
using static Keel.Hal.Stm32f4.I2cRegisters;

namespace Keel.Drivers.Tests;

// A model of the STM32F4's I2C v1 peripheral in master mode with devices on its bus,
// built on FakeRegisters' hooks, faithful enough to tell a right sequence of register
// accesses from a wrong one (RM0090 27.3.3):
//
// - The bus moves only when the driver reads SR1 or CR1 (one step per read), so a driver that
//   never waits never sees anything happen, and one that reads too early reads stale
//   flags.
// - START sets SB (and BUSY, MSL); SB is cleared by the SR1 read and the DR write of the
//   address. The address is acknowledged (ADDR) by a device at it, else AF. ADDR is
//   cleared by a read of SR1 then SR2, and SCL is held while it is set.
// - Transmitting: DR to the shift register (TxE), each byte acknowledged by the device
//   or refused (AF) at a scripted position; BTF once both are empty.
// - Receiving: a byte starts as soon as ADDR is cleared (or the shift register is free
//   and the last byte was acknowledged); its ACK is decided when it ends, from CR1.ACK,
//   or with POS from the ACK of when the previous byte ended (for the first byte, when
//   ADDR was set). A NACK ends the device's sending. BTF when DR and the shift register
//   are both full, and no byte starts then (SCL held). Reading DR moves the shift
//   register's byte into it.
// - STOP takes effect once no byte is in progress; the device sees how many bytes it
//   sent and whether the master acknowledged the last.
// - SWRST returns everything to reset; BusErrorAtStart makes the next START end in
//   BERR; Dead makes the peripheral never set a flag (QEMU's, which does not model it).
public sealed class I2cBusModel
{
    public sealed class Device
    {
        public required byte Address { get; init; }

        // Bytes the device sends when read, in order (from its register pointer).
        public byte[] ReadData { get; set; } = [];

        // Every byte the master wrote to it, by transaction.
        public List<List<byte>> Written { get; } = new();

        // A write's byte at this position (0-based, in the transaction) is refused.
        public int? NackWriteAt { get; set; }

        // For the last read transaction: bytes sent, and whether the last was acknowledged.
        public int BytesSent { get; set; }
        public bool LastAcknowledged { get; set; }
        public int ReadTransactions { get; set; }
    }

    public FakeRegisters Registers { get; } = new();
    public List<Device> Devices { get; } = new();
    public bool Dead { get; set; }
    public bool BusErrorAtStart { get; set; }
    public int SoftwareResets { get; private set; }
    public int StopsSent { get; private set; }
    public int StartsSent { get; private set; }
    // Protocol mistakes the driver made (a STOP after an acknowledged last byte, ...).
    public List<string> Violations { get; } = new();

    private uint _sr1;
    private bool _master, _busy, _transmitter;
    private bool _lastSr1HadAddress;
    private Device? _device;
    private bool _reading;
    private bool _stopRequested;
    // Transmitter: DR and shift register contents.
    private int? _txData, _txShift;
    private int _txIndex;
    private bool _txInProgress;
    // Receiver.
    private int? _rxData, _rxShift;
    private bool _rxInProgress, _deviceSending;
    private bool _nextAcknowledge; // POS: the ACK latched for the byte in progress
    private int _readIndex;

    public I2cBusModel()
    {
        Registers.OnRead = OnRead;
        Registers.OnWrite = OnWrite;
    }

    public Device Add(byte address, params byte[] readData)
    {
        var device = new Device { Address = address, ReadData = readData };
        Devices.Add(device);
        return device;
    }

    private uint Cr1Value => Registers[Cr1];

    private uint OnRead(uint offset, uint stored)
    {
        switch (offset)
        {
            case Cr1:
                // Time passes while the driver reads CR1 too (waiting for STOP to go out).
                if (!Dead)
                    Step();
                return Registers[Cr1];
            case Sr1:
                if (!Dead)
                    Step();
                _lastSr1HadAddress = (_sr1 & Sr1AddressSent) != 0;
                return Dead ? 0 : _sr1 | Computed();
            case Sr2:
                if (Dead)
                    return 0;
                if (_lastSr1HadAddress)
                {
                    _sr1 &= ~Sr1AddressSent;
                    _lastSr1HadAddress = false;
                    if (_reading && _device != null)
                    {
                        _deviceSending = true;
                        _rxInProgress = true; // the first byte starts as ADDR is cleared
                    }
                }
                return (_master ? Sr2Master : 0) | (_busy ? Sr2Busy : 0) | (_transmitter ? Sr2Transmitter : 0);
            case Dr:
                if (Dead)
                    return 0;
                if (_reading)
                {
                    if (_rxData is not int value)
                    {
                        Violations.Add("DR read with RxNE clear");
                        return 0;
                    }
                    // The byte in the shift register moves to DR as soon as DR is read.
                    _rxData = _rxShift;
                    _rxShift = null;
                    return (uint)value;
                }
                return stored;
            default:
                return stored;
        }
    }

    private uint Computed()
    {
        uint flags = 0;
        if (_reading)
        {
            if (_rxData != null)
                flags |= Sr1ReceiveNotEmpty;
            if (_rxData != null && _rxShift != null)
                flags |= Sr1ByteTransferFinished;
        }
        else if (_transmitter && (_sr1 & Sr1AddressSent) == 0)
        {
            if (_txData == null)
                flags |= Sr1TransmitEmpty;
            if (_txData == null && _txShift == null && !_txInProgress && _txIndex > 0)
                flags |= Sr1ByteTransferFinished;
        }
        return flags;
    }

    private void OnWrite(uint offset, uint value)
    {
        switch (offset)
        {
            case Cr1:
                if ((value & Cr1SoftwareReset) != 0)
                {
                    SoftwareResets++;
                    Reset();
                    return;
                }
                if (Dead)
                    return;
                if ((value & Cr1Start) != 0)
                    StartCondition();
                if ((value & Cr1Stop) != 0)
                    _stopRequested = true;
                break;
            case Sr1:
                // rc_w0: a 0 clears an error flag, a 1 leaves it.
                _sr1 &= value | ~Sr1Errors;
                break;
            case Dr:
                if (Dead)
                    return;
                if ((_sr1 & Sr1StartSent) != 0)
                {
                    _sr1 &= ~Sr1StartSent;
                    AddressPhase(value);
                }
                else if (_transmitter && (_sr1 & Sr1AddressSent) == 0)
                {
                    if (_txData != null)
                        Violations.Add("DR written with TxE clear");
                    _txData = (int)(value & 0xFF);
                }
                else
                {
                    Violations.Add("DR written outside a transfer");
                }
                break;
        }
    }

    private void Reset()
    {
        foreach (uint offset in new[] { Cr1, Cr2, Ccr, Trise, Dr })
            Registers[offset] = 0;
        _sr1 = 0;
        _master = _busy = _transmitter = _reading = _stopRequested = false;
        _device = null;
        _txData = _txShift = _rxData = _rxShift = null;
        _txInProgress = _rxInProgress = _deviceSending = false;
    }

    private void StartCondition()
    {
        if ((Cr1Value & Cr1Enable) == 0)
        {
            Violations.Add("START with the peripheral disabled");
            return;
        }
        if (_reading && _rxInProgress)
            Violations.Add("repeated START while receiving");
        StartsSent++;
        Registers[Cr1] = Cr1Value & ~Cr1Start; // sent: the bit clears
        if (BusErrorAtStart)
        {
            BusErrorAtStart = false;
            _sr1 |= Sr1BusError;
            return;
        }
        _sr1 |= Sr1StartSent;
        _master = _busy = true;
        _transmitter = _reading = false;
        _stopRequested = false;
        _txIndex = 0;
        _txData = _txShift = _rxData = _rxShift = null;
    }

    private void AddressPhase(uint value)
    {
        byte address = (byte)(value >> 1);
        bool read = (value & 1) != 0;
        _device = Devices.Find(d => d.Address == address);
        if (_device is null)
        {
            _sr1 |= Sr1AcknowledgeFailure;
            return;
        }
        _sr1 |= Sr1AddressSent;
        _reading = read;
        _transmitter = !read;
        if (read)
        {
            _readIndex = 0;
            _device.BytesSent = 0;
            _device.ReadTransactions++;
            _nextAcknowledge = (Cr1Value & Cr1Acknowledge) != 0;
        }
        else
        {
            _device.Written.Add(new List<byte>());
        }
    }

    // One step of the bus.
    private void Step()
    {
        if (_reading)
            StepReceive();
        else if (_transmitter)
            StepTransmit();
        if (_stopRequested && !_rxInProgress && !_txInProgress && (_txShift == null))
            StopCondition();
    }

    private void StepTransmit()
    {
        if ((_sr1 & Sr1AddressSent) != 0 || _device is null)
            return;
        if (_txInProgress)
        {
            _txInProgress = false;
            int index = _txIndex++;
            if (_device.NackWriteAt == index)
            {
                _sr1 |= Sr1AcknowledgeFailure;
                _txShift = null;
                _txData = null;
                return;
            }
            _device.Written[^1].Add((byte)_txShift!.Value);
            _txShift = null;
        }
        if ((_sr1 & Sr1AcknowledgeFailure) == 0 && _txShift == null && _txData != null && !_stopRequested)
        {
            _txShift = _txData;
            _txData = null;
            _txInProgress = true;
        }
    }

    private void StepReceive()
    {
        if (_device is null)
            return;
        if (_rxShift != null && _rxData == null)
        {
            _rxData = _rxShift;
            _rxShift = null;
        }
        if (_rxInProgress)
        {
            _rxInProgress = false;
            bool acknowledge;
            if ((Cr1Value & Cr1AcknowledgeNext) != 0)
            {
                acknowledge = _nextAcknowledge;
                _nextAcknowledge = (Cr1Value & Cr1Acknowledge) != 0;
            }
            else
            {
                acknowledge = (Cr1Value & Cr1Acknowledge) != 0;
            }
            byte value = _readIndex < _device.ReadData.Length ? _device.ReadData[_readIndex] : (byte)0xFF;
            _readIndex++;
            _device.BytesSent++;
            _device.LastAcknowledged = acknowledge;
            _deviceSending = acknowledge;
            if (_rxData == null)
                _rxData = value;
            else
                _rxShift = value;
        }
        if (!_stopRequested && _deviceSending && _rxShift == null && !_rxInProgress)
            _rxInProgress = true;
    }

    private void StopCondition()
    {
        if (_reading && _device != null && _device.LastAcknowledged)
            Violations.Add("STOP after an acknowledged byte: the device still drives SDA");
        StopsSent++;
        _stopRequested = false;
        Registers[Cr1] = Cr1Value & ~Cr1Stop;
        _master = _busy = _transmitter = false;
        _deviceSending = false;
        // What was received stays readable in DR after the stop; the device is done.
        _reading = _rxData != null || _rxShift != null ? _reading : false;
        if (!_reading)
            _device = null;
    }
}
