using System;
using System.Collections.Generic;

namespace Keel.Devices.Tests.Models;

// A 24xx I2C EEPROM (Microchip 24LC256 / 24AA02, Atmel AT24C32 datasheets), erased to
// 0xFF. Parts with one address byte answer at as many device addresses as they have
// 256-byte blocks (the block is the address's low bits; Block(n) is the part at base + n).
// - Write: the memory address (one or two bytes, the top bits beyond the part's size
//   ignored), then data into the page latch: the counter's page bits stay put and its
//   low bits wrap at the page's end (address rollover). At STOP after data the page is
//   written and the part is busy: it does not acknowledge its address for WriteCyclePolls
//   attempts. With WriteProtect on it acknowledges everything and writes nothing (no
//   write cycle). An address with no data only sets the counter.
// - Read: from the counter on, byte after byte, wrapping from the last byte to 0.
public sealed class Eeprom24Model
{
    private readonly byte[] _memory;
    private readonly int _pageSize;
    private readonly int _addressBytes;
    private readonly Dictionary<int, byte> _latch = new();
    private int _counter;
    private int _busyPolls;

    public Eeprom24Model(int capacity, int pageSize, int addressBytes)
    {
        _memory = new byte[capacity];
        Array.Fill(_memory, (byte)0xFF);
        _pageSize = pageSize;
        _addressBytes = addressBytes;
    }

    public byte[] Memory => _memory;
    public int WriteCyclePolls { get; set; } = 3;
    public bool WriteProtect { get; set; }
    public int WriteCycles { get; private set; }

    public I2cPart Block(int block) => new Part(this, block);

    private sealed class Part(Eeprom24Model model, int block) : I2cPart
    {
        private int _addressBytesReceived;
        private bool _writing;

        public override bool AcknowledgesAddress
        {
            get
            {
                if (model._busyPolls == 0)
                    return true;
                model._busyPolls--;
                return false;
            }
        }

        public override void Start(bool read)
        {
            _writing = !read;
            _addressBytesReceived = 0;
            model._latch.Clear();
        }

        public override bool Receive(byte value)
        {
            if (_addressBytesReceived < model._addressBytes)
            {
                int counter = _addressBytesReceived == 0 ? value : (model._counter << 8) | value;
                _addressBytesReceived++;
                if (_addressBytesReceived == model._addressBytes)
                    counter |= block << 8 * model._addressBytes;
                model._counter = counter % model._memory.Length;
                return true;
            }
            model._latch[model._counter] = value;
            int page = model._counter - model._counter % model._pageSize;
            model._counter = page + (model._counter + 1) % model._pageSize;
            return true;
        }

        public override byte Send()
        {
            byte value = model._memory[model._counter];
            model._counter = (model._counter + 1) % model._memory.Length;
            return value;
        }

        public override void Stop()
        {
            if (!_writing || model._latch.Count == 0)
                return;
            if (!model.WriteProtect)
            {
                foreach ((int address, byte value) in model._latch)
                    model._memory[address] = value;
                model.WriteCycles++;
                model._busyPolls = model.WriteCyclePolls;
            }
            model._latch.Clear();
        }
    }
}
