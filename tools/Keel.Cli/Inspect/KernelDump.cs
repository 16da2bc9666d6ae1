// A dump: the RAM of the kernel and of every task, and the CPU's registers, saved from a
// stopped target (`keel dump`, or `keel run` at a panic) so that `keel inspect --dump`
// shows the same views post mortem. A JSON file: which image and board it is of, when
// it was taken, r0-r15 and xPSR, and each RAM window's bytes (base64).
using System.Text.Json;
using System.Text.Json.Serialization;
using Keel.BuildTool.SystemDescription;

namespace Keel.Cli.Inspect;

public sealed record DumpRegion(uint Base, byte[] Bytes);

public sealed record KernelDump(string Image, string Board, DateTimeOffset Taken, uint[] Registers, IReadOnlyList<DumpRegion> Regions) : ITargetMemory
{
    public const string Extension = ".dump";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public byte[] Read(uint address, int length)
    {
        foreach (DumpRegion region in Regions)
        {
            if (address >= region.Base && (long)address - region.Base + length <= region.Bytes.Length)
                return region.Bytes.AsSpan((int)(address - region.Base), length).ToArray();
        }
        throw new IOException($"the dump holds no {length} bytes at 0x{address:x8} (it holds the kernel's and the tasks' RAM)");
    }

    // Reads the kernel's and every task's RAM window and the registers of a stopped target.
    public static KernelDump Take(RspClient target, string image, SystemLayout layout) => new(
        image, layout.Board.Name, DateTimeOffset.UtcNow, target.Registers(),
        [.. new[] { layout.KernelRam }.Concat(layout.Tasks.Select(task => task.Ram))
            .Select(window => new DumpRegion((uint)window.Base, target.Read((uint)window.Base, (int)window.Size)))]);

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static KernelDump Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<KernelDump>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} is not a keel dump");
        }
        catch (JsonException failure)
        {
            throw new InvalidDataException($"{path} is not a keel dump ({failure.Message})");
        }
    }

    [JsonIgnore]
    public uint Pc => Registers.Length > 15 ? Registers[15] : 0;
}
