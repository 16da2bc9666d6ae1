// The interface the round-trip tests serve: every kind of parameter the generator
// carries, at the limits of a message, and an implementation that records what it was
// given.
using System;
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Generators.Tests
{
    public enum Mode : byte
    {
        Off = 0,
        Slow = 1,
        Fast = 7,
    }

    [Flags]
    public enum Options : ushort
    {
        Echo = 1,
        Loud = 4,
    }

    [IpcInterface]
    public interface IProbe
    {
        Error Add(int a, short b, sbyte c, out int sum);

        Error Echo(bool flag, byte small, ushort medium, uint large, char letter, Mode mode, Options options,
            out bool flagOut, out byte smallOut, out ushort mediumOut, out uint largeOut, out char letterOut, out Mode modeOut, out Options optionsOut);

        Error Reverse([MaxLength(20)] ReadOnlySpan<byte> data, [MaxLength(20)] Span<byte> reversed);

        // The longest reply: 15 words of bytes, 11 of them in the IPC buffer.
        Error Fill(byte value, [MaxLength(60)] Span<byte> buffer);

        // The longest request: a length word and 15 words of bytes.
        Error Sum([MaxLength(60)] ReadOnlySpan<byte> data, out uint total);

        Error Keep([Transfer] uint notification, bool move, out uint kept);

        Error Give([Transfer] out uint endpoint);

        Error Fail(Error status, out uint unset);
    }

    public struct Probe : IProbe
    {
        // Where Keep moves a capability it keeps, and what Give returns.
        public const uint KeepSlot = 10;
        public const uint GiveSlot = 3;

        public int Calls;
        public uint LastBadge;

        public Error Add(int a, short b, sbyte c, out int sum)
        {
            Called();
            sum = a + b + c;
            return Error.Ok;
        }

        public Error Echo(bool flag, byte small, ushort medium, uint large, char letter, Mode mode, Options options,
            out bool flagOut, out byte smallOut, out ushort mediumOut, out uint largeOut, out char letterOut, out Mode modeOut, out Options optionsOut)
        {
            Called();
            (flagOut, smallOut, mediumOut, largeOut, letterOut, modeOut, optionsOut) = (flag, small, medium, large, letter, mode, options);
            return Error.Ok;
        }

        public Error Reverse(ReadOnlySpan<byte> data, Span<byte> reversed)
        {
            Called();
            if (data.Length != reversed.Length)
                return Error.InvalidArgument;
            for (int i = 0; i < data.Length; i++)
                reversed[i] = data[data.Length - 1 - i];
            return Error.Ok;
        }

        public Error Fill(byte value, Span<byte> buffer)
        {
            Called();
            for (int i = 0; i < buffer.Length; i++)
                buffer[i] = (byte)(value + i);
            return Error.Ok;
        }

        public Error Sum(ReadOnlySpan<byte> data, out uint total)
        {
            Called();
            total = 0;
            foreach (byte b in data)
                total += b;
            return Error.Ok;
        }

        public Error Keep(uint notification, bool move, out uint kept)
        {
            Called();
            kept = notification;
            if (CSpaceOps.Identify(notification, out CapType type, out _) != Error.Ok || type != CapType.Notification)
                return Error.InvalidArgument;
            if (move)
            {
                CSpaceOps.Delete(KeepSlot);
                kept = KeepSlot;
                return CSpaceOps.Move(notification, KeepSlot);
            }
            return Error.Ok;
        }

        public Error Give(out uint endpoint)
        {
            Called();
            endpoint = GiveSlot;
            return Error.Ok;
        }

        public Error Fail(Error status, out uint unset)
        {
            Called();
            unset = 0xBAD;
            return status;
        }

        private void Called()
        {
            Calls++;
            LastBadge = Caller.Badge;
        }
    }
}
