// The 24xx family of I2C EEPROMs (Microchip 24AA/24LC/24FC, Atmel AT24C, ST M24C): an
// array of bytes behind an address counter. A write is START, the device address, the
// memory address (one byte on parts to 2 KB, whose block bits go in the device
// address; two bytes above), then up to a page of data; at STOP the part starts its
// write cycle (up to 5 ms), during which it does not acknowledge its address. Data
// past the end of a page wraps to the page's start, so the driver never sends it.
// A read goes on from the address, across pages.
//
//     var memory = new Eeprom24<I2cClient>(i2c, EepromGeometry.At24c32);  // address 0x50
//     Error status = memory.Write(0x0100, data);
//     status = memory.Read(0x0100, buffer);
//
// Design:
// - Write splits the data at page boundaries and at what one I2C request carries,
//   and after each piece polls for the end of the write cycle by addressing the part
//   (an empty write: Nack while it is busy), at most PollLimit times, then Timeout.
// - With its WP pin high the part acknowledges every byte and writes none, so the
//   driver reads each piece back once the cycle is over and answers WriteProtected if
//   the memory does not hold it. That costs a read per piece and catches a piece
//   the part failed to write for any other reason (a worn cell) as well.
// - An access past the end of the memory is InvalidArgument: the part would wrap to 0.
using System;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices
{
    // A part's size, page and address width; the presets are the common sizes.
    public readonly struct EepromGeometry
    {
        public EepromGeometry(int capacity, int pageSize, int addressBytes)
        {
            Capacity = capacity;
            PageSize = pageSize;
            AddressBytes = addressBytes;
        }

        public int Capacity { get; }

        public int PageSize { get; }

        public int AddressBytes { get; }

        public static EepromGeometry At24c02 => new EepromGeometry(256, 8, 1);

        public static EepromGeometry At24c16 => new EepromGeometry(2048, 16, 1);

        public static EepromGeometry At24c32 => new EepromGeometry(4096, 32, 2);

        public static EepromGeometry At24c64 => new EepromGeometry(8192, 32, 2);

        public static EepromGeometry At24c256 => new EepromGeometry(32768, 64, 2);

        public static EepromGeometry At24c512 => new EepromGeometry(65536, 128, 2);
    }

    public struct Eeprom24<TBus> where TBus : II2c
    {
        // A0-A2 to ground.
        public const byte DefaultAddress = 0x50;

        // Polls for the end of a write cycle before Timeout: each is an I2C request
        // through the I2C task (well over 100 µs), and a cycle lasts at most 5 ms.
        public const int PollLimit = 1_000;

        // The most data one write request carries besides a two-byte memory address.
        private const int MaxWriteData = I2cLimits.MaxWrite - 2;

        private readonly TBus _bus;
        private readonly byte _address;
        private readonly EepromGeometry _geometry;

        public Eeprom24(TBus bus, EepromGeometry geometry, byte address = DefaultAddress)
        {
            _bus = bus;
            _geometry = geometry;
            _address = address;
        }

        public EepromGeometry Geometry => _geometry;

        public Error Read(int memoryAddress, Span<byte> buffer)
        {
            if (!Fits(memoryAddress, buffer.Length))
                return Error.InvalidArgument;
            Span<byte> header = stackalloc byte[2];
            for (int done = 0; done < buffer.Length;)
            {
                int length = Numbers.Min(buffer.Length - done, I2cLimits.MaxRead);
                int at = memoryAddress + done;
                Error status = _bus.WriteRead(DeviceAddress(at), Header(at, header), buffer.Slice(done, length));
                if (status != Error.Ok)
                    return status;
                done += length;
            }
            return Error.Ok;
        }

        public Error Write(int memoryAddress, ReadOnlySpan<byte> data)
        {
            if (!Fits(memoryAddress, data.Length))
                return Error.InvalidArgument;
            Span<byte> request = stackalloc byte[I2cLimits.MaxWrite];
            Span<byte> written = stackalloc byte[MaxWriteData];
            for (int done = 0; done < data.Length;)
            {
                int at = memoryAddress + done;
                int pageLeft = _geometry.PageSize - at % _geometry.PageSize;
                int length = Numbers.Min(Numbers.Min(data.Length - done, pageLeft), MaxWriteData);
                int headerLength = Header(at, request).Length;
                for (int i = 0; i < length; i++)
                    request[headerLength + i] = data[done + i];
                Error status = _bus.Write(DeviceAddress(at), request.Slice(0, headerLength + length));
                if (status == Error.Ok)
                    status = WaitForWriteCycle(DeviceAddress(at));
                if (status == Error.Ok)
                    status = Read(at, written.Slice(0, length));
                if (status != Error.Ok)
                    return status;
                for (int i = 0; i < length; i++)
                {
                    if (written[i] != data[done + i])
                        return Error.WriteProtected;
                }
                done += length;
            }
            return Error.Ok;
        }

        private bool Fits(int memoryAddress, int length) =>
            memoryAddress >= 0 && length >= 0 && memoryAddress <= _geometry.Capacity - length;

        // Address bits above the memory address's bytes select a block of the part
        // through the device address's low bits.
        private byte DeviceAddress(int memoryAddress) => (byte)(_address | (memoryAddress >> (8 * _geometry.AddressBytes)));

        // The memory address as the part takes it, most significant byte first, at the
        // start of `destination`.
        private ReadOnlySpan<byte> Header(int memoryAddress, Span<byte> destination)
        {
            if (_geometry.AddressBytes == 1)
            {
                destination[0] = (byte)memoryAddress;
                return destination.Slice(0, 1);
            }
            destination[0] = (byte)(memoryAddress >> 8);
            destination[1] = (byte)memoryAddress;
            return destination.Slice(0, 2);
        }

        private Error WaitForWriteCycle(byte deviceAddress)
        {
            for (int poll = 0; poll < PollLimit; poll++)
            {
                Error status = _bus.Write(deviceAddress, ReadOnlySpan<byte>.Empty);
                if (status != Error.Nack)
                    return status;
            }
            return Error.Timeout;
        }
    }
}
