using System;

namespace Keel.Devices.Tests.Models;

// Analog Devices ADXL345 (Rev. G), on I2C: DEVID 0xE5; BW_RATE reset 0x0A, POWER_CTL
// and DATA_FORMAT reset 0; INT_SOURCE reset 0x02 (WATERMARK), DATA_READY (bit 7) set
// while a sample no one has read is in the data registers. In measurement mode a new
// sample arrives SamplePolls reads of INT_SOURCE after the last was read (standby: never).
// The data registers hold the sample as DATA_FORMAT encodes it: full resolution at 256
// counts per g, otherwise 10 bits over the range (256, 128, 64, 32 counts per g),
// right-justified, little-endian; reading DATAZ1 (0x37) marks the sample read. Reads
// and writes move on from register to register; 0x01-0x1C are reserved (not written).
public sealed class Adxl345Model(byte deviceId = 0xE5) : RegisterPart
{
    private readonly byte[] _registers = new byte[0x3A];
    private bool _ready;
    private int _pollsToSample;

    public int SamplePolls { get; set; } = 2;

    // The acceleration the part senses, in g.
    public (float X, float Y, float Z) Gravity { get; set; }

    public byte this[byte register] => _registers[register];

    private bool Measuring => (_registers[0x2D] & 0x08) != 0;

    protected override byte ReadRegister(byte register)
    {
        switch (register)
        {
            case 0x00:
                return deviceId;
            case 0x2C when _registers[0x2C] == 0:
                return 0x0A;
            case 0x30:
                if (!_ready && Measuring && ++_pollsToSample >= SamplePolls)
                    Sample();
                return (byte)(0x02 | (_ready ? 0x80 : 0));
            case 0x37:
                _ready = false;
                _pollsToSample = 0;
                return _registers[0x37];
            default:
                return register < _registers.Length ? _registers[register] : (byte)0;
        }
    }

    protected override bool WriteRegister(byte register, byte value)
    {
        if (register is >= 0x1D and <= 0x2F or 0x31 or 0x38)
            _registers[register] = value;
        return true;
    }

    private void Sample()
    {
        _ready = true;
        byte format = _registers[0x31];
        bool fullResolution = (format & 0x08) != 0;
        float countsPerG = fullResolution ? 256f : 256f / (1 << (format & 0x03));
        int maximum = fullResolution ? (512 << (format & 0x03)) - 1 : 511;
        Store(0x32, Gravity.X);
        Store(0x34, Gravity.Y);
        Store(0x36, Gravity.Z);

        void Store(int register, float g)
        {
            int counts = Math.Clamp((int)MathF.Round(g * countsPerG), -maximum - 1, maximum);
            _registers[register] = (byte)counts;
            _registers[register + 1] = (byte)(counts >> 8);
        }
    }
}
