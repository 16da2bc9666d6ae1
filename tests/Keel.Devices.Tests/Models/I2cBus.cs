using System;
using System.Collections.Generic;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices.Tests.Models;

// A part on the I2C bus as the bus sees it: a START with its address (which it
// acknowledges), bytes written to it (each acknowledged or not), bytes read from it,
// a STOP.
public abstract class I2cPart
{
    // Whether the part acknowledges its address now (an EEPROM in its write cycle does not).
    public virtual bool AcknowledgesAddress => true;

    public virtual void Start(bool read) { }

    // A byte the master wrote; false is a NACK, which ends the transfer.
    public abstract bool Receive(byte value);

    // The next byte the part sends when read.
    public abstract byte Send();

    public virtual void Stop() { }
}

// The I2C bus behind the I2C master task, seen through its typed interface II2c as the
// generated client answers it: the driver's argument checks (an address above 0x7F
// and an empty read are InvalidArgument, a span over the interface's limit TooLong),
// Nack when no part acknowledges the address or a part refuses a byte (a STOP follows
// either), and a failure of the whole bus the test scripts (Timeout under QEMU, whose
// STM32 has no I2C).
public sealed class I2cBus : II2c
{
    private readonly Dictionary<byte, I2cPart> _parts = new();

    // Every transaction: the address, then "W" with the bytes written or "R" with the count read.
    public List<string> Log { get; } = new();

    // When set, every transfer fails with it before reaching the bus.
    public Error? Failure { get; set; }

    public T Attach<T>(byte address, T part) where T : I2cPart
    {
        _parts.Add(address, part);
        return part;
    }

    public Error Write(byte address, ReadOnlySpan<byte> data)
    {
        Error status = Check(address, data.Length, I2cLimits.MaxWrite, allowEmpty: true);
        if (status != Error.Ok)
            return status;
        status = WritePart(address, data, out I2cPart? part);
        part?.Stop();
        return status;
    }

    public Error Read(byte address, Span<byte> buffer)
    {
        Error status = Check(address, buffer.Length, I2cLimits.MaxRead, allowEmpty: false);
        if (status != Error.Ok)
            return status;
        status = ReadPart(address, buffer, out I2cPart? part);
        part?.Stop();
        return status;
    }

    public Error WriteRead(byte address, ReadOnlySpan<byte> write, Span<byte> read)
    {
        Error status = Check(address, write.Length, I2cLimits.MaxRegisterWrite, allowEmpty: false);
        if (status == Error.Ok)
            status = Check(address, read.Length, I2cLimits.MaxRead, allowEmpty: false);
        if (status != Error.Ok)
            return status;
        status = WritePart(address, write, out I2cPart? part);
        if (status == Error.Ok)
            status = ReadPart(address, read, out part); // a repeated START, no STOP between
        part?.Stop();
        return status;
    }

    private Error Check(byte address, int length, int maxLength, bool allowEmpty)
    {
        if (address > I2cLimits.MaxAddress)
            return Error.InvalidArgument;
        if (length > maxLength)
            return Error.TooLong;
        if (length == 0 && !allowEmpty)
            return Error.InvalidArgument;
        return Failure ?? Error.Ok;
    }

    private Error WritePart(byte address, ReadOnlySpan<byte> data, out I2cPart? part)
    {
        Log.Add($"{address:x2} W {Convert.ToHexString(data).ToLowerInvariant()}");
        if (!_parts.TryGetValue(address, out part) || !part.AcknowledgesAddress)
        {
            part = null;
            return Error.Nack;
        }
        part.Start(read: false);
        foreach (byte value in data)
        {
            if (!part.Receive(value))
                return Error.Nack;
        }
        return Error.Ok;
    }

    private Error ReadPart(byte address, Span<byte> buffer, out I2cPart? part)
    {
        Log.Add($"{address:x2} R {buffer.Length}");
        if (!_parts.TryGetValue(address, out part) || !part.AcknowledgesAddress)
        {
            part = null;
            return Error.Nack;
        }
        part.Start(read: true);
        for (int i = 0; i < buffer.Length; i++)
            buffer[i] = part.Send();
        return Error.Ok;
    }
}
