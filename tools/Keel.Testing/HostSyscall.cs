// The task library's trap on the host: userlib/Syscall.cs's `svc` replaced by a call
// into the host kernel (HostSystem.Trap). Everything above it in userlib, the typed
// system calls, IPC, the console and the generated clients and servers, is the
// target's source unchanged.
#nullable enable
using Keel.Kernel;

namespace Keel.UserLib;

public static unsafe class Syscall
{
    // The console's text, which the target passes by address in a register.
    public static void DebugWrite(char* text, int length) => Keel.Testing.HostSystem.Write(new string(text, 0, length));

    public static ThreadRegisters Invoke(uint number, uint r4 = 0, uint r5 = 0, uint r6 = 0, uint r7 = 0, uint r8 = 0, uint r9 = 0, uint r10 = 0) =>
        Keel.Testing.HostSystem.Trap(number, r4, r5, r6, r7, r8, r9, r10);

    public static ThreadRegisters Invoke(SyscallNumber number, uint r4 = 0, uint r5 = 0, uint r6 = 0, uint r7 = 0, uint r8 = 0, uint r9 = 0, uint r10 = 0) =>
        Invoke((uint)number, r4, r5, r6, r7, r8, r9, r10);
}
