// Relative humidity in percent (0 to 100), as Meadow.Foundation's RelativeHumidity.
namespace Keel.Devices
{
    public readonly struct RelativeHumidity
    {
        private readonly float _percent;

        private RelativeHumidity(float percent) => _percent = percent;

        public static RelativeHumidity FromPercent(float percent) => new RelativeHumidity(percent);

        public float Percent => _percent;
    }
}
