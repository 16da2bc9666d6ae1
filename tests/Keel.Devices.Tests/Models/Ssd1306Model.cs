using System;
using System.Collections.Generic;
using System.Text;

namespace Keel.Devices.Tests.Models;

// Solomon Systech SSD1306 (Rev. 1.1) on I2C: each write starts with a control byte
// (Co bit 7: one byte then another control byte; D/C bit 6: data, else commands). The
// commands the datasheet's table 9 lists with their argument counts are parsed and the
// ones that matter here acted on: display on/off, charge pump, addressing mode, column
// and page ranges, segment remap, COM scan direction, contrast. A command it does not
// know is recorded in UnknownCommands. Display data goes to the display RAM (8 pages
// of 128 columns) at the column and page pointers, which move as the addressing mode
// says: page mode (the reset one) wraps the column within the page; horizontal mode
// wraps the column within its range and moves to the next page, wrapping within the
// page range. Reset: page mode, columns 0-127, pages 0-7, display off, charge pump off.
public sealed class Ssd1306Model : I2cPart
{
    private static readonly Dictionary<byte, int> s_arguments = new()
    {
        [0x81] = 1, [0x20] = 1, [0x21] = 2, [0x22] = 2, [0xA8] = 1, [0xD3] = 1, [0xD5] = 1,
        [0xD9] = 1, [0xDA] = 1, [0xDB] = 1, [0x8D] = 1, [0x26] = 6, [0x27] = 6, [0x29] = 5, [0x2A] = 5, [0xA3] = 2,
    };

    private readonly byte[,] _ram = new byte[8, 128];
    private readonly List<byte> _command = new();
    private bool _expectControl;
    private bool _continuation;
    private bool _data;
    private int _column, _page;
    private int _columnStart, _columnEnd = 127, _pageStart, _pageEnd = 7;
    private int _addressingMode = 2;

    public bool DisplayOn { get; private set; }
    public bool ChargePump { get; private set; }
    public bool SegmentRemap { get; private set; }
    public bool ComScanReversed { get; private set; }
    public byte Contrast { get; private set; } = 0x7F;
    public List<byte> UnknownCommands { get; } = new();
    public int DataBytes { get; private set; }

    // What a module shows: lit when the display is on with its charge pump (the panel's
    // only supply on the common modules).
    public bool Lit => DisplayOn && ChargePump;

    public bool Pixel(int column, int row) => (_ram[row / 8, column] & (1 << (row % 8))) != 0;

    // Rows top to bottom of a rectangle of the display RAM, '#' lit.
    public string[] Art(int column, int row, int width, int height)
    {
        var rows = new string[height];
        for (int y = 0; y < height; y++)
        {
            var line = new StringBuilder();
            for (int x = 0; x < width; x++)
                line.Append(Pixel(column + x, row + y) ? '#' : '.');
            rows[y] = line.ToString();
        }
        return rows;
    }

    public override void Start(bool read)
    {
        _expectControl = true;
        _command.Clear();
    }

    public override bool Receive(byte value)
    {
        if (_expectControl)
        {
            _continuation = (value & 0x80) != 0;
            _data = (value & 0x40) != 0;
            _expectControl = false;
            return true;
        }
        if (_data)
            WriteData(value);
        else
            Command(value);
        _expectControl = _continuation;
        return true;
    }

    public override byte Send() => 0; // status reads are not used

    private void WriteData(byte value)
    {
        DataBytes++;
        _ram[_page, _column] = value;
        if (_addressingMode == 2)
        {
            _column = _column == 127 ? 0 : _column + 1;
            return;
        }
        if (_column < _columnEnd)
        {
            _column++;
            return;
        }
        _column = _columnStart;
        _page = _page < _pageEnd ? _page + 1 : _pageStart;
    }

    private void Command(byte value)
    {
        _command.Add(value);
        byte opcode = _command[0];
        if (_command.Count <= (s_arguments.TryGetValue(opcode, out int count) ? count : 0))
            return;
        switch (opcode)
        {
            case 0xAE or 0xAF: DisplayOn = opcode == 0xAF; break;
            case 0x8D: ChargePump = (_command[1] & 0x04) != 0; break;
            case 0x20: _addressingMode = _command[1] & 0x03; break;
            case 0x21: (_columnStart, _columnEnd, _column) = (_command[1] & 0x7F, _command[2] & 0x7F, _command[1] & 0x7F); break;
            case 0x22: (_pageStart, _pageEnd, _page) = (_command[1] & 0x07, _command[2] & 0x07, _command[1] & 0x07); break;
            case 0xA0 or 0xA1: SegmentRemap = opcode == 0xA1; break;
            case 0xC0 or 0xC8: ComScanReversed = opcode == 0xC8; break;
            case 0x81: Contrast = _command[1]; break;
            case >= 0xB0 and <= 0xB7: _page = opcode & 0x07; break;
            case <= 0x0F: _column = (_column & 0xF0) | opcode; break;
            case >= 0x10 and <= 0x1F: _column = (_column & 0x0F) | ((opcode & 0x0F) << 4); break;
            case >= 0x40 and <= 0x7F or 0xA4 or 0xA5 or 0xA6 or 0xA7 or 0x2E or 0x2F or 0xE3
                or 0xA8 or 0xD3 or 0xD5 or 0xD9 or 0xDA or 0xDB or 0x26 or 0x27 or 0x29 or 0x2A or 0xA3: break;
            default: UnknownCommands.Add(opcode); break;
        }
        _command.Clear();
    }
}
