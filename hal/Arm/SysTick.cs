// The SysTick timer (B3.3): the scheduler's tick, counting the core clock.
namespace Keel.Hal.Arm
{
    public static class SysTick
    {
        public static readonly Register32 Ctrl = new Register32(0xE000E010);
        public static readonly Register32 Load = new Register32(0xE000E014);
        public static readonly Register32 Val = new Register32(0xE000E018);

        private const uint CtrlEnable = 1u << 0;
        private const uint CtrlInterrupt = 1u << 1;
        private const uint CtrlProcessorClock = 1u << 2;
        private const uint MaxReload = 0x00FFFFFF;

        // Starts a periodic interrupt at `rateHz`; false if the rate cannot be made
        // from the clock (the 24-bit reload would overflow or be zero).
        public static bool Start(uint coreClockHz, uint rateHz)
        {
            if (rateHz == 0)
                return false;
            uint reload = coreClockHz / rateHz - 1;
            if (reload == 0 || reload > MaxReload)
                return false;
            Load.Write(reload);
            Val.Write(0);
            Ctrl.Write(CtrlEnable | CtrlInterrupt | CtrlProcessorClock);
            return true;
        }
    }
}
