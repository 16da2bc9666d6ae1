// Solomon Systech SSD1306: a 128×64 monochrome OLED controller, on I2C (datasheet
// Rev. 1.1). Its display RAM is 8 pages of 128 columns, each column of a page a byte
// of 8 pixels (bit 0 on top). Every I2C write starts with a control byte: 0x00 for a
// stream of commands, 0x40 for a stream of display data.
//
// The driver draws into a framebuffer of the caller's (1024 bytes, the display RAM's
// layout: a static array, which the compiler builds into the image, so nothing is
// allocated at run time), and Show sends it whole.
//
//     static readonly byte[] s_frame = new byte[Ssd1306.FrameBytes];
//     var display = new Ssd1306<I2cClient>(i2c, s_frame);     // 0x3C (SA0 low)
//     display.Initialise();
//     display.DrawText(0, 0, "21.5 C");
//     display.Show();
//
// Initialise sets up a 128×64 module with the charge pump on (the common modules have
// no external panel supply): horizontal addressing, so Show's data runs from column 0
// of page 0 to column 127 of page 7 without further commands; segments remapped and
// COM scan reversed, so column 0 and page 0 are the top left of a module mounted the
// usual way.
using System;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices
{
    public static class Ssd1306
    {
        public const int Width = 128;
        public const int Height = 64;
        public const int Pages = Height / 8;
        public const int FrameBytes = Width * Pages;

        // SA0 low; 0x3D with it high.
        public const byte DefaultAddress = 0x3C;

        public const byte CommandStream = 0x00;
        public const byte DataStream = 0x40;
    }

    public struct Ssd1306<TBus> where TBus : II2c
    {
        // A data write: the control byte and as much of the frame as one request carries.
        private const int DataPerWrite = I2cLimits.MaxWrite - 1;

        private readonly TBus _bus;
        private readonly byte _address;
        private readonly byte[] _frame;

        public Ssd1306(TBus bus, byte[] frame, byte address = Ssd1306.DefaultAddress)
        {
            _bus = bus;
            _frame = frame;
            _address = address;
        }

        // The display's set-up (datasheet 8.5 and the application note's sequence), the
        // frame cleared and shown. InvalidArgument if the frame is not FrameBytes long.
        public Error Initialise()
        {
            if (_frame == null || _frame.Length != Ssd1306.FrameBytes)
                return Error.InvalidArgument;
            ReadOnlySpan<byte> setUp =
            [
                Ssd1306.CommandStream,
                0xAE,       // display off
                0xD5, 0x80, // clock: divide by 1, oscillator at its reset frequency
                0xA8, 0x3F, // multiplex: 64 rows
                0xD3, 0x00, // no display offset
                0x40,       // start line 0
                0x8D, 0x14, // charge pump on
                0x20, 0x00, // horizontal addressing
                0xA1,       // column 127 on SEG0
                0xC8,       // COM scan from COM63 to COM0
                0xDA, 0x12, // COM pins: alternative, no left/right remap
                0x81, 0xCF, // contrast
                0xD9, 0xF1, // pre-charge: phase 1 one clock, phase 2 fifteen
                0xDB, 0x40, // VCOMH deselect level
                0xA4,       // show the RAM
                0xA6,       // not inverted
                0x2E,       // no scrolling
                0xAF,       // display on
            ];
            Error status = _bus.Write(_address, setUp);
            if (status != Error.Ok)
                return status;
            Clear();
            return Show();
        }

        public void Clear() => new Span<byte>(_frame).Clear();

        // A pixel outside the display is ignored.
        public void SetPixel(int x, int y, bool on)
        {
            if ((uint)x >= Ssd1306.Width || (uint)y >= Ssd1306.Height)
                return;
            int index = (y >> 3) * Ssd1306.Width + x;
            byte bit = (byte)(1 << (y & 7));
            _frame[index] = (byte)(on ? _frame[index] | bit : _frame[index] & ~bit);
        }

        public bool GetPixel(int x, int y) =>
            (uint)x < Ssd1306.Width && (uint)y < Ssd1306.Height && (_frame[(y >> 3) * Ssd1306.Width + x] & (1 << (y & 7))) != 0;

        // `text` in the 5×7 font with its top left corner at (x, y), each character
        // Font5x7.Advance pixels wide, its blank column included (drawn, so text
        // overwrites what was under it); what falls outside the display is cut off.
        // Returns the x after the last character.
        public int DrawText(int x, int y, string text)
        {
            for (int i = 0; i < text.Length; i++)
                x = DrawCharacter(x, y, text[i]);
            return x;
        }

        // One character, as DrawText draws it: text made at run time (a reading's
        // digits) needs no string, which a task without a heap cannot build.
        public int DrawCharacter(int x, int y, char character)
        {
            ReadOnlySpan<byte> glyph = Font5x7.Glyph(character);
            for (int column = 0; column < Font5x7.Advance; column++)
            {
                int bits = column < Font5x7.GlyphWidth ? glyph[column] : 0;
                for (int row = 0; row < Font5x7.GlyphHeight + 1; row++)
                    SetPixel(x + column, y + row, (bits & (1 << row)) != 0);
            }
            return x + Font5x7.Advance;
        }

        // Sends the whole frame: the column and page ranges set to the full display,
        // then the frame as data, which horizontal addressing lays out in order.
        public Error Show()
        {
            if (_frame == null || _frame.Length != Ssd1306.FrameBytes)
                return Error.InvalidArgument;
            ReadOnlySpan<byte> window =
            [
                Ssd1306.CommandStream,
                0x21, 0x00, 0x7F, // columns 0 to 127
                0x22, 0x00, 0x07, // pages 0 to 7
            ];
            Error status = _bus.Write(_address, window);
            Span<byte> data = stackalloc byte[I2cLimits.MaxWrite];
            data[0] = Ssd1306.DataStream;
            for (int done = 0; status == Error.Ok && done < Ssd1306.FrameBytes;)
            {
                int length = Numbers.Min(Ssd1306.FrameBytes - done, DataPerWrite);
                new Span<byte>(_frame, done, length).CopyTo(data.Slice(1));
                status = _bus.Write(_address, data.Slice(0, 1 + length));
                done += length;
            }
            return status;
        }

        // 0 (dimmest) to 255.
        public Error SetContrast(byte contrast)
        {
            Span<byte> command = stackalloc byte[3];
            command[0] = Ssd1306.CommandStream;
            command[1] = 0x81;
            command[2] = contrast;
            return _bus.Write(_address, command);
        }
    }
}
