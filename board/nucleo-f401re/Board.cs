// ST's Nucleo-F401RE: an STM32F401RE (Cortex-M4F, 512 KiB flash, 96 KiB SRAM).
// Clock: the 16 MHz HSI through the PLL to 84 MHz (PLLM=16, PLLN=336, PLLP=4, and
// PLLQ=7 for a 48 MHz USB clock), APB1 at 42 MHz (its maximum), two flash wait states
// (RM0368 table 6 at 3.3 V). Console: USART2 on PA2 (TX) / PA3 (RX), alternate function
// 7, wired to the ST-LINK's virtual COM port, at 115200 8N1. With no semihosting host on
// a bare board, Stop sends what the console holds and idles in `keel_stopped`, whose
// argument (r0) is the status: a debugger's breakpoint there, or the hook Renode's
// headless script sets (renode-scripts/keel-board.resc), learns that the image ended
// and how.
using System.Runtime;
using System.Runtime.CompilerServices;
using Keel.Hal;
using Keel.Hal.Stm32f4;

namespace Keel.Boards
{
    public static partial class Board
    {
        public const string Name = "nucleo-f401re";
        public const uint CoreClockHz = 84_000_000;
        public const uint Apb1ClockHz = 42_000_000;
        public const uint ConsoleBaud = 115_200;

        private const uint PllInputDivider = 16;
        private const uint PllMultiplier = 336;
        private const uint PllOutputDivider4 = 1; // PLLP encoding: 0 = /2, 1 = /4
        private const uint PllUsbDivider = 7;
        private const uint FlashWaitStates = 2;
        private const int UsartTxPin = 2;
        private const int UsartRxPin = 3;
        private const uint UsartAlternateFunction = 7;

        public static void Init()
        {
            InitClocks();
            Rcc.Ahb1enr.SetBits(Rcc.Ahb1GpioA);
            Rcc.Apb1enr.SetBits(Rcc.Apb1Usart2);
            GpioPort.A.SetAlternateFunction(UsartTxPin, UsartAlternateFunction);
            GpioPort.A.SetAlternateFunction(UsartRxPin, UsartAlternateFunction);
            Usart.Usart2.Enable(Apb1ClockHz, ConsoleBaud);
            Console.Attach(Usart.Usart2, Usart.Usart2Irq);
        }

        private static void InitClocks()
        {
            Rcc.Cr.SetBits(Rcc.CrHsiOn);
            while (!Rcc.Cr.AnySet(Rcc.CrHsiReady)) { }

            Flash.Acr.Write(FlashWaitStates | Flash.AcrPrefetchEnable | Flash.AcrInstructionCacheEnable | Flash.AcrDataCacheEnable);
            Rcc.Cfgr.Modify(Rcc.CfgrPpre1Mask, Rcc.ApbDivideBy2 << Rcc.CfgrPpre1);

            // PLL source HSI (PLLSRC clear).
            Rcc.Pllcfgr.Write((PllInputDivider << Rcc.PllM) | (PllMultiplier << Rcc.PllN) | (PllOutputDivider4 << Rcc.PllP) | (PllUsbDivider << Rcc.PllQ));
            Rcc.Cr.SetBits(Rcc.CrPllOn);
            while (!Rcc.Cr.AnySet(Rcc.CrPllReady)) { }

            Rcc.Cfgr.Modify(Rcc.CfgrSwMask, Rcc.CfgrSwPll);
            while ((Rcc.Cfgr.Read() & Rcc.CfgrSwsMask) != Rcc.CfgrSwsPll) { }
        }

        public static void Stop(uint status)
        {
            Console.Finish();
            Stopped(status);
        }

        // Exported by name and never inlined, so that its address is where every stop
        // ends, with the status still in r0.
        [RuntimeExport("keel_stopped")]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Stopped(uint status)
        {
            while (true) { }
        }
    }
}
