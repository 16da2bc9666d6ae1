#nullable enable
using System;
using System.Collections.Generic;
using Keel.Hal;

namespace Keel.Testing;

// A peripheral's registers in host memory. Each register holds what was last written
// to it; `OnRead` and `OnWrite` let a test model the device (a status flag that sets
// itself, a data register that answers bytes), and `Writes` records every write in
// order, for tests that check a driver's sequence.
public sealed class FakeRegisters : IRegisterBlock
{
    private readonly Dictionary<uint, uint> _values = new();

    public List<(uint Offset, uint Value)> Writes { get; } = new();

    public Func<uint, uint, uint>? OnRead { get; set; }

    public Action<uint, uint>? OnWrite { get; set; }

    public uint this[uint offset]
    {
        get => _values.TryGetValue(offset, out uint value) ? value : 0;
        set => _values[offset] = value;
    }

    public uint Read(uint offset) => OnRead is null ? this[offset] : OnRead(offset, this[offset]);

    public void Write(uint offset, uint value)
    {
        Writes.Add((offset, value));
        this[offset] = value;
        OnWrite?.Invoke(offset, value);
    }
}
