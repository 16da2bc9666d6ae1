namespace Keel.Devices.Tests.Models;

// TI TMP103 (SBOS545): byte-wide registers behind a pointer, which moves on after each
// byte (as Renode's TMP103 model does): temperature (0, read-only, whole degrees,
// two's complement), configuration (1, reset 0x02: continuous conversion; mode bits
// 1:0, 00 shutdown), TLOW (2, reset -10 °C), THIGH (3, reset 60 °C). No register
// above 3: a pointer to one is refused. In shutdown the temperature register keeps
// the last conversion.
public sealed class Tmp103Model : RegisterPart
{
    public const byte ConfigurationReset = 0x02;

    private readonly byte[] _registers = [0, ConfigurationReset, unchecked((byte)-10), 60];
    private sbyte _celsius;

    public byte Configuration => _registers[1];

    public sbyte Celsius
    {
        get => _celsius;
        set
        {
            _celsius = value;
            if ((_registers[1] & 0x03) != 0)
                _registers[0] = (byte)value;
        }
    }

    protected override bool IsRegister(byte pointer) => pointer <= 3;

    protected override byte ReadRegister(byte register) => register <= 3 ? _registers[register] : (byte)0;

    protected override bool WriteRegister(byte register, byte value)
    {
        if (register is 0 or > 3)
            return register == 0; // the temperature ignores a write; there is nothing past 3
        _registers[register] = value;
        return true;
    }
}
