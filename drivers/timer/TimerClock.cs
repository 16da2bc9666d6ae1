// TIM5's counting rate. The service counts at 100 kHz on every board: a rate both
// boards' timer clocks divide into with the 16-bit prescaler (1 kHz does not: it would
// need a prescaler of 84,000 on the Nucleo and 1,000,000 under QEMU).
//
// - nucleo-f401re (board/nucleo-f401re/Board.cs): APB1 at 42 MHz, divided by 2 from
//   the 84 MHz core, so its timers are clocked at twice that, 84 MHz (RM0368 6.2);
//   Renode's model is given the same (renode-scripts/nucleo-f401re.repl).
// - netduinoplus2 is QEMU's machine, whose STM32 timer model counts at its
//   "clock-frequency", 1 GHz (hw/timer/stm32f2xx_timer.c), whatever RCC says.
//
// The board comes from the application's build (KeelAppBoard, Timer.csproj); a build
// with no board (the host tests) takes the Nucleo's clock.
namespace Keel.Drivers.Timer
{
    public static class TimerClock
    {
#if KEEL_BOARD_NETDUINOPLUS2
        public const uint InputHz = 1_000_000_000;
#else
        public const uint InputHz = 84_000_000;
#endif
        public const uint CountHz = 100_000;
        public const uint TicksPerMillisecond = CountHz / 1000;
        public const uint Prescaler = InputHz / CountHz - 1;
    }
}
