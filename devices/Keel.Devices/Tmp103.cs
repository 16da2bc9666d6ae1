// TI TMP103: a digital temperature sensor on I2C (datasheet SBOS545), 1 °C resolution.
// Byte-wide registers behind a pointer: temperature (0, two's complement, whole
// degrees Celsius), configuration (1), the alert's low and high limits (2, 3).
// Configuration bits 1:0 are the mode: 00 shutdown, 01 one-shot, 1x continuous (the
// reset value, 0x02, converts continuously at 0.25 Hz).
//
//     var thermometer = new Tmp103<I2cClient>(i2c);          // address 0x70 (TMP103A)
//     Error status = thermometer.Read(out Temperature t);
using System;
using Keel.Drivers;
using Keel.Kernel;

namespace Keel.Devices
{
    public struct Tmp103<TBus> where TBus : II2c
    {
        // The TMP103A; the B to H variants answer at 0x71 to 0x77.
        public const byte DefaultAddress = 0x70;

        public const byte TemperatureRegister = 0x00;
        public const byte ConfigurationRegister = 0x01;

        public const byte ModeMask = 0x03;
        public const byte ModeShutdown = 0x00;
        public const byte ModeContinuous = 0x02;

        private readonly I2cRegisters<TBus> _registers;

        public Tmp103(TBus bus, byte address = DefaultAddress) => _registers = new I2cRegisters<TBus>(bus, address);

        // The last conversion's temperature.
        public Error Read(out Temperature temperature)
        {
            temperature = default;
            Span<byte> value = stackalloc byte[1];
            Error status = _registers.Read(TemperatureRegister, value);
            if (status != Error.Ok)
                return status;
            temperature = Temperature.FromCelsius((sbyte)value[0]);
            return Error.Ok;
        }

        // Shutdown stops the conversions; leaving it converts continuously again.
        public Error SetShutdown(bool shutdown)
        {
            Span<byte> configuration = stackalloc byte[1];
            Error status = _registers.Read(ConfigurationRegister, configuration);
            if (status != Error.Ok)
                return status;
            byte mode = shutdown ? ModeShutdown : ModeContinuous;
            return _registers.Write(ConfigurationRegister, (byte)((configuration[0] & ~ModeMask) | mode));
        }
    }
}
