// The loadable segments of an image (its PT_LOAD program headers), and the check the
// link runs on them: no two segments may claim the same load addresses.
//
// Why: a loader writes each segment's file bytes at its load address and, as Renode's
// does, zero-fills the rest of its memory size there too. Two segments whose load
// ranges overlap therefore give an image that depends on the loader's order and
// habits: the first Renode run of a Keel image had .bss, placed by ld at a flash load
// address after .data's image, wipe the task image table that lived there. QEMU and
// objcopy's .bin and .hex happen to ignore such a segment's zero fill, which is how
// it went unseen. The check makes any such layout a build error naming both segments.
using System.Buffers.Binary;

namespace Keel.BuildTool;

public static class LoadSegments
{
    private const uint ProgramTypeLoad = 1;

    public sealed record Segment(int Index, uint VirtualAddress, uint LoadAddress, uint FileSize, uint MemorySize)
    {
        public ulong LoadEnd => (ulong)LoadAddress + MemorySize;

        public override string ToString() =>
            $"segment {Index} (loaded at 0x{LoadAddress:X8}-0x{LoadEnd - 1:X8}, run at 0x{VirtualAddress:X8}, {FileSize} bytes from the file, {MemorySize - FileSize} zero-filled)";
    }

    // Keel.BuildTool check-segments <elf>: 0 when no two load ranges overlap, else 1
    // with an error line for each pair.
    public static int Check(string elfPath)
    {
        IReadOnlyList<string> overlaps = Overlaps(Read(File.ReadAllBytes(elfPath)));
        foreach (string overlap in overlaps)
            Console.WriteLine($"{elfPath}: error KEEL0300: {overlap}: a loader writing one destroys the other (a zero-filled section needs its load address where it runs)");
        return overlaps.Count == 0 ? 0 : 1;
    }

    public static IReadOnlyList<Segment> Read(byte[] elf)
    {
        RequireElf32(elf);
        uint programTable = U32(elf, 0x1C);
        int entrySize = U16(elf, 0x2A);
        int count = U16(elf, 0x2C);
        var segments = new List<Segment>();
        for (int i = 0; i < count; i++)
        {
            int header = (int)programTable + i * entrySize;
            if (U32(elf, header) == ProgramTypeLoad)
                segments.Add(new Segment(i, U32(elf, header + 0x08), U32(elf, header + 0x0C), U32(elf, header + 0x10), U32(elf, header + 0x14)));
        }
        return segments;
    }

    // Each pair of segments (with memory) whose load ranges share an address.
    public static IReadOnlyList<string> Overlaps(IReadOnlyList<Segment> segments)
    {
        var loaded = segments.Where(s => s.MemorySize > 0).OrderBy(s => s.LoadAddress).ToList();
        var overlaps = new List<string>();
        for (int i = 0; i < loaded.Count; i++)
        {
            for (int j = i + 1; j < loaded.Count && loaded[j].LoadAddress < loaded[i].LoadEnd; j++)
                overlaps.Add($"{loaded[i]} overlaps {loaded[j]}");
        }
        return overlaps;
    }

    // The image is a 32-bit ELF file (what the size report and this check read).
    internal static void RequireElf32(byte[] elf)
    {
        if (elf.Length < 52 || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 1)
            throw new InvalidDataException("not a 32-bit ELF file");
    }

    internal static uint U32(byte[] b, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(offset));

    internal static int U16(byte[] b, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(offset));
}
