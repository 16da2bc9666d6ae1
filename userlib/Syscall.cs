// The raw trap: eight registers in, eight registers out, in the kernel's own
// ThreadRegisters layout (r4-r11), so the two sides of the ABI share one definition.
// Everything else in this library is a typed wrapper over it.
using System.Runtime.InteropServices;
using Keel.Kernel;

namespace Keel.UserLib
{
    public static unsafe class Syscall
    {
        [DllImport("*", EntryPoint = "keel_syscall")]
        [SuppressGCTransition]
        private static extern void Trap(ThreadRegisters* frame);

        public static ThreadRegisters Invoke(uint number, uint r4 = 0, uint r5 = 0, uint r6 = 0, uint r7 = 0, uint r8 = 0, uint r9 = 0, uint r10 = 0)
        {
            ThreadRegisters frame;
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

        // The console's platform call (docs/abi.md: r4 the text, r5 its length in
        // UTF-16 units): Console's one way out, and a call of its own so that a host
        // build (Keel.Testing, whose pointers do not fit a register) can take the text.
        public static void DebugWrite(char* text, int length) =>
            Invoke((uint)PlatformCallNumber.DebugWrite, (uint)text, (uint)length);

        public static ThreadRegisters Invoke(SyscallNumber number, uint r4 = 0, uint r5 = 0, uint r6 = 0, uint r7 = 0, uint r8 = 0, uint r9 = 0, uint r10 = 0) =>
            Invoke((uint)number, r4, r5, r6, r7, r8, r9, r10);
    }
}
