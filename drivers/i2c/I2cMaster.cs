// The I2C master's logic: transfers on the STM32F4's I2C v1 peripheral, generic over its
// register block so that host tests drive it against a model of the peripheral
// (tests/Keel.Drivers.Tests/I2cMasterTests.cs) and the task (Program.cs) against the
// chip's.
//
// Design:
// - Bounded polling, not interrupts. A byte takes 90 µs at 100 kHz and a request at
//   most 58 bytes on the bus (about 5 ms); the driver task is preemptible throughout,
//   so tasks of higher priority run as usual, and only tasks of lower priority wait
//   for the transfer. What polling buys is that every wait has a limit without a timer: a task
//   cannot read SysTick or the cycle counter, and a tick notification would wake the
//   driver 1000 times a second while it is idle. Each wait polls SR1 at most
//   `PollLimit` times (each a load from the APB1 bus, at least 4 CPU cycles: 200,000
//   polls last at least 4.8 ms at 168 MHz, over fifty byte times) and then ends in
//   Timeout.
// - Every failure leaves the bus free: a NACK is followed by STOP; a bus error, an
//   arbitration loss or a timeout by a software reset of the peripheral (CR1.SWRST)
//   and its configuration again, which returns its state machine to idle without the
//   sys task. A device that holds SDA low is not freed by that (it needs nine clocks
//   on SCL, driven as a GPIO): the next request then times out again.
// - Reception follows RM0090 27.3.3's sequences, which differ by length because the
//   v1 peripheral decides a byte's ACK while receiving it: one byte (ACK cleared before
//   ADDR is, then STOP), two bytes (POS: the NACK goes to the second byte, STOP once
//   both are in), more (ACK until three remain, then the two-step BTF ending). The
//   driver runs as a task and cannot mask interrupts between clearing ADDR and setting
//   STOP (RM0090's note for one byte): if it is preempted there for a whole byte time,
//   the device sends one byte more than asked, which the driver does not read.
using System;
using Keel.Hal;
using Keel.Kernel;
using static Keel.Hal.Stm32f4.I2cRegisters;

namespace Keel.Drivers.I2c
{
    public struct I2cMaster<TRegisters> : II2c where TRegisters : IRegisterBlock
    {
        // Polls of a status register before a wait ends in Timeout (the design note above).
        public const int PollLimit = 200_000;

        // Up to this bus speed standard mode, above it (to 400 kHz) fast mode.
        public const uint StandardModeMaxHz = 100_000;

        private TRegisters _registers;
        private readonly uint _peripheralClockHz;
        private readonly uint _busHz;

        // `busHz`: the SCL rate, app.toml's `speed` (the build keeps it to 1 kHz-400 kHz).
        public I2cMaster(TRegisters registers, uint peripheralClockHz, uint busHz)
        {
            _registers = registers;
            _peripheralClockHz = peripheralClockHz;
            _busHz = busHz;
        }

        // Resets the peripheral and configures it as a master at the bus speed: CR2.FREQ
        // is the APB clock in MHz; in standard mode CCR is half an SCL period in APB
        // clocks and TRISE the 1000 ns rise time in APB clocks, plus one; in fast mode
        // (F/S, DUTY clear) CCR is a third of the period and the rise time 300 ns.
        public void Initialise()
        {
            _registers.Write(Cr1, Cr1SoftwareReset);
            _registers.Write(Cr1, 0);
            uint megahertz = _peripheralClockHz / 1_000_000;
            _registers.Write(Cr2, megahertz & Cr2FrequencyMask);
            if (_busHz <= StandardModeMaxHz)
            {
                uint ccr = _peripheralClockHz / (2 * _busHz);
                _registers.Write(Ccr, (ccr < CcrMinimumStandard ? CcrMinimumStandard : ccr) & CcrMask);
                _registers.Write(Trise, megahertz + 1);
            }
            else
            {
                uint ccr = (_peripheralClockHz + 3 * _busHz - 1) / (3 * _busHz);
                _registers.Write(Ccr, CcrFastMode | ((ccr < CcrMinimumFast ? CcrMinimumFast : ccr) & CcrMask));
                _registers.Write(Trise, megahertz * 300 / 1000 + 1);
            }
            _registers.Write(Cr1, Cr1Enable);
        }

