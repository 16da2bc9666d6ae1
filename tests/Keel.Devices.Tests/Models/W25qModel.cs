using System;
using System.Collections.Generic;

namespace Keel.Devices.Tests.Models;

// A Winbond W25Qxx (W25Q64JV datasheet) on SPI, erased to 0xFF. A command is the first
// byte after chip select goes low and acts as the datasheet says:
// - 0x9F answers EF, the memory type, the capacity code; 0x05 answers status register 1
//   (BUSY, WEL, BP2:0 from BlockProtect) for as long as the frame lasts;
// - 0x06 sets WEL; 0x03 + 3-byte address reads on, wrapping at the end of the array;
// - 0x02 + address + data programs at chip select high, if WEL is set: bits only go from
//   1 to 0, and data past the page's end wraps to its start; 0x20 + address erases the
//   4 KB sector holding it. Either is ignored when the address lies in a protected
//   block (BlockProtect non-zero protects the whole array here) or WEL is clear, and
//   otherwise makes the part BUSY for BusyPolls status reads, then clears WEL;
// - while BUSY every command but 0x05 is ignored.
public sealed class W25qModel : SpiPart
{
    private readonly byte[] _memory;
    private readonly List<byte> _frame = new();
    private int _busyReads;
    private bool _writeEnabled;

    public W25qModel(byte capacityCode = 0x17, byte manufacturer = 0xEF)
    {
        CapacityCode = capacityCode;
        Manufacturer = manufacturer;
        _memory = new byte[1 << Math.Min((int)capacityCode, 0x18)];
        Array.Fill(_memory, (byte)0xFF);
    }

    public byte Manufacturer { get; }
    public byte CapacityCode { get; }
    public byte[] Memory => _memory;
    public byte BlockProtect { get; set; }
    public int BusyPolls { get; set; } = 3;
    public int Programs { get; private set; }
    public int Erases { get; private set; }
    public int IgnoredWhileBusy { get; private set; }

    private byte Status => (byte)((_busyReads > 0 ? 0x01 : 0) | (_writeEnabled ? 0x02 : 0) | (BlockProtect & 0x07) << 2);

    private int Address => (_frame[1] << 16 | _frame[2] << 8 | _frame[3]) % _memory.Length;

    public override void Select() => _frame.Clear();

    public override byte Exchange(byte received)
    {
        _frame.Add(received);
        int index = _frame.Count - 1;
        byte command = _frame[0];
        if (index == 0)
            return 0xFF;
        if (command == 0x05)
        {
            byte status = Status;
            if (_busyReads > 0 && --_busyReads == 0)
                _writeEnabled = false;
            return status;
        }
        if (_busyReads > 0)
            return 0xFF;
        return command switch
        {
            0x9F when index <= 3 => index switch { 1 => Manufacturer, 2 => 0x40, _ => CapacityCode },
            0x03 when index >= 4 => _memory[(Address + index - 4) % _memory.Length],
            _ => 0xFF,
        };
    }

    public override void Deselect()
    {
        if (_frame.Count == 0)
            return;
        byte command = _frame[0];
        if (command == 0x05)
            return;
        if (_busyReads > 0)
        {
            IgnoredWhileBusy++;
            return;
        }
        switch (command)
        {
            case 0x06:
                _writeEnabled = true;
                break;
            case 0x02 when _frame.Count > 4 && _writeEnabled && BlockProtect == 0:
                int page = Address - Address % 256;
                for (int i = 4; i < _frame.Count; i++)
                    _memory[page + (Address + i - 4) % 256] &= _frame[i];
                Programs++;
                _busyReads = BusyPolls;
                break;
            case 0x20 when _frame.Count == 4 && _writeEnabled && BlockProtect == 0:
                Array.Fill(_memory, (byte)0xFF, Address - Address % 4096, 4096);
                Erases++;
                _busyReads = BusyPolls;
                break;
        }
        if (_busyReads == 0 && command is 0x02 or 0x20)
            _writeEnabled = false;
    }
}
