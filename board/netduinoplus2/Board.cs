// QEMU's `netduinoplus2` machine: an STM32F405RG (Cortex-M4F, 1 MiB flash, 128 KiB
// SRAM, 64 KiB CCM). QEMU does not model the RCC (clock writes are ignored, ready
// flags never set), so this board programs no clock tree: the core is taken to run
// at QEMU's fixed 168 MHz. The console is USART2, QEMU's second serial port. Runs end
// through semihosting, which QEMU implements, so a test run exits with its status.
using Keel.Hal;
using Keel.Hal.Arm;
using Keel.Hal.Stm32f4;

namespace Keel.Boards
{
    public static partial class Board
    {
        public const string Name = "netduinoplus2";
        public const uint CoreClockHz = 168_000_000;
        public const uint Apb1ClockHz = 42_000_000;
        public const uint ConsoleBaud = 115_200;

        public static void Init()
        {
            Rcc.Apb1enr.SetBits(Rcc.Apb1Usart2);
            Usart.Usart2.Enable(Apb1ClockHz, ConsoleBaud);
            Console.Attach(Usart.Usart2, Usart.Usart2Irq);
        }

        // Ends the emulator run with `status`, once the console has sent everything.
        public static void Stop(uint status)
        {
            Console.Finish();
            Semihosting.Exit(status);
            while (true) { }
        }
    }
}