        public Error Write(byte address, ReadOnlySpan<byte> data)
        {
            Error invalid = Check(address, data.Length, I2cLimits.MaxWrite, allowEmpty: true);
            if (invalid != Error.Ok)
                return invalid;
            Error status = Start(address, read: false);
            if (status == Error.Ok)
                status = Send(data);
            return Finish(status);
        }

        public Error Read(byte address, Span<byte> buffer)
        {
            Error invalid = Check(address, buffer.Length, I2cLimits.MaxRead, allowEmpty: false);
            if (invalid != Error.Ok)
                return invalid;
            Error status = Start(address, read: true);
            if (status == Error.Ok)
                status = Receive(buffer);
            return Finish(status);
        }

        public Error WriteRead(byte address, ReadOnlySpan<byte> write, Span<byte> read)
        {
            Error invalid = Check(address, write.Length, I2cLimits.MaxRegisterWrite, allowEmpty: false);
            if (invalid == Error.Ok)
                invalid = Check(address, read.Length, I2cLimits.MaxRead, allowEmpty: false);
            if (invalid != Error.Ok)
                return invalid;
            Error status = Start(address, read: false);
            if (status == Error.Ok)
                status = Send(write);
            if (status == Error.Ok)
                status = Start(address, read: true); // a repeated START: the bus stays ours
            if (status == Error.Ok)
                status = Receive(read);
            return Finish(status);
        }

        private static Error Check(byte address, int length, int maxLength, bool allowEmpty)
        {
            if (address > I2cLimits.MaxAddress)
                return Error.InvalidArgument;
            if (length > maxLength)
                return Error.TooLong;
            if (length == 0 && !allowEmpty)
                return Error.InvalidArgument;
            return Error.Ok;
        }

        // START (or a repeated START), then the address with the direction bit; Ok once
        // the device acknowledged it (ADDR), with ADDR still set: the receive sequences
        // need to act before it is cleared.
        private Error Start(byte address, bool read)
        {
            uint control = _registers.Read(Cr1);
            if ((control & Cr1Start) == 0 && (_registers.Read(Sr2) & Sr2Master) == 0)
            {
                // A first START: wait for the bus to be free (another master, or a stop
                // still being sent).
                Error free = WaitWhileBusy();
                if (free != Error.Ok)
                    return free;
            }
            _registers.Write(Cr1, (control | Cr1Start | Cr1Acknowledge) & ~(Cr1Stop | Cr1AcknowledgeNext));
            Error status = WaitFor(Sr1StartSent);
            if (status != Error.Ok)
                return status;
            // SB is cleared by the SR1 read above followed by this write.
            _registers.Write(Dr, ((uint)address << 1) | (read ? 1u : 0u));
            return WaitFor(Sr1AddressSent);
        }

        private Error Send(ReadOnlySpan<byte> data)
        {
            ClearAddressSent();
            for (int i = 0; i < data.Length; i++)
            {
                Error status = WaitFor(Sr1TransmitEmpty);
                if (status != Error.Ok)
                    return status;
                _registers.Write(Dr, data[i]);
            }
            // The last byte has left the shift register (and was acknowledged) once BTF is
            // set; with no data, ADDR's acknowledgement was the whole transfer.
            return data.Length == 0 ? Error.Ok : WaitFor(Sr1ByteTransferFinished);
        }

