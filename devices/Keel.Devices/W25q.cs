// Winbond W25Qxx serial NOR flash on SPI (W25Q80 to W25Q128, datasheets W25Q64JV and
// W25Q128JV): 256-byte pages, 4 KB sectors, 3-byte addresses. Commands used: JEDEC ID
// (0x9F), Read Status Register-1 (0x05: BUSY bit 0, WEL bit 1, BP2:0 bits 4:2), Write
// Enable (0x06), Read Data (0x03), Page Program (0x02), Sector Erase (0x20).
//
//     var flash = new W25q<SpiClient>(spi);
//     Error status = flash.EraseSector(0x1000);
//     status = flash.Program(0x1000, data);
//     status = flash.Read(0x1000, buffer);
//
// Design:
// - The first operation reads the JEDEC id: Winbond (0xEF) and a capacity code from
//   0x11 (128 KB) to 0x18 (16 MB, the most 3-byte addresses reach), else WrongDevice.
//   Capacity is 2^code bytes.
// - The SPI driver drives chip select for one Transfer of at most SpiLimits.MaxTransfer
//   bytes, and a command with its address takes 4 of them: Read and Program move 28
//   bytes a command, and Program never lets a command cross a page (the part would
//   wrap to the page's start). Each program and erase is Write Enable, the command,
//   then a wait while BUSY, at most PollLimit status reads, then Timeout.
// - Before programming or erasing the driver reads the status register: with any
//   block-protect bit set it answers WriteProtected and sends nothing, rather than work
//   out which blocks BP2:0, TB, SEC and CMP protect (the part would ignore the command
//   and say nothing).
// - Program only clears bits, as the part does: erase the sector first.
using System;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices
{
    public struct W25q<TBus> where TBus : ISpi
    {
        public const byte JedecIdCommand = 0x9F;
        public const byte ReadStatusCommand = 0x05;
        public const byte WriteEnableCommand = 0x06;
        public const byte ReadCommand = 0x03;
        public const byte PageProgramCommand = 0x02;
        public const byte SectorEraseCommand = 0x20;

        public const byte Winbond = 0xEF;
        public const byte StatusBusy = 0x01;
        public const byte StatusWriteEnabled = 0x02;
        public const byte StatusBlockProtect = 0x1C;

        public const int PageSize = 256;
        public const int SectorSize = 4096;

        // Status reads before a wait is Timeout: a sector erase lasts up to 400 ms, and
        // each read is a transfer through the SPI task (tens of µs at least).
        public const int PollLimit = 20_000;

        private const int CommandLength = 4;
        private const int DataPerCommand = SpiLimits.MaxTransfer - CommandLength;
        private const byte SmallestCapacityCode = 0x11;
        private const byte LargestCapacityCode = 0x18;

        private readonly TBus _bus;
        private int _capacity;

        public W25q(TBus bus)
        {
            _bus = bus;
            _capacity = 0;
        }

        // In bytes, once an operation has identified the part; 0 before.
        public int Capacity => _capacity;

        public Error ReadJedecId(out byte manufacturer, out byte memoryType, out byte capacityCode)
        {
            manufacturer = memoryType = capacityCode = 0;
            Span<byte> command = stackalloc byte[1];
            command[0] = JedecIdCommand;
            Span<byte> answer = stackalloc byte[4];
            Error status = _bus.Transfer(command, answer);
            if (status != Error.Ok)
                return status;
            manufacturer = answer[1];
            memoryType = answer[2];
            capacityCode = answer[3];
            return Error.Ok;
        }

        // Identifies the part; every other operation does it when needed.
        public Error Initialise()
        {
            _capacity = 0;
            Error status = ReadJedecId(out byte manufacturer, out _, out byte capacityCode);
            if (status != Error.Ok)
                return status;
            if (manufacturer != Winbond || capacityCode < SmallestCapacityCode || capacityCode > LargestCapacityCode)
                return Error.WrongDevice;
            _capacity = 1 << capacityCode;
            return Error.Ok;
        }

        public Error Read(int address, Span<byte> buffer)
        {
            Error status = Check(address, buffer.Length);
            Span<byte> command = stackalloc byte[CommandLength];
            Span<byte> answer = stackalloc byte[SpiLimits.MaxTransfer];
            for (int done = 0; status == Error.Ok && done < buffer.Length;)
            {
                int length = Numbers.Min(buffer.Length - done, DataPerCommand);
                Command(ReadCommand, address + done, command);
                status = _bus.Transfer(command, answer.Slice(0, CommandLength + length));
                if (status == Error.Ok)
                    answer.Slice(CommandLength, length).CopyTo(buffer.Slice(done, length));
                done += length;
            }
            return status;
        }

        public Error Program(int address, ReadOnlySpan<byte> data)
        {
            Error status = Check(address, data.Length);
            Span<byte> request = stackalloc byte[SpiLimits.MaxTransfer];
            for (int done = 0; status == Error.Ok && done < data.Length;)
            {
                int at = address + done;
                int length = Numbers.Min(Numbers.Min(data.Length - done, DataPerCommand), PageSize - at % PageSize);
                Command(PageProgramCommand, at, request);
                for (int i = 0; i < length; i++)
                    request[CommandLength + i] = data[done + i];
                status = Modify(request.Slice(0, CommandLength + length));
                done += length;
            }
            return status;
        }

        // Erases (to 0xFF) the 4 KB sector that starts at `address`.
        public Error EraseSector(int address)
        {
            Error status = Check(address, SectorSize);
            if (status != Error.Ok)
                return status;
            if (address % SectorSize != 0)
                return Error.InvalidArgument;
            Span<byte> command = stackalloc byte[CommandLength];
            Command(SectorEraseCommand, address, command);
            return Modify(command);
        }

        private Error Check(int address, int length)
        {
            Error status = _capacity != 0 ? Error.Ok : Initialise();
            if (status != Error.Ok)
                return status;
            return address >= 0 && length >= 0 && address <= _capacity - length ? Error.Ok : Error.InvalidArgument;
        }

        private static void Command(byte command, int address, Span<byte> destination)
        {
            destination[0] = command;
            destination[1] = (byte)(address >> 16);
            destination[2] = (byte)(address >> 8);
            destination[3] = (byte)address;
        }

        // A program or erase command: refused while any block is protected, sent after
        // Write Enable, waited for.
        private Error Modify(ReadOnlySpan<byte> command)
        {
            Error status = ReadStatus(out byte value);
            if (status != Error.Ok)
                return status;
            if ((value & StatusBlockProtect) != 0)
                return Error.WriteProtected;
            Span<byte> enable = stackalloc byte[1];
            enable[0] = WriteEnableCommand;
            status = _bus.Transfer(enable, Span<byte>.Empty);
            if (status == Error.Ok)
                status = _bus.Transfer(command, Span<byte>.Empty);
            return status == Error.Ok ? WaitWhileBusy() : status;
        }

        private Error WaitWhileBusy()
        {
            for (int poll = 0; poll < PollLimit; poll++)
            {
                Error status = ReadStatus(out byte value);
                if (status != Error.Ok)
                    return status;
                if ((value & StatusBusy) == 0)
                    return Error.Ok;
            }
            return Error.Timeout;
        }

        private Error ReadStatus(out byte value)
        {
            value = 0;
            Span<byte> command = stackalloc byte[1];
            command[0] = ReadStatusCommand;
            Span<byte> answer = stackalloc byte[2];
            Error status = _bus.Transfer(command, answer);
            if (status == Error.Ok)
                value = answer[1];
            return status;
        }
    }
}
