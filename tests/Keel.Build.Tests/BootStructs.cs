// A copy of the kernel image's boot-table types (namespace Keel.Firmware.Boot), so the
// expected SystemTables.g.cs compiles here exactly as it must in the kernel image.
// Keep in step with the kernel's definitions.
namespace Keel.Firmware.Boot;

public struct TaskConfig { public uint FlashBase, FlashSize, RamBase, RamSize, StackSize; public byte Priority; public int FaultEndpoint; public uint FaultBadge; public int BoundNotification; public int FirstRegion, RegionCount, FirstCap, CapCount; public int FirstSlot, SlotCount; public uint PlatformCalls; }

public struct MpuRegionConfig { public uint Rbar, Rasr; }

public struct CapConfig { public byte Kind; public ushort Object; public uint Slot; public byte Rights; public uint Badge; }

public struct IrqConfig { public int Irq; public int Task; public ushort Notification; public uint Badge; }

public struct TickSignalConfig { public ushort Notification; public uint Badge; public uint EveryTicks; }
