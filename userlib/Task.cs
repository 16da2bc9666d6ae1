// The task's own view of itself: its IPC buffer, and how it stops.
//
// The kernel starts a task with r0 = the address of its IPC buffer (the 18 words
// just above its stack, docs/abi.md); keel_task_start hands it here before the
// task's C# entry point runs. Message words past MR3 and the capability slots of a
// transfer travel in that buffer.
//
// Returning from the task's entry point ends the task cleanly: the kernel stops its
// thread (as ThreadSuspend would) until a supervisor holding its thread capability
// restarts it.
using System.Runtime.InteropServices;
using Keel.Kernel;

namespace Keel.UserLib
{
    public static unsafe class Task
    {
        private static uint* s_ipcBuffer;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_set_ipc_buffer")]
        private static void SetIpcBuffer(uint* buffer) => s_ipcBuffer = buffer;

        [UnmanagedCallersOnly(EntryPoint = "keel_task_exit")]
        private static void Exit() => Syscall.Invoke((uint)PlatformCallNumber.Exit);

        // Ends the whole run with `status` (an emulator exits with it): for test,
        // benchmark and demo images, whose last act this is. Only for a task the
        // system description allows it (`platform-calls = ["halt"]`); any other gets
        // NotPermitted and the system goes on.
        public static void Halt(uint status) => Syscall.Invoke((uint)PlatformCallNumber.Halt, status);

        // How many of the kernel's invariants do not hold right now (0: all hold). Only
        // in images whose system description sets `debug-invariants = true` (elsewhere
        // the status is InvalidArgument), for a task it allows the call
        // (`platform-calls`; otherwise NotPermitted).
        public static Error CheckInvariants(out uint violations)
        {
            ThreadRegisters frame = Syscall.Invoke((uint)PlatformCallNumber.CheckInvariants);
            violations = frame.R5;
            return (Error)frame.R4;
        }

        // A digest of `length` bytes of task RAM from `start` (any task's window), to
        // compare before and after an attack. Debug images only, like CheckInvariants.
        public static Error Digest(uint start, uint length, out uint digest)
        {
            ThreadRegisters frame = Syscall.Invoke((uint)PlatformCallNumber.Digest, start, length);
            digest = frame.R5;
            return (Error)frame.R4;
        }

        // A receive slot that takes nothing: outside every CSpace, so a capability sent
        // to it does not arrive (docs/ipc.md rule 10).
        public const uint NoSlot = uint.MaxValue;

        // Where the kernel puts capabilities that arrive with a message: slot
        // `slot` of this task's CSpace for the `index`-th (0..2) capability.
        public static void ReceiveCapInto(uint slot, int index = 0) => s_ipcBuffer[IpcBuffer.ReceiveSlots + index] = slot;

        // The `index`-th (0..2) capability the next message carries; the message
        // says how many with its extraCaps count.
        public static void AttachCap(uint slot, int index = 0) => s_ipcBuffer[IpcBuffer.SendCaps + index] = slot;

        // Message word `index` (4..15) of the last message received, or of the next
        // one to send.
        public static uint BufferedWord(int index) => s_ipcBuffer[IpcBuffer.FirstBufferedWord + index - ThreadRegisters.MessageRegisters];

        public static void SetBufferedWord(int index, uint value) =>
            s_ipcBuffer[IpcBuffer.FirstBufferedWord + index - ThreadRegisters.MessageRegisters] = value;
    }
}
