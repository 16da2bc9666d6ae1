// TI TMP102: a digital temperature sensor on I2C (datasheet SBOS397). Four registers
// behind a pointer: temperature (0), configuration (1), the alert's low and high limits
// (2, 3), each two bytes, most significant first.
//
// The temperature is a left-justified two's complement count of 0.0625 °C: 12 bits
// (-55 to 128 °C) or, in extended mode (configuration EM), 13 bits (to 150 °C). Bit 0 of
// the second byte says which (1: extended), so Read decodes the register as the part
// says it is, not as this driver last set it.
//
//     var thermometer = new Tmp102<I2cClient>(i2c);          // address 0x48 (ADD0 to GND)
//     Error status = thermometer.Read(out Temperature t);    // t.Celsius, t.Fahrenheit
using System;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices
{
    public struct Tmp102<TBus> where TBus : II2c
    {
        // ADD0 to GND; 0x49 to V+, 0x4A to SDA, 0x4B to SCL.
        public const byte DefaultAddress = 0x48;

        public const byte TemperatureRegister = 0x00;
        public const byte ConfigurationRegister = 0x01;

        // Configuration, first byte: SD, shutdown (no conversions). Second byte: EM.
        public const byte Shutdown = 0x01;
        public const byte ExtendedMode = 0x10;

        // Bit 0 of the temperature's second byte: the value is in the 13-bit format.
        private const byte ExtendedFormat = 0x01;

        private const float CelsiusPerCount = 0.0625f;

        private readonly I2cRegisters<TBus> _registers;

        public Tmp102(TBus bus, byte address = DefaultAddress) => _registers = new I2cRegisters<TBus>(bus, address);

        // The last conversion's temperature (in shutdown, the last before it).
        public Error Read(out Temperature temperature)
        {
            temperature = default;
            Span<byte> value = stackalloc byte[2];
            Error status = _registers.Read(TemperatureRegister, value);
            if (status != Error.Ok)
                return status;
            int raw = (short)((value[0] << 8) | value[1]);
            int counts = (value[1] & ExtendedFormat) != 0 ? raw >> 3 : raw >> 4;
            temperature = Temperature.FromCelsius(counts * CelsiusPerCount);
            return Error.Ok;
        }

        // 13-bit format, to 150 °C; the conversion after the change is the first in it.
        public Error SetExtendedMode(bool extended) => UpdateConfiguration(1, ExtendedMode, extended);

        // Stops the conversions (about 0.5 µA) or starts them again.
        public Error SetShutdown(bool shutdown) => UpdateConfiguration(0, Shutdown, shutdown);

        // A read-modify-write of one bit of the two-byte configuration register, which
        // is written whole.
        private Error UpdateConfiguration(int byteIndex, byte bit, bool set)
        {
            Span<byte> configuration = stackalloc byte[2];
            Error status = _registers.Read(ConfigurationRegister, configuration);
            if (status != Error.Ok)
                return status;
            configuration[byteIndex] = (byte)(set ? configuration[byteIndex] | bit : configuration[byteIndex] & ~bit);
            return _registers.Write(ConfigurationRegister, configuration);
        }
    }
}
