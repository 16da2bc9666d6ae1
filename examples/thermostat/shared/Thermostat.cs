// The control task's interface, shared as source by the sensor that calls it and the
// control that serves it: the build generates ThermostatClient and ThermostatServer.
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Examples.Thermostat
{
    [IpcInterface]
    public interface IThermostat
    {
        // A reading: `reading` is the sensor's status (Ok, or why it has no
        // temperature), `celsius` the temperature when it is Ok. Answers whether the
        // heater is now on.
        Error Report(Error reading, short celsius, out bool heating);
    }

    public static class Setpoint
    {
        // The heater goes on below Low and off above High; in between it stays as it is.
        public const short Low = 19;
        public const short High = 21;
    }
}
