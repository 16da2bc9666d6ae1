// The USART driver's logic, generic over its registers (Keel.Hal.IRegisterBlock) so
// that host tests run it against a fake device (tests/Keel.Drivers.Tests/UsartTests.cs);
// Program.cs owns the system calls and hands this struct its requests and interrupts.
//
// Interrupt-driven, no busy-waiting: the receive interrupt (RXNEIE, which also fires on
// an overrun) moves each arrived byte into the receive ring; the transmit interrupt
// (TXEIE) is enabled exactly while the transmit ring holds bytes, and feeds the data
// register while it is empty (TXE). Write also feeds the data register at once while
// it is empty, so a line that is idle starts without waiting for an interrupt (and
// QEMU's USART, which never raises TXE's interrupt because its TXE is always set,
// sends everything there).
//
// Losses are counted, never fatal: a byte that arrived while the previous one was
// still unread (ORE) is an overrun; one that arrived with the receive ring full is
// dropped. Requests that do not fit the interface (a span longer than MaxTransfer)
// are answered TooLong and change nothing.
using System;
using Keel.Hal;
using Keel.Hal.Stm32f4;
using Keel.Kernel;

namespace Keel.Drivers.Usart
{
    // What an interrupt did that the subscriber is told about.
    [Flags]
    public enum UsartEvents : byte
    {
        None = 0,
        Received = 1,
        TransmitSpace = 2,
    }

    public struct UsartDriver<TRegisters> where TRegisters : IRegisterBlock
    {
        private TRegisters _registers;
        private ByteRing _transmit;
        private ByteRing _receive;
        // A Write accepted less than it was given: the subscriber is told when room frees.
        private bool _writerWaiting;

        public uint Overruns { get; private set; }

        public uint Dropped { get; private set; }

        public UsartDriver(TRegisters registers, byte[] transmitStorage, byte[] receiveStorage)
        {
            _registers = registers;
            _transmit = new ByteRing(transmitStorage);
            _receive = new ByteRing(receiveStorage);
            _writerWaiting = false;
            Overruns = 0;
            Dropped = 0;
        }

        public int TransmitPending => _transmit.Count;

        public int ReceivePending => _receive.Count;

        // 8N1 at `baud` from the USART's bus clock, receiver and its interrupt on; the
        // transmit interrupt stays off until there is something to send.
        public void Start(uint clockHz, uint baud)
        {
            _registers.Write(UsartRegisters.Brr, UsartRegisters.BaudDivisor(clockHz, baud));
            _registers.Write(UsartRegisters.Cr1, UsartRegisters.Cr1Enable | UsartRegisters.Cr1TransmitterEnable |
                                                 UsartRegisters.Cr1ReceiverEnable | UsartRegisters.Cr1ReceiveInterrupt);
        }

        public Error Write(ReadOnlySpan<byte> data, out int accepted)
        {
            accepted = 0;
            if (data.Length > Keel.Drivers.UsartLimits.MaxTransfer)
                return Error.TooLong;
            accepted = _transmit.Put(data);
            if (accepted < data.Length)
                _writerWaiting = true;
            FeedTransmitter();
            return Error.Ok;
        }

        public Error Read(Span<byte> buffer, out int received)
        {
            received = 0;
            if (buffer.Length > Keel.Drivers.UsartLimits.MaxTransfer)
                return Error.TooLong;
            received = _receive.Take(buffer);
            buffer.Slice(received).Clear();
            return Error.Ok;
        }

        // The USART's interrupt: takes every byte that arrived, sends what the data
        // register has room for, and says what the subscriber should hear about.
        public UsartEvents OnInterrupt()
        {
            UsartEvents events = UsartEvents.None;
            while (true)
            {
                uint status = _registers.Read(UsartRegisters.Sr);
                if ((status & (UsartRegisters.SrReceiveNotEmpty | UsartRegisters.SrOverrun)) == 0)
                    break;
                // Reading DR after SR clears RXNE and ORE. With ORE, DR holds the byte
                // that came before the lost one.
                byte value = (byte)_registers.Read(UsartRegisters.Dr);
                if ((status & UsartRegisters.SrOverrun) != 0)
                    Overruns++;
                if ((status & UsartRegisters.SrReceiveNotEmpty) == 0)
                    continue;
                if (_receive.TryPut(value))
                    events |= UsartEvents.Received;
                else
                    Dropped++;
            }

            int before = _transmit.Count;
            FeedTransmitter();
            if (_writerWaiting && _transmit.Count < before)
            {
                _writerWaiting = false;
                events |= UsartEvents.TransmitSpace;
            }
            return events;
        }

        // Moves bytes into the data register while it is empty, then leaves the
        // transmit interrupt on exactly while bytes are left.
        private void FeedTransmitter()
        {
            while (!_transmit.IsEmpty && (_registers.Read(UsartRegisters.Sr) & UsartRegisters.SrTransmitEmpty) != 0)
            {
                _transmit.TryTake(out byte value);
                _registers.Write(UsartRegisters.Dr, value);
            }
            uint control = _registers.Read(UsartRegisters.Cr1);
            uint wanted = _transmit.IsEmpty ? control & ~UsartRegisters.Cr1TransmitEmptyInterrupt : control | UsartRegisters.Cr1TransmitEmptyInterrupt;
            if (wanted != control)
                _registers.Write(UsartRegisters.Cr1, wanted);
        }
    }
}
