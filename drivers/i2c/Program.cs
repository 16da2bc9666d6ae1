// The I2C master task's entry and loop: the only file of the driver that makes system
// calls. It asks sys for its instance's clock and for its SCL and SDA pins as
// open-drain alternate functions with pull-ups (which instance, pins and speed: app.toml's
// [tasks.<name>.config], generated into DriverConfig), configures the peripheral (I2cMaster.cs) and
// serves II2c on its `requests` endpoint with the generated I2cServer. Transfers poll
// (the design note in I2cMaster.cs), so the task takes no interrupt and no
// notification.
//
// Its CSpace, in the order app.toml declares it (docs/drivers.md lists the slots):
// `requests` (the driver's endpoint, read) and `sys` (an endpoint cap to sys, write and
// grant-reply, whose badge the build mints: the instance's clock and its pins on the
// first port), then `sys-<port>` for pins on another port (I2C3: PA8 and PC9).
using System.Runtime.InteropServices;
using Keel.Drivers.I2c;
using Keel.Hal;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;
using Console = Keel.UserLib.Console;

namespace Keel.Drivers.I2cTask
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            Error status = new SysClient(Caps.Sys).EnableClock(DriverConfig.Peripheral);
            if (status == Error.Ok)
                status = new SysClient(DriverConfig.SclSys).Configure(DriverConfig.SclPort, DriverConfig.SclPin, PinMode.Alternate, OutputType.OpenDrain, Pull.Up, DriverConfig.SclAlternateFunction);
            if (status == Error.Ok)
                status = new SysClient(DriverConfig.SdaSys).Configure(DriverConfig.SdaPort, DriverConfig.SdaPin, PinMode.Alternate, OutputType.OpenDrain, Pull.Up, DriverConfig.SdaAlternateFunction);
            if (status != Error.Ok)
            {
                // The bus cannot work; the driver still serves, and every transfer ends
                // in Timeout, so its clients learn it from their own calls.
                Console.WriteLine("i2c: sys refused the clock or the pins: ", status);
            }

            var driver = new I2cMaster<MmioBlock>(new MmioBlock(DriverConfig.RegistersBase), DriverConfig.BusClockHz, DriverConfig.SpeedHz);
            driver.Initialise();
            Error ended = I2cServer.Serve(ref driver, Caps.Requests);
            // Only a receive on a capability that is gone ends the loop.
            Console.WriteLine("i2c: stopped: ", ended);
        }
    }
}
