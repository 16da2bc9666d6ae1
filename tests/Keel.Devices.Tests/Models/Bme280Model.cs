using System;

namespace Keel.Devices.Tests.Models;

// Bosch BME280 (BST-BME280-DS002), its register map as both buses see it:
// - id (0xD0) reads 0x60; reset (0xE0) resets on 0xB6 only, after which status.im_update
//   is set for ImUpdatePolls reads of status while the calibration is copied from NVM;
// - calibration at 0x88-0xA1 and 0xE1-0xE7 (the test's trimming values, table 16);
// - ctrl_hum (0xF2) takes effect at the next write of ctrl_meas (0xF4); a write of
//   ctrl_meas with mode forced (01 or 10) measures: status.measuring is set for
//   MeasurementPolls reads of status, then the data registers (0xF7-0xFE) get the ADC
//   values (0x80000 or 0x8000, "skipped", for a quantity whose oversampling is 0) and
//   the mode returns to sleep; config (0xF5) is stored; every other register is read-only;
// - the data registers' reset value is the skipped value.
// Reads go on from register to register (auto-increment).
public sealed class Bme280Model
{
    private readonly byte[] _registers = new byte[256];
    private int _imUpdateReads;
    private int _measuringReads;
    private byte _ctrlHumActive;

    public Bme280Model(byte chipId = 0x60) => Reset(chipId);

    public int AdcTemperature { get; set; }
    public int AdcPressure { get; set; }
    public int AdcHumidity { get; set; }

    public int ImUpdatePolls { get; set; } = 2;
    public int MeasurementPolls { get; set; } = 3;
    public int Measurements { get; private set; }
    public int Resets { get; private set; }

    public byte this[byte register] => _registers[register];

    // dig_T1..dig_P9 (each 16-bit, little-endian from 0x88), dig_H1..dig_H6.
    public void SetCalibration(ushort t1, short t2, short t3, ushort p1, short p2, short p3, short p4, short p5, short p6, short p7, short p8, short p9,
        byte h1, short h2, byte h3, short h4, short h5, sbyte h6)
    {
        int[] words = [t1, t2, t3, p1, p2, p3, p4, p5, p6, p7, p8, p9];
        for (int i = 0; i < words.Length; i++)
        {
            _registers[0x88 + 2 * i] = (byte)words[i];
            _registers[0x89 + 2 * i] = (byte)(words[i] >> 8);
        }
        _registers[0xA1] = h1;
        _registers[0xE1] = (byte)h2;
        _registers[0xE2] = (byte)(h2 >> 8);
        _registers[0xE3] = h3;
        _registers[0xE4] = (byte)(h4 >> 4);
        _registers[0xE5] = (byte)((h4 & 0x0F) | ((h5 & 0x0F) << 4));
        _registers[0xE6] = (byte)(h5 >> 4);
        _registers[0xE7] = (byte)h6;
    }

    private void Reset(byte chipId)
    {
        _registers[0xD0] = chipId;
        _registers[0xF2] = 0;
        _registers[0xF4] = 0;
        _registers[0xF5] = 0;
        _ctrlHumActive = 0;
        StoreData(0x80000, 0x80000, 0x8000);
    }

    private void StoreData(int pressure, int temperature, int humidity)
    {
        _registers[0xF7] = (byte)(pressure >> 12);
        _registers[0xF8] = (byte)(pressure >> 4);
        _registers[0xF9] = (byte)((pressure & 0xF) << 4);
        _registers[0xFA] = (byte)(temperature >> 12);
        _registers[0xFB] = (byte)(temperature >> 4);
        _registers[0xFC] = (byte)((temperature & 0xF) << 4);
        _registers[0xFD] = (byte)(humidity >> 8);
        _registers[0xFE] = (byte)humidity;
    }

    public byte Read(byte register)
    {
        if (register != 0xF3)
            return _registers[register];
        byte status = (byte)((_measuringReads > 0 ? 0x08 : 0) | (_imUpdateReads > 0 ? 0x01 : 0));
        if (_imUpdateReads > 0)
            _imUpdateReads--;
        if (_measuringReads > 0 && --_measuringReads == 0)
            FinishMeasurement();
        return status;
    }

    public void Write(byte register, byte value)
    {
        switch (register)
        {
            case 0xE0:
                if (value == 0xB6)
                {
                    Resets++;
                    Reset(_registers[0xD0]);
                    _imUpdateReads = ImUpdatePolls;
                }
                break;
            case 0xF2:
                _registers[0xF2] = (byte)(value & 0x07);
                break;
            case 0xF4:
                _registers[0xF4] = value;
                _ctrlHumActive = _registers[0xF2];
                if ((value & 0x03) is 0x01 or 0x02)
                {
                    _measuringReads = MeasurementPolls;
                    if (_measuringReads == 0)
                        FinishMeasurement();
                }
                break;
            case 0xF5:
                _registers[0xF5] = value;
                break;
        }
    }

    private void FinishMeasurement()
    {
        Measurements++;
        byte ctrlMeas = _registers[0xF4];
        StoreData(
            (ctrlMeas >> 2 & 0x07) == 0 ? 0x80000 : AdcPressure,
            (ctrlMeas >> 5) == 0 ? 0x80000 : AdcTemperature,
            _ctrlHumActive == 0 ? 0x8000 : AdcHumidity);
        _registers[0xF4] = (byte)(ctrlMeas & ~0x03);
    }

    // On I2C: a write is the register's address then its value, in pairs (datasheet 6.2.1).
    public sealed class OnI2c(Bme280Model model) : I2cPart
    {
        private byte? _address;
        private byte _pointer;

        public override void Start(bool read)
        {
            if (!read)
                _address = null;
        }

        public override bool Receive(byte value)
        {
            if (_address is not { } address)
            {
                _address = value;
                _pointer = value;
                return true;
            }
            model.Write(address, value);
            _address = null;
            return true;
        }

        public override byte Send() => model.Read(_pointer++);
    }

    // On SPI: the first byte is the register's address with bit 7 replaced by RW
    // (1 reads); a read goes on from there, a write is (control, value) pairs (6.3).
    public sealed class OnSpi(Bme280Model model) : SpiPart
    {
        private int _index;
        private bool _reading;
        private byte _register;

        public override void Select() => _index = 0;

        public override byte Exchange(byte received)
        {
            int index = _index++;
            if (index == 0 || (!_reading && index % 2 == 0))
            {
                _reading = (received & 0x80) != 0;
                _register = (byte)(received | 0x80);
                return 0xFF;
            }
            if (_reading)
                return model.Read(_register++);
            model.Write(_register, received);
            return 0xFF;
        }
    }
}