        private Error Receive(Span<byte> buffer)
        {
            if (buffer.Length == 1)
            {
                // The only byte is the last: NACK it, and ask for STOP while it arrives.
                ClearControl(Cr1Acknowledge);
                ClearAddressSent();
                SetControl(Cr1Stop);
                Error status = WaitFor(Sr1ReceiveNotEmpty);
                if (status != Error.Ok)
                    return status;
                buffer[0] = (byte)_registers.Read(Dr);
                return Error.Ok;
            }
            if (buffer.Length == 2)
            {
                // POS: the cleared ACK applies to the byte after the one being received,
                // so the first is acknowledged and the second not. Both are in (BTF: one
                // in DR, one in the shift register, SCL held) before STOP.
                _registers.Write(Cr1, (_registers.Read(Cr1) | Cr1AcknowledgeNext) & ~Cr1Acknowledge);
                ClearAddressSent();
                Error status = WaitFor(Sr1ByteTransferFinished);
                if (status != Error.Ok)
                    return status;
                SetControl(Cr1Stop);
                buffer[0] = (byte)_registers.Read(Dr);
                buffer[1] = (byte)_registers.Read(Dr);
                return Error.Ok;
            }

            ClearAddressSent();
            int next = 0;
            // Acknowledge every byte until three remain unread.
            while (buffer.Length - next > 3)
            {
                Error status = WaitFor(Sr1ReceiveNotEmpty);
                if (status != Error.Ok)
                    return status;
                buffer[next++] = (byte)_registers.Read(Dr);
            }
            // N-2 in DR, N-1 in the shift register, SCL held: NACK the last byte, which
            // reading N-2 lets in.
            Error waited = WaitFor(Sr1ByteTransferFinished);
            if (waited != Error.Ok)
                return waited;
            ClearControl(Cr1Acknowledge);
            buffer[next++] = (byte)_registers.Read(Dr);
            // N-1 in DR, N in the shift register: STOP, then read both.
            waited = WaitFor(Sr1ByteTransferFinished);
            if (waited != Error.Ok)
                return waited;
            SetControl(Cr1Stop);
            buffer[next++] = (byte)_registers.Read(Dr);
            waited = WaitFor(Sr1ReceiveNotEmpty);
            if (waited != Error.Ok)
                return waited;
            buffer[next] = (byte)_registers.Read(Dr);
            return Error.Ok;
        }

        // Ends the transaction whatever happened. Ok and Nack end with a STOP (the
        // receive sequences have already asked for it; asking again is harmless once it
        // is sent, and the driver waits for it to go out); a bus error, a lost
        // arbitration or a timeout end with the peripheral reset.
        private Error Finish(Error status)
        {
            if (status == Error.Ok || status == Error.Nack)
            {
                if ((_registers.Read(Cr1) & Cr1Stop) == 0 && (_registers.Read(Sr2) & Sr2Master) != 0)
                    SetControl(Cr1Stop);
                // AF is cleared by writing 0 to it (the other flags in SR1 ignore a 1).
                if (status == Error.Nack)
                    _registers.Write(Sr1, ~Sr1AcknowledgeFailure & 0xFFFF);
                ClearControl(Cr1AcknowledgeNext);
                for (int polls = 0; (_registers.Read(Cr1) & Cr1Stop) != 0; polls++)
                {
                    if (polls == PollLimit)
                    {
                        Initialise();
                        return Error.Timeout;
                    }
                }
                return status;
            }
            Initialise();
            return status;
        }

        // Polls SR1 until one of `flags` is set; an error flag ends the wait first.
        private Error WaitFor(uint flags)
        {
            for (int polls = 0; polls < PollLimit; polls++)
            {
                uint status = _registers.Read(Sr1);
                if ((status & Sr1AcknowledgeFailure) != 0)
                    return Error.Nack;
                if ((status & (Sr1BusError | Sr1ArbitrationLost)) != 0)
                    return Error.BusError;
                if ((status & flags) != 0)
                    return Error.Ok;
            }
            return Error.Timeout;
        }

        private Error WaitWhileBusy()
        {
            for (int polls = 0; polls < PollLimit; polls++)
            {
                if ((_registers.Read(Sr2) & Sr2Busy) == 0)
                    return Error.Ok;
            }
            return Error.Timeout;
        }

        // ADDR is cleared by reading SR1 then SR2.
        private void ClearAddressSent()
        {
            _registers.Read(Sr1);
            _registers.Read(Sr2);
        }

        private void SetControl(uint bits) => _registers.Write(Cr1, _registers.Read(Cr1) | bits);

        private void ClearControl(uint bits) => _registers.Write(Cr1, _registers.Read(Cr1) & ~bits);
    }
}
