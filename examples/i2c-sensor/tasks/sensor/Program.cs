// The sensor client: reads the temperature of a TI TMP103 over the I2C master task and
// prints it, then exchanges a few bytes with the device on the SPI master task, and
// ends the run. It holds nothing but its two endpoint capabilities: the drivers own
// the peripherals, and sys their clocks and pins.
//
// The TMP103 (address 0x70) keeps its temperature in register 0 as a signed byte in
// degrees Celsius: a register read is WriteRead(address, [register], 1 byte).
//
// Before the reading it shows the I2C driver's documented errors, the reading then
// showing that the driver serves on after each: a probe of an address where no device
// answers (Nack), an address above 0x7F (InvalidArgument), a buffer over the
// interface's limit (TooLong, refused by the generated client before any call).
//
// On QEMU, whose STM32F405 has no I2C model (its registers read 0), every transfer ends
// in Timeout, and the transcript shows each error and the driver still answering.
using System;
using System.Runtime.InteropServices;
using Keel.Drivers;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Examples.I2cSensor
{
    public static class Program
    {
        private const byte Tmp103Address = 0x70;
        private const byte Tmp103Temperature = 0x00;
        private const byte NobodyAddress = 0x49;

        // A JEDEC "read identification" command and two bytes of answer.
        private static readonly byte[] s_identify = { 0x9F, 0x00, 0x00 };
        private static readonly byte[] s_tooLong = new byte[I2cLimits.MaxWrite + 1];

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var i2c = new I2cClient(Caps.I2c);
            Console.WriteLine("sensor: reading the TMP103 at 0x70 over I2C1");

            Report("sensor: probe of 0x49 (no device): ", i2c.Write(NobodyAddress, ReadOnlySpan<byte>.Empty));
            Report("sensor: address 0x80: ", i2c.Write(0x80, ReadOnlySpan<byte>.Empty));
            Report("sensor: a 49-byte write: ", i2c.Write(Tmp103Address, s_tooLong));

            Span<byte> register = stackalloc byte[1] { Tmp103Temperature };
            Span<byte> value = stackalloc byte[1];
            Error status = i2c.WriteRead(Tmp103Address, register, value);
            Console.Write("sensor: temperature: ");
            if (status == Error.Ok)
            {
                int celsius = (sbyte)value[0];
                if (celsius < 0)
                {
                    Console.Write('-');
                    celsius = -celsius;
                }
                Console.WriteDecimal((uint)celsius);
                Console.WriteLine(" C");
            }
            else
            {
                Console.Write(status);
                Console.WriteLine();
            }

            var spi = new SpiClient(Caps.Spi);
            Report("sensor: SPI mode 0, clock / 8: ", spi.Configure(SpiMode.Mode0, SpiClockDivider.By8, false));
            Span<byte> answer = stackalloc byte[3];
            Error transferred = spi.Transfer(s_identify, answer);
            Console.Write("sensor: SPI sent 9f 00 00, received");
            if (transferred == Error.Ok)
            {
                for (int i = 0; i < answer.Length; i++)
                {
                    Console.Write(' ');
                    WriteByte(answer[i]);
                }
                Console.WriteLine();
            }
            else
            {
                Console.WriteLine(": ", transferred);
            }

            Console.WriteLine("sensor: done");
            Task.Halt(0);
        }

        private static void Report(string what, Error status)
        {
            Console.Write(what);
            Console.Write(status);
            Console.WriteLine();
        }

        private static void WriteByte(byte value)
        {
            Console.Write(Digit(value >> 4));
            Console.Write(Digit(value & 0xF));
        }

        private static char Digit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
}
