// The raw trap: eight registers in, eight registers out. Everything else in this
// library is a typed wrapper over it, so task code never handles registers.
using System.Runtime.InteropServices;
using Keel.Kernel;

namespace Keel.UserLib
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SyscallFrame
    {
        public uint R4;
        public uint R5;
        public uint R6;
        public uint R7;
        public uint R8;
        public uint R9;
        public uint R10;
        public uint R11;
    }

    public static unsafe class Syscall
    {
        [DllImport("*", EntryPoint = "keel_syscall")]
        [SuppressGCTransition]
        private static extern void Trap(SyscallFrame* frame);

        public static SyscallFrame Invoke(uint number, uint r4 = 0, uint r5 = 0, uint r6 = 0, uint r7 = 0, uint r8 = 0, uint r9 = 0, uint r10 = 0)
        {
            SyscallFrame frame;
            frame.R4 = r4;
            frame.R5 = r5;
            frame.R6 = r6;
            frame.R7 = r7;
            frame.R8 = r8;
            frame.R9 = r9;
            frame.R10 = r10;
            frame.R11 = number;
            Trap(&frame);
            return frame;
        }

        public static SyscallFrame Invoke(SyscallNumber number, uint r4 = 0, uint r5 = 0, uint r6 = 0, uint r7 = 0, uint r8 = 0, uint r9 = 0, uint r10 = 0) =>
            Invoke((uint)number, r4, r5, r6, r7, r8, r9, r10);
    }
}
