using System;
using System.Collections.Generic;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices.Tests.Models;

// A part on the SPI bus: selected (chip select low), a byte exchanged each way per
// clock, deselected.
public abstract class SpiPart
{
    public virtual void Select() { }

    public abstract byte Exchange(byte received);

    public virtual void Deselect() { }
}

// The SPI master task's one device behind its typed interface ISpi, as the generated
// client answers: TooLong over the interface's limit, then one chip-select frame per
// Transfer, 0xFF sent past the write span's end, bytes past the read span's end
// dropped. With no part, the bus reads 0 (MISO pulled low, as under QEMU).
public sealed class SpiBus : ISpi
{
    public SpiPart? Part { get; set; }

    public Error? Failure { get; set; }

    public SpiMode Mode { get; private set; } = SpiMode.Mode0;

    // Every frame: the bytes sent.
    public List<string> Log { get; } = new();

    public Error Transfer(ReadOnlySpan<byte> write, Span<byte> read)
    {
        if (write.Length > SpiLimits.MaxTransfer || read.Length > SpiLimits.MaxTransfer)
            return Error.TooLong;
        if (Failure is { } failure)
            return failure;
        int length = Math.Max(write.Length, read.Length);
        if (length == 0)
            return Error.Ok;
        var sent = new byte[length];
        Part?.Select();
        for (int i = 0; i < length; i++)
        {
            sent[i] = i < write.Length ? write[i] : (byte)0xFF;
            byte received = Part?.Exchange(sent[i]) ?? 0;
            if (i < read.Length)
                read[i] = received;
        }
        Part?.Deselect();
        Log.Add(Convert.ToHexString(sent).ToLowerInvariant());
        return Error.Ok;
    }

    public Error Configure(SpiMode mode, SpiClockDivider divider, bool lsbFirst)
    {
        Mode = mode;
        return Error.Ok;
    }
}
