namespace Keel.Devices.Tests.Models;

// An I2C part whose registers sit behind a pointer, as most sensors' do: the first
// byte of a write sets the pointer, each further byte is written to the register it
// points at; a read sends from the pointer on. After each byte the pointer moves as
// the part's datasheet says (Next).
public abstract class RegisterPart : I2cPart
{
    private bool _pointerSet;

    public byte Pointer { get; private set; }

    public override void Start(bool read)
    {
        if (!read)
            _pointerSet = false;
    }

    public override bool Receive(byte value)
    {
        if (!_pointerSet)
        {
            _pointerSet = true;
            if (!IsRegister(value))
                return false;
            Pointer = value;
            return true;
        }
        bool accepted = WriteRegister(Pointer, value);
        Pointer = Next(Pointer);
        return accepted;
    }

    public override byte Send()
    {
        byte value = ReadRegister(Pointer);
        Pointer = Next(Pointer);
        return value;
    }

    // Whether a pointer byte names a register the part has (it refuses others).
    protected virtual bool IsRegister(byte pointer) => true;

    protected abstract byte ReadRegister(byte register);

    // False: the part does not acknowledge the byte.
    protected abstract bool WriteRegister(byte register, byte value);

    protected virtual byte Next(byte register) => (byte)(register + 1);
}
