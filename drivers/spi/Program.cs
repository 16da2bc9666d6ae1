// The SPI master task's entry and loop: the only file of the driver that makes system
// calls. It asks sys for SPI2's clock, for PB13 (SCK), PB14 (MISO) and PB15 (MOSI) as
// alternate function 5, and for PB12 as a push-pull output driven high (the device's
// chip select, active low), configures the peripheral (SpiMaster.cs) and serves ISpi
// on its `requests` endpoint with the generated SpiServer. Transfers poll, so the task
// takes no interrupt and no notification.
//
// SPI2 rather than SPI1: SPI1's pins on the Nucleo's Arduino header (PA5, PA6, PA7)
// include PA5, the board's LED (LD2), which the blink example drives; SPI2's are all
// on port B, so one sys capability (one port, one peripheral) covers the bus and its
// chip select.
//
// Its CSpace, in the order app.toml declares it (docs/drivers.md lists the slots):
// `requests` (the driver's endpoint, read) and `sys` (an endpoint cap to sys, write and
// grant-reply, with the badge SysBadge.For(Port.B, 0xF000, Peripheral.Spi2)).
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
        private const ushort BusPins = (1 << 13) | (1 << 14) | (1 << 15);
        private const ushort ChipSelectPin = 1 << 12;
        private const byte AlternateFunctionSpi2 = 5;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
        private static void Main()
        {
            var sys = new SysClient(Caps.Sys);
            // Chip select high (deselected) before the pin becomes an output.
            Error status = sys.EnableClock(Peripheral.Spi2);
            if (status == Error.Ok)
                status = sys.Write(Port.B, ChipSelectPin, 0);
            if (status == Error.Ok)
                status = sys.Configure(Port.B, ChipSelectPin, PinMode.Output, OutputType.PushPull, Pull.None, 0);
            if (status == Error.Ok)
                status = sys.Configure(Port.B, BusPins, PinMode.Alternate, OutputType.PushPull, Pull.None, AlternateFunctionSpi2);
            if (status != Error.Ok)
            {
                Console.WriteLine("spi: sys refused the clock or the pins: ", status);
            }

            var driver = new SpiMaster<MmioBlock, SysChipSelect>(new MmioBlock(SpiRegisters.Spi2Base), new SysChipSelect(sys));
            driver.Initialise();
            Error ended = SpiServer.Serve(ref driver, Caps.Requests);
            Console.WriteLine("spi: stopped: ", ended);
        }

        // PB12 through sys: one BSRR store each way.
        private readonly struct SysChipSelect : IChipSelect
        {
            private readonly SysClient _sys;

            public SysChipSelect(SysClient sys) => _sys = sys;

            public Error Select() => _sys.Write(Port.B, 0, ChipSelectPin);

            public void Deselect() => _sys.Write(Port.B, ChipSelectPin, 0);
        }
    }
}
