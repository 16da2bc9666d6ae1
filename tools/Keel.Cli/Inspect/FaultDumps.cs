// Dumps at a failure, under `keel run`: QEMU starts halted with its gdb stub on a free
// local port, and a client (RspClient) sets breakpoints where the kernel panics
// (keel_panic), reports a task's fault that nobody handles, or catches a fault of its
// own, and lets it run. At a failure it saves a dump beside the image (KernelDump: what
// `keel inspect --dump` reads) and lets the image go on to print its report; a run
// without a failure is never stopped.
using System.Net.Sockets;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using Keel.BuildTool.SystemDescription;

namespace Keel.Cli.Inspect;

public sealed class FaultDumps(string elf, SystemLayout layout)
{
    // Where the kernel goes at a failure: the board's panic routine, and the port's
    // report of a fault nobody handles (hal/Port/KernelPort.cs) and of its own faults.
    public static readonly string[] Failures =
        ["keel_panic", "Keel_Port_Keel_Port_KernelPort__ReportUnhandledFault", "Keel_Port_Keel_Port_KernelPort__OnKernelFault"];

    public List<string> Saved { get; } = [];

    // How long QEMU may take to listen.
    public static readonly TimeSpan AttachLimit = TimeSpan.FromSeconds(30);

    // Watches the target on `port` until it ends or `stop`; false if it could not attach
    // (QEMU then waits at reset for ever: the caller ends it).
    public bool Watch(int port, CancellationToken stop)
    {
        DateTime deadline = DateTime.UtcNow + AttachLimit;
        uint[] breakpoints = FailureAddresses();
        RspClient? target = null;
        using CancellationTokenRegistration closing = stop.Register(() => target?.Dispose());
        try
        {
            while (target is null && !stop.IsCancellationRequested)
            {
                if (DateTime.UtcNow > deadline)
                    return false;
                try
                {
                    target = RspClient.Connect("127.0.0.1", port, TimeSpan.FromSeconds(1));
                }
                catch (Exception failure) when (failure is TimeoutException or IOException or AggregateException)
                {
                    Thread.Sleep(50);
                }
            }
            if (target is null || stop.IsCancellationRequested)
                return true;
            target.Halt();
            foreach (uint address in breakpoints)
                target.Break(address);
            while (true)
            {
                string reply = target.Continue(Timeout.InfiniteTimeSpan);
                // W and X: the image has ended.
                if (!reply.StartsWith('T') && !reply.StartsWith('S'))
                    return true;
                string file = NextFile();
                KernelDump.Take(target, elf, layout).Save(file);
                Saved.Add(file);
                foreach (uint address in breakpoints)
                    target.Unbreak(address);
                target.Step(Timeout.InfiniteTimeSpan);
                foreach (uint address in breakpoints)
                    target.Break(address);
            }
        }
        catch (Exception failure) when (failure is IOException or SocketException or ObjectDisposedException or InvalidOperationException or InvalidDataException)
        {
            // QEMU has exited (or the run was stopped): nothing more to watch.
            return true;
        }
        finally
        {
            target?.Dispose();
        }
    }

    // <image>.dump beside the image, then <image>-2.dump, ... within one run.
    private string NextFile()
    {
        string first = Path.ChangeExtension(elf, KernelDump.Extension);
        return Saved.Count == 0 ? first : Path.ChangeExtension(elf, null) + $"-{Saved.Count + 1}{KernelDump.Extension}";
    }

    // The kernel's own (global) symbols of Failures: each task has a local keel_panic too.
    private uint[] FailureAddresses()
    {
        using var file = ELFReader.Load<uint>(elf);
        return file.GetSections<SymbolTable<uint>>().SelectMany(table => table.Entries)
            .Where(entry => entry.Binding == SymbolBinding.Global && Failures.Contains(entry.Name))
            .Select(entry => entry.Value & ~1u)
            .Distinct()
            .ToArray();
    }
}
