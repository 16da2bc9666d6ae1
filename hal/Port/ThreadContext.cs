// The part of a thread's saved state that belongs to the CPU rather than to the
// kernel: the process stack pointer (the hardware exception frame and any lazily
// stacked FPU registers lie above it) and the EXC_RETURN value to resume with.
// Exceptions.S stores and loads these two words in this order; the MPU image
// pointer after them is the port's own.
using System.Runtime.InteropServices;

namespace Keel.Port
{
    [StructLayout(LayoutKind.Sequential)]
    public struct ThreadContext
    {
        public uint StackPointer;
        public uint ExceptionReturn;

        // The thread's task's eight MPU regions in the boot tables, found once at boot
        // so that a switch hands them to keel_mpu_load without a table look-up.
        public unsafe Keel.Firmware.Boot.MpuRegionConfig* MpuRegions;

        // Thread mode, process stack, no FPU state: how every task starts.
        public const uint ReturnToThreadOnProcessStack = 0xFFFFFFFD;

        // EXC_RETURN bit 4 clear: the frame includes FPU state (s0-s15, FPSCR), and
        // Exceptions.S has stacked s16-s31 below it.
        public bool HasFpuFrame => (ExceptionReturn & 0x10) == 0;

        // The hardware frame: r0, r1, r2, r3, r12, lr, pc, xPSR.
        public unsafe uint* HardwareFrame => (uint*)(StackPointer + (HasFpuFrame ? 16u * 4 : 0));
    }
}
