// The SPI master task's entry and loop: the only file of the driver that makes system
// calls. It asks sys for its instance's clock, for its SCK, MISO and MOSI pins as their
// alternate functions, and for its chip-select pin as a push-pull output driven high
// (the device's chip select, active low) — which instance and pins: app.toml's
// [tasks.<name>.config], generated into DriverConfig — configures the peripheral
// (SpiMaster.cs) and serves ISpi on its `requests` endpoint with the generated
// SpiServer. Transfers poll, so the task takes no interrupt and no notification.
//
// Its CSpace, in the order app.toml declares it (docs/drivers.md lists the slots):
// `requests` (the driver's endpoint, read) and `sys` (an endpoint cap to sys, write and
// grant-reply, whose badge the build mints: the instance's clock and its pins on the
// first port), then `sys-<port>` for pins on another port.
using System.Runtime.InteropServices;
using Keel.Drivers.Spi;
using Keel.Hal;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Keel.Tasks;
using Keel.UserLib;
using Console = Keel.UserLib.Console;

namespace Keel.Drivers.SpiTask
{
    public static class Program
    {
        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var chipSelect = new SysClient(DriverConfig.ChipSelectSys);
            // Chip select high (deselected) before the pin becomes an output.
            Error status = new SysClient(Caps.Sys).EnableClock(DriverConfig.Peripheral);
            if (status == Error.Ok)
                status = chipSelect.Write(DriverConfig.ChipSelectPort, DriverConfig.ChipSelectPin, 0);
            if (status == Error.Ok)
                status = chipSelect.Configure(DriverConfig.ChipSelectPort, DriverConfig.ChipSelectPin, PinMode.Output, OutputType.PushPull, Pull.None, 0);
            if (status == Error.Ok)
                status = new SysClient(DriverConfig.SckSys).Configure(DriverConfig.SckPort, DriverConfig.SckPin, PinMode.Alternate, OutputType.PushPull, Pull.None, DriverConfig.SckAlternateFunction);
            if (status == Error.Ok)
                status = new SysClient(DriverConfig.MisoSys).Configure(DriverConfig.MisoPort, DriverConfig.MisoPin, PinMode.Alternate, OutputType.PushPull, Pull.None, DriverConfig.MisoAlternateFunction);
            if (status == Error.Ok)
                status = new SysClient(DriverConfig.MosiSys).Configure(DriverConfig.MosiPort, DriverConfig.MosiPin, PinMode.Alternate, OutputType.PushPull, Pull.None, DriverConfig.MosiAlternateFunction);
            if (status != Error.Ok)
            {
                Console.WriteLine("spi: sys refused the clock or the pins: ", status);
            }

            var driver = new SpiMaster<MmioBlock, SysChipSelect>(new MmioBlock(DriverConfig.RegistersBase), new SysChipSelect(chipSelect));
            driver.Initialise();
            Error ended = SpiServer.Serve(ref driver, Caps.Requests);
            Console.WriteLine("spi: stopped: ", ended);
        }

        // The configured chip select through sys: one BSRR store each way.
        private readonly struct SysChipSelect : IChipSelect
        {
            private readonly SysClient _sys;

            public SysChipSelect(SysClient sys) => _sys = sys;

            public Error Select() => _sys.Write(DriverConfig.ChipSelectPort, 0, DriverConfig.ChipSelectPin);

            public void Deselect() => _sys.Write(DriverConfig.ChipSelectPort, DriverConfig.ChipSelectPin, 0);
        }
    }
}
