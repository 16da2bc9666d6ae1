using System;

namespace Keel.Devices.Tests.Models;

// TI TMP102 (SBOS397): a pointer register (P1:P0; a pointer byte with other bits set is
// refused) and four 16-bit registers sent most significant byte first. Reading past the
// second byte sends the same register again; a write takes the two bytes that follow
// the pointer. Temperature: left-justified two's complement counts of 0.0625 °C, 12
// bits, or 13 with bit 0 of the second byte set in extended mode (EM). Configuration:
// reset 0x60A0; R1:R0 (resolution, 11) and AL are read-only; SD stops conversions, so
// the temperature register keeps the last one.
public sealed class Tmp102Model : I2cPart
{
    public const ushort ConfigurationReset = 0x60A0;
    private const ushort ReadOnlyBits = 0x6020; // R1, R0, AL
    private const ushort Shutdown = 0x0100;
    private const ushort ExtendedMode = 0x0010;

    private readonly ushort[] _registers = [0, ConfigurationReset, 0x4B00, 0x5000];
    private bool _pointerSet;
    private int _byteIndex;
    private byte _firstByte;
    private float _celsius;

    public byte Pointer { get; private set; }

    public ushort Configuration => _registers[1];

    // The temperature the part senses; converted at once unless it is shut down.
    public float Celsius
    {
        get => _celsius;
        set
        {
            _celsius = value;
            if ((_registers[1] & Shutdown) == 0)
                Convert();
        }
    }

    private void Convert()
    {
        bool extended = (_registers[1] & ExtendedMode) != 0;
        int counts = (int)MathF.Round(_celsius / 0.0625f);
        _registers[0] = extended
            ? (ushort)((Math.Clamp(counts, -4096, 4095) << 3) | 1)
            : (ushort)(Math.Clamp(counts, -2048, 2047) << 4);
    }

    public override void Start(bool read)
    {
        _byteIndex = 0;
        if (!read)
            _pointerSet = false;
    }

    public override bool Receive(byte value)
    {
        if (!_pointerSet)
        {
            _pointerSet = true;
            if (value > 3)
                return false;
            Pointer = value;
            return true;
        }
        if (_byteIndex == 0)
        {
            _firstByte = value;
            _byteIndex = 1;
            return true;
        }
        if (_byteIndex == 1 && Pointer != 0) // the temperature register is read-only
        {
            ushort written = (ushort)((_firstByte << 8) | value);
            if (Pointer == 1)
                written = (ushort)((written & ~ReadOnlyBits) | (_registers[1] & ReadOnlyBits));
            _registers[Pointer] = written;
            if (Pointer == 1)
                Convert(); // the next conversion is in the new format
        }
        _byteIndex = 2;
        return true;
    }

    public override byte Send()
    {
        ushort register = _registers[Pointer];
        byte value = (_byteIndex & 1) == 0 ? (byte)(register >> 8) : (byte)register;
        _byteIndex++;
        return value;
    }
}
