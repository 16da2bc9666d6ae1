// Everything Exceptions.S needs to save and resume a thread, in one record per thread
// (and one for idle): the process stack pointer (the hardware exception frame lies at
// it), the EXC_RETURN value to resume with, where the thread's r4-r11 live (its TCB's
// Regs, the system-call ABI's registers), the MPU regions of its task, the CONTROL
// value of its thread mode, and its FPU registers while another thread has the FPU.
// The C# entries return the record of the thread to run next, and keel_resume does
// the rest, so a switch makes no further calls. Exceptions.S knows these offsets
// (CONTEXT_*).
using System.Runtime.InteropServices;
using Keel.Firmware.Boot;
using Keel.Kernel;

namespace Keel.Port
{
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct ThreadContext
    {
        public uint StackPointer;
        public uint ExceptionReturn;
        public ThreadRegisters* Registers;
        // The task's eight regions in the boot tables, loaded when keel_resume switches
        // to this task; null for idle, which is privileged and runs on the default
        // memory map.
        public MpuRegionConfig* MpuRegions;
        public uint Control;
        // s0-s31 then FPSCR, saved and loaded only by keel_resume (Exceptions.S explains
        // why the FPU state never goes on a task's stack); all zero for a fresh thread.
        public fixed uint Fpu[FpuWords];

        public const int FpuWords = 33;

        // Thread mode, process stack, no FPU state in the frame: how every thread runs,
        // since the port keeps FPU state out of exception frames.
        public const uint ReturnToThreadOnProcessStack = 0xFFFFFFFD;

        // CONTROL.nPRIV for thread mode: tasks run unprivileged, idle privileged.
        public const uint ThreadModeUnprivileged = 1;
        public const uint ThreadModePrivileged = 0;

        // The fields set at boot and never changed after it, for the port's integrity check.
        public uint DigestFixedFields(uint digest)
        {
            uint* fixedFields = stackalloc uint[3] { (uint)Registers, (uint)MpuRegions, Control };
            return Fnv1a.Of((byte*)fixedFields, 3 * sizeof(uint), digest);
        }

        // The hardware frame: r0, r1, r2, r3, r12, lr, pc, xPSR.
        public uint* HardwareFrame => (uint*)StackPointer;

        public const int HardwareFrameWords = 8;
        public const int FramePc = 6;
        public const int FrameXpsr = 7;

        // xPSR's IT-block state, ICI/IT[7:2] (bits 10-15) and IT[1:0] (bits 25-26).
        public const uint XpsrItStateMask = 0x0600FC00;
    }
}
