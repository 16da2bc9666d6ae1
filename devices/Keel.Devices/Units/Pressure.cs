// A pressure (Meadow.Foundation's units: p.Pascals, p.Hectopascals, ...), kept in pascals.
namespace Keel.Devices
{
    public readonly struct Pressure
    {
        private const float PascalsPerAtmosphere = 101_325f;
        private const float PascalsPerPsi = 6_894.757f;
        private const float PascalsPerInchOfMercury = 3_386.389f;

        private readonly float _pascals;

        private Pressure(float pascals) => _pascals = pascals;

        public static Pressure FromPascals(float pascals) => new Pressure(pascals);

        public static Pressure FromHectopascals(float hectopascals) => new Pressure(hectopascals * 100f);

        public float Pascals => _pascals;

        public float Hectopascals => _pascals / 100f;

        public float Kilopascals => _pascals / 1_000f;

        // A millibar is a hectopascal.
        public float Millibar => _pascals / 100f;

        public float Atmospheres => _pascals / PascalsPerAtmosphere;

        public float Psi => _pascals / PascalsPerPsi;

        public float InchesOfMercury => _pascals / PascalsPerInchOfMercury;
    }
}
