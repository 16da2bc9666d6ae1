// Where everything goes: the kernel first in flash and in RAM (the vector table must be
// at the start of flash), then each task in a window of exactly its declared size,
// aligned to that size because a PMSAv7 region must be. Tasks are placed largest first:
// once the first window is aligned, every later (smaller or equal power-of-two) window
// starts aligned with no gap, so the only waste is the padding after the kernel. The
// order only depends on the sizes and the declaration order, so the layout is the same
// on every build.
//
// Each task's MPU image is computed here, with the encoder the kernel itself uses:
// region 0 its flash (read-only, executable), 1 its RAM (read-write, never executed),
// then one per granted peripheral (strongly-ordered, never executed), the rest disabled.
using Keel.Hal.Arm;

namespace Keel.BuildTool.SystemDescription;

public sealed record MemoryWindow(long Base, long Size)
{
    public long End => Base + Size;
}

public sealed record TaskLayout(int Index, TaskDescription Task, MemoryWindow Flash, MemoryWindow Ram, IReadOnlyList<MpuRegion> Regions);

public sealed record SystemLayout(
    AppDescription App,
    BoardDescription Board,
    MemoryWindow KernelFlash,
    MemoryWindow KernelRam,
    IReadOnlyList<TaskLayout> Tasks,
    long FlashPadding,
    long RamPadding)
{
    // STM32F4: internal flash and SRAM1.
    public const uint FlashBase = 0x0800_0000;
    public const uint RamBase = 0x2000_0000;

    public long FlashUsed => Math.Max(KernelFlash.End, Tasks.Max(task => task.Flash.End)) - FlashBase;

    public long RamUsed => Math.Max(KernelRam.End, Tasks.Max(task => task.Ram.End)) - RamBase;

    // Only for a description AppChecker accepted: every size is then set and in range.
    public static SystemLayout Compute(AppDescription app, BoardDescription board)
    {
        var kernel = app.Kernel!;
        var kernelFlash = new MemoryWindow(FlashBase, kernel.Flash!.Value);
        var kernelRam = new MemoryWindow(RamBase, kernel.Ram!.Value);
        var (flashWindows, flashPadding) = Pack(kernelFlash.End, app.Tasks.Select(task => task.Flash!.Value).ToList());
        var (ramWindows, ramPadding) = Pack(kernelRam.End, app.Tasks.Select(task => task.Ram!.Value).ToList());
        var tasks = app.Tasks
            .Select((task, index) => new TaskLayout(index, task, flashWindows[index], ramWindows[index], EncodeRegions(board, task, flashWindows[index], ramWindows[index])))
            .ToList();
        return new SystemLayout(app, board, kernelFlash, kernelRam, tasks, flashPadding, ramPadding);
    }

    // The reasons the layout does not fit the board's memory, if any.
    public IEnumerable<string> CheckFitsBoard()
    {
        if (FlashUsed > Board.FlashBytes)
            yield return $"{AppDescriptionParser.TopLevel}: flash: the kernel and tasks need {FlashUsed} bytes (including {FlashPadding} bytes of alignment padding) but board '{Board.Name}' has {Board.FlashBytes}";
        if (RamUsed > Board.RamBytes)
            yield return $"{AppDescriptionParser.TopLevel}: ram: the kernel and tasks need {RamUsed} bytes (including {RamPadding} bytes of alignment padding) but board '{Board.Name}' has {Board.RamBytes}";
    }

    // Windows for power-of-two `sizes` after `start`, in the order of `sizes`, placed
    // largest first (ties in declaration order), and the bytes lost to alignment.
    private static (MemoryWindow[] Windows, long Padding) Pack(long start, IReadOnlyList<long> sizes)
    {
        var windows = new MemoryWindow[sizes.Count];
        long cursor = start;
        long padding = 0;
        foreach (int index in Enumerable.Range(0, sizes.Count).OrderByDescending(index => sizes[index]))
        {
            long size = sizes[index];
            long aligned = (cursor + size - 1) / size * size;
            padding += aligned - cursor;
            windows[index] = new MemoryWindow(aligned, size);
            cursor = aligned + size;
        }
        return (windows, padding);
    }

    private static IReadOnlyList<MpuRegion> EncodeRegions(BoardDescription board, TaskDescription task, MemoryWindow flash, MemoryWindow ram)
    {
        var regions = new List<MpuRegion>
        {
            Encode(0, flash.Base, flash.Size, MpuAccess.ReadOnly, MpuMemoryType.Flash, executeNever: false),
            Encode(1, ram.Base, ram.Size, MpuAccess.FullAccess, MpuMemoryType.Sram, executeNever: true),
        };
        // Peripherals are strongly-ordered, not device memory: a store to device memory may
        // be buffered, and a bus error on a buffered store is an imprecise fault that can
        // arrive after the kernel has switched to another thread, charged to it or to the
        // kernel (ACTLR.DISDEFWBUF covers only the default memory map, not MPU regions).
        foreach (var peripheral in task.Peripherals.Select(name => board.FindPeripheral(name)!))
            regions.Add(Encode(regions.Count, peripheral.Base, peripheral.Size, MpuAccess.FullAccess, MpuMemoryType.StronglyOrdered, executeNever: true));
        // Every region a task does not use is off; the last one becomes the kernel's stack
        // guard at boot, when its address (a link-time value) is known.
        while (regions.Count < MpuRegion.RegionCount)
            regions.Add(MpuRegion.Disabled((uint)regions.Count));
        return regions;
    }

    private static MpuRegion Encode(int number, long baseAddress, long size, MpuAccess access, MpuMemoryType type, bool executeNever)
    {
        var error = MpuRegion.TryEncode((uint)number, (uint)baseAddress, (uint)size, access, type, executeNever, 0, out MpuRegion region);
        if (error != MpuEncodeError.None)
            throw new InvalidOperationException($"region {number} at 0x{baseAddress:X8} ({size} bytes) passed the checks but cannot be encoded: {error}");
        return region;
    }
}
