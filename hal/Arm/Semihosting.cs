// ARM semihosting: how an image running under an emulator (or a debugger) ends the run
// with a status code. Only boards that run under a semihosting host use it: on a bare
// board with no debugger attached, the BKPT it executes would fault.
using System.Runtime.InteropServices;

namespace Keel.Hal.Arm
{
    public static unsafe class Semihosting
    {
        private const uint SysExitExtended = 0x20;
        private const uint AdpStoppedApplicationExit = 0x20026;

        [DllImport("*", EntryPoint = "keel_semihosting_call")]
        [SuppressGCTransition]
        private static extern uint Call(uint operation, void* parameter);

        // SYS_EXIT_EXTENDED carries the exit status to the host (QEMU exits with it).
        public static void Exit(uint status)
        {
            uint* block = stackalloc uint[2];
            block[0] = AdpStoppedApplicationExit;
            block[1] = status;
            Call(SysExitExtended, block);
        }
    }
}
