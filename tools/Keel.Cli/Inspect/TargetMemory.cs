// What `keel inspect` reads the kernel's state from: a live target (RspClient) or a
// dump file (KernelDump).
namespace Keel.Cli.Inspect;

public interface ITargetMemory
{
    byte[] Read(uint address, int length);
}
