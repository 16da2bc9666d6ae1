// The shapes of the tables the system description generator (Keel.BuildTool system)
// emits for an application: per task its memory windows, priority and MPU regions; the
// initial capabilities; the interrupt routing; the tick signals. The port reads them
// once, at boot.
namespace Keel.Firmware.Boot
{
    public struct TaskConfig
    {
        public uint FlashBase, FlashSize, RamBase, RamSize, StackSize;
        public byte Priority;
        public const int NoFaultHandler = -1;

        public int FaultEndpoint; // the endpoint that receives its faults, or NoFaultHandler
        public uint FaultBadge; // the badge of its fault messages, unique on that endpoint
        public int BoundNotification; // -1 (KernelState.NoNotification): none
        public int FirstRegion, RegionCount, FirstCap, CapCount;
        public int FirstSlot, SlotCount; // the task's CNode in the kernel's slot pool
        // The platform calls the task may make (`platform-calls`): bit n allows
        // number 0x100 + n. DebugWrite and Exit are every task's (docs/abi.md).
        public uint PlatformCalls;

        // Whether `length` bytes from `start` lie wholly inside the task's RAM or flash
        // window: the test before the kernel touches, with its privilege, memory a task
        // names (overflow-safe for any 32-bit start and length).
        public bool RamHolds(uint start, uint length) => Holds(start, length, RamBase, RamSize);

        public bool FlashHolds(uint start, uint length) => Holds(start, length, FlashBase, FlashSize);

        private static bool Holds(uint start, uint length, uint windowBase, uint windowSize) =>
            start >= windowBase && start - windowBase <= windowSize && length <= windowSize - (start - windowBase);
    }

    public struct MpuRegionConfig
    {
        public uint Rbar, Rasr;
    }

    public struct CapConfig
    {
        public byte Kind; // 1 endpoint, 2 notification
        public ushort Object;
        public uint Slot;
        public byte Rights; // bit 0 read, 1 write, 2 grant, 3 grant-reply
        public uint Badge;
    }

    public struct IrqConfig
    {
        public int Irq;
        public int Task;
        public ushort Notification;
        public uint Badge;
    }

    // A notification the kernel signals with Badge every EveryTicks ticks.
    public struct TickSignalConfig
    {
        public ushort Notification;
        public uint Badge;
        public uint EveryTicks;
    }

    // What the link (not the generator) knows about each task image: where its
    // entry point is and where its initialised data and zeroed data lie. The
    // application's linker script lays these records out at `keel_task_images`.
    public struct TaskImage
    {
        public uint Entry;
        public uint DataLoad, DataStart, DataEnd;
        public uint BssStart, BssEnd;
    }
}
