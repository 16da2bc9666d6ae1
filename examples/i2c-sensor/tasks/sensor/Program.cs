// The sensor client: reads the temperature of a TI TMP103 over the I2C master task and
// prints it, then exchanges a few bytes with the device on the SPI master task, and
// ends the run. It holds nothing but its two endpoint capabilities: the drivers own
// the peripherals, and sys their clocks and pins.
//
// The TMP103 (address 0x70) is read through its device driver in Keel.Devices
// (docs/devices.md), which runs in this task over the I2C client: one register read,
// WriteRead(0x70, [0], 1 byte), answered as a Temperature.
//
// Before the reading it shows the I2C driver's documented errors, the reading then
// showing that the driver serves on after each: a probe of an address where no device
// answers (Nack), an address above 0x7F (InvalidArgument), a buffer over the
// interface's limit (TooLong, refused by the generated client before any call).
//
// On QEMU, whose STM32F405 has no I2C model (its registers read 0), every transfer ends
// in Timeout, and the transcript shows each error and the driver still answering.
//
// Last, each of Keel.Devices' other I2C device drivers makes one call at its part's
// default address, where nothing answers: the image carries them, compiled for the chip.
using System;
using System.Runtime.InteropServices;
using Keel.Devices;
using Keel.Drivers;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;

namespace Keel.Examples.I2cSensor
{
    public static class Program
    {
        private const byte Tmp103Address = 0x70;
        private const byte NobodyAddress = 0x49;

        // A JEDEC "read identification" command and two bytes of answer.
        private static readonly byte[] s_identify = { 0x9F, 0x00, 0x00 };
        private static readonly byte[] s_tooLong = new byte[I2cLimits.MaxWrite + 1];
        private static readonly byte[] s_frame = new byte[Ssd1306.FrameBytes];

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var i2c = new I2cClient(Caps.I2c);
            Console.WriteLine("reading the TMP103 at 0x70 over I2C1");

            Report("probe of 0x49 (no device): ", i2c.Write(NobodyAddress, ReadOnlySpan<byte>.Empty));
            Report("address 0x80: ", i2c.Write(0x80, ReadOnlySpan<byte>.Empty));
            Report("a 49-byte write: ", i2c.Write(Tmp103Address, s_tooLong));

            var thermometer = new Tmp103<I2cClient>(i2c, Tmp103Address);
            Error status = thermometer.Read(out Temperature temperature);
            Console.Write("temperature: ");
            if (status == Error.Ok)
            {
                WriteTenths(temperature.Celsius);
                Console.Write(" C, ");
                WriteTenths(temperature.Fahrenheit);
                Console.WriteLine(" F");
            }
            else
            {
                Console.Write(status);
                Console.WriteLine();
            }

            var spi = new SpiClient(Caps.Spi);
            Report("SPI mode 0, clock / 8: ", spi.Configure(SpiMode.Mode0, SpiClockDivider.By8, false));
            Span<byte> answer = stackalloc byte[3];
            Error transferred = spi.Transfer(s_identify, answer);
            Console.Write("SPI sent 9f 00 00, received");
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

            // Keel.Devices' other I2C drivers, each at its part's default address, where
            // this board has nothing (and QEMU no bus): each hands on the I2C driver's
            // error, and the image shows that they compile for the chip.
            var climate = Bme280.OnI2c(i2c);
            Report("BME280 at 0x76: ", climate.Read(out Bme280Reading _));
            var accelerometer = new Adxl345<I2cClient>(i2c);
            Report("ADXL345 at 0x53: ", accelerometer.Read(out Acceleration3D _));
            var display = new Ssd1306<I2cClient>(i2c, s_frame);
            display.DrawText(0, 0, "Keel");
            Report("SSD1306 at 0x3c: ", display.Initialise());
            var memory = new Eeprom24<I2cClient>(i2c, EepromGeometry.At24c32);
            Report("24C32 at 0x50: ", memory.Write(0, s_identify));

            Console.WriteLine("done");
            Task.Halt(0);
        }

        private static void Report(string what, Error status)
        {
            Console.Write(what);
            Console.Write(status);
            Console.WriteLine();
        }

        // A value to one decimal, rounded half away from zero: 19.4, -7.0.
        private static void WriteTenths(float value)
        {
            int tenths = (int)(value * 10f + (value < 0f ? -0.5f : 0.5f));
            if (tenths < 0)
            {
                Console.Write('-');
                tenths = -tenths;
            }
            Console.WriteDecimal((uint)(tenths / 10));
            Console.Write('.');
            Console.WriteDecimal((uint)(tenths % 10));
        }

        private static void WriteByte(byte value)
        {
            Console.Write(Digit(value >> 4));
            Console.Write(Digit(value & 0xF));
        }

        private static char Digit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
}
