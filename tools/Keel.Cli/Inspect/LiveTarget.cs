// A live target stopped where the kernel's state can be read. QEMU's gdb stub reads
// memory with the privilege of the code the CPU runs, under the MPU: stopped in a task,
// the kernel's RAM cannot be read (error E14). Then the target runs on to the kernel's
// next exit (keel_resume, privileged, between two kernel entries, where the state is
// whole), at most a time slice of the task away. A board's debug port reads with the
// debugger's own privilege, and there the target is read where it stopped.
namespace Keel.Cli.Inspect;

public static class LiveTarget
{
    public const string KernelExitSymbol = "keel_resume";

    public static void StopWhereKernelReadable(RspClient target, KernelImage image, TimeSpan limit)
    {
        target.Halt();
        uint state = image.Symbol(KernelImage.StateSymbol)
            ?? throw new InvalidDataException($"the image has no symbol {KernelImage.StateSymbol}: it was built by a Keel older than keel inspect (rebuild it)");
        if (CanRead(target, state))
            return;
        uint exit = image.Symbol(KernelExitSymbol) ?? throw new InvalidDataException($"the image has no symbol {KernelExitSymbol}");
        target.Break(exit);
        string stop = target.Continue(limit);
        target.Unbreak(exit);
        if (!stop.StartsWith('T') && !stop.StartsWith('S'))
            throw new InvalidDataException($"the target did not reach the kernel's exit (the gdb server said {stop})");
    }

    private static bool CanRead(RspClient target, uint address)
    {
        try
        {
            target.Read(address, 4);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
