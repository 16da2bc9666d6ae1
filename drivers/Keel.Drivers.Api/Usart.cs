// The USART driver's interface (drivers/usart, docs/drivers.md "USART"): bytes in and
// out of one serial port through bounded buffers that the driver's interrupt fills and
// drains, so that no call waits for the line.
//
// Write copies what fits into the transmit buffer and says how much that was; Read
// hands over what the receive buffer holds. A client that wants to know when more can
// be read or written transfers a notification once (Subscribe) and waits on it,
// instead of polling. Every caller of the driver's endpoint shares the one port: the
// driver keeps one subscriber (the last to subscribe).
using System;
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Drivers
{
    public static class UsartLimits
    {
        // The most bytes one Write or Read carries: 12 message words of bytes plus the
        // length word, with the reply's `accepted` or `received`, within 16 words.
        public const int MaxTransfer = 48;
    }

    [IpcInterface]
    public interface IUsart
    {
        // Copies as much of `data` as the transmit buffer has room for and starts
        // sending; `accepted` is how many bytes that was, from the start of `data`
        // (0 when the buffer is full: subscribe and try again when signalled).
        Error Write([MaxLength(UsartLimits.MaxTransfer)] ReadOnlySpan<byte> data, out int accepted);

        // Moves up to buffer.Length received bytes, oldest first, into the start of
        // `buffer`; `received` is how many (0 when none arrived). The rest of `buffer`
        // reads as 0: a reply carries the whole span (docs/drivers.md).
        Error Read([MaxLength(UsartLimits.MaxTransfer)] Span<byte> buffer, out int received);

        // The driver signals `notification` (a notification capability the caller
        // transfers, with the badge the caller gave it) when bytes arrive and when
        // transmit space frees after a Write accepted less than it was given. It
        // replaces the previous subscriber's.
        Error Subscribe([Transfer] uint notification);

        // Bytes lost since the driver started: `overruns` arrived while the data
        // register still held the previous byte (the hardware's ORE), `dropped` arrived
        // while the receive buffer was full.
        Error Losses(out uint overruns, out uint dropped);
    }
}
