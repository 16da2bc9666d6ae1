// A temperature, as Meadow.Foundation's units give one: a value that says its unit at
// every use (t.Celsius, t.Fahrenheit), so no caller guesses what a float means. Single
// precision throughout: the Cortex-M4F's FPU has no double (docs/csharp.md, KEEL1012).
namespace Keel.Devices
{
    public readonly struct Temperature
    {
        private const float KelvinAtZeroCelsius = 273.15f;

        private readonly float _celsius;

        private Temperature(float celsius) => _celsius = celsius;

        public static Temperature FromCelsius(float celsius) => new Temperature(celsius);

        public static Temperature FromFahrenheit(float fahrenheit) => new Temperature((fahrenheit - 32f) * 5f / 9f);

        public static Temperature FromKelvin(float kelvin) => new Temperature(kelvin - KelvinAtZeroCelsius);

        public float Celsius => _celsius;

        public float Fahrenheit => _celsius * 9f / 5f + 32f;

        public float Kelvin => _celsius + KelvinAtZeroCelsius;
    }
}
