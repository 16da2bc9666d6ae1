// An acceleration along one axis (Meadow.Foundation's units: a.MetersPerSecondSquared,
// a.Gravity), kept in m/s², and the three axes of an accelerometer's reading.
namespace Keel.Devices
{
    public readonly struct Acceleration
    {
        // Standard gravity, g0 (ISO 80000-3).
        public const float StandardGravity = 9.80665f;

        private readonly float _metersPerSecondSquared;

        private Acceleration(float metersPerSecondSquared) => _metersPerSecondSquared = metersPerSecondSquared;

        public static Acceleration FromMetersPerSecondSquared(float value) => new Acceleration(value);

        public static Acceleration FromGravity(float g) => new Acceleration(g * StandardGravity);

        public float MetersPerSecondSquared => _metersPerSecondSquared;

        public float Gravity => _metersPerSecondSquared / StandardGravity;

        public float CentimetersPerSecondSquared => _metersPerSecondSquared * 100f;
    }

    public readonly struct Acceleration3D
    {
        public Acceleration3D(Acceleration x, Acceleration y, Acceleration z)
        {
            X = x;
            Y = y;
            Z = z;
        }

        public Acceleration X { get; }

        public Acceleration Y { get; }

        public Acceleration Z { get; }
    }
}
