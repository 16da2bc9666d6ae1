// The I2C master task's entry and loop: the only file of the driver that makes system
// calls. It asks sys for I2C1's clock and for PB8 (SCL) and PB9 (SDA) as open-drain
// alternate function 4 with pull-ups, configures the peripheral (I2cMaster.cs) and
// serves II2c on its `requests` endpoint with the generated I2cServer. Transfers poll
// (the design note in I2cMaster.cs), so the task takes no interrupt and no
// notification.
//
// Its CSpace, in the order app.toml declares it (docs/drivers.md lists the slots):
// `requests` (the driver's endpoint, read) and `sys` (an endpoint cap to sys, write and
// grant-reply, with the badge SysBadge.For(Port.B, (1 << 8) | (1 << 9), Peripheral.I2c1)).
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
        // I2C1 is on APB1, which both boards run at 42 MHz (board/*/Board.cs).
        private const uint ApbClockHz = 42_000_000;
        private const ushort Pins = (1 << 8) | (1 << 9);
        private const byte AlternateFunctionI2c = 4;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var sys = new SysClient(Caps.Sys);
            Error status = sys.EnableClock(Peripheral.I2c1);
            if (status == Error.Ok)
                status = sys.Configure(Port.B, Pins, PinMode.Alternate, OutputType.OpenDrain, Pull.Up, AlternateFunctionI2c);
            if (status != Error.Ok)
            {
                // The bus cannot work; the driver still serves, and every transfer ends
                // in Timeout, so its clients learn it from their own calls.
                Console.WriteLine("i2c: sys refused the clock or the pins: ", status);
            }

            var driver = new I2cMaster<MmioBlock>(new MmioBlock(I2cRegisters.I2c1Base), ApbClockHz);
            driver.Initialise();
            Error ended = I2cServer.Serve(ref driver, Caps.Requests);
            // Only a receive on a capability that is gone ends the loop.
            Console.WriteLine("i2c: stopped: ", ended);
        }
    }
}
