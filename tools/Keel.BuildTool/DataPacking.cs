// The kernel image's initial data stored packed in flash, as armlink's RW compression
// does: `pack-data` encodes the .data of a first link, a second link puts the result
// where the raw image would have gone, and `check-packed-data` proves the second link
// is the first one with only that changed. hal/Arm/Startup.S unpacks it at reset.
//
// Why: ILC's initial data is mostly zeros (the kernel's pools, method tables, UTF-16
// string literals whose every other byte is zero): three quarters of the benchmark
// image's .data. The format drops every zero byte at the cost of one bit each, with
// one more level for the long zero runs, and needs nothing but shifts and byte loads
// to unpack, so the reset code unpacks it in a few instructions of assembly before any
// C# runs:
//   the image is cut into blocks of 64 bytes (the last may be shorter); each block is
//   one byte whose bit g (least significant first) says whether its group g of 8 bytes
//   holds a non-zero byte, then for each such group one byte whose bit b says whether
//   byte b of the group is non-zero, followed by those non-zero bytes in order. Bits
//   for bytes past the image's end are 0; the unpacker stops at the image's end.
//
// Why a second link is sound: the packed image is linked in the first link's place
// for the raw one, the last section of the kernel's flash (keel-data-raw.ld and
// keel-data-packed.ld), so no other section moves. The check then requires every
// symbol at the same address in both links and every other allocated section at the
// same address with the same bytes: the relocated .data of the second link, made of
// the same input by the same symbol values, is then the first one's, byte for byte,
// and the packed bytes in the second link are checked to unpack to it.
namespace Keel.BuildTool;

public static class DataPacking
{
    public const string DataSection = ".data";
    public const string PackedSection = ".keel_data_image";
    public const int BlockBytes = 64;
    public const int GroupBytes = 8;

    public static byte[] Pack(ReadOnlySpan<byte> data)
    {
        var packed = new List<byte>(data.Length / 4);
        for (int block = 0; block < data.Length; block += BlockBytes)
        {
            int blockMaskAt = packed.Count;
            packed.Add(0);
            for (int group = 0; group < BlockBytes / GroupBytes; group++)
            {
                int start = block + group * GroupBytes;
                ReadOnlySpan<byte> bytes = data[Math.Min(start, data.Length)..Math.Min(start + GroupBytes, data.Length)];
                byte groupMask = 0;
                for (int i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] != 0)
                        groupMask |= (byte)(1 << i);
                }
                if (groupMask == 0)
                    continue;
                packed[blockMaskAt] |= (byte)(1 << group);
                packed.Add(groupMask);
                foreach (byte b in bytes)
                {
                    if (b != 0)
                        packed.Add(b);
                }
            }
        }
        return packed.ToArray();
    }

    // The unpacker's reference (Startup.S does the same): `length` bytes from `packed`,
    // which must be consumed exactly.
    public static byte[] Unpack(ReadOnlySpan<byte> packed, int length)
    {
        var data = new byte[length];
        int from = 0;
        for (int block = 0; block < length; block += BlockBytes)
        {
            byte blockMask = packed[from++];
            for (int group = 0; group < BlockBytes / GroupBytes; group++)
            {
                if ((blockMask & (1 << group)) == 0)
                    continue;
                byte groupMask = packed[from++];
                for (int i = 0; i < GroupBytes; i++)
                {
                    if ((groupMask & (1 << i)) != 0)
                        data[block + group * GroupBytes + i] = packed[from++];
                }
            }
        }
        if (from != packed.Length)
            throw new InvalidDataException($"the packed data holds {packed.Length - from} bytes past the image's {length}");
        return data;
    }

    // Keel.BuildTool pack-data <first link's elf> <packed file>: the first link's .data,
    // packed (empty when it has none).
    public static int PackImage(string elfPath, string packedPath)
    {
        var elf = ElfImage.Read(File.ReadAllBytes(elfPath));
        byte[] data = elf.Sections.FirstOrDefault(s => s.Name == DataSection) is { } section ? elf.Contents(section) : [];
        byte[] packed = Pack(data);
        File.WriteAllBytes(packedPath, packed);
        Console.WriteLine($"{Path.GetFileName(elfPath)}: initial data {data.Length} bytes, stored packed in {packed.Length}");
        return 0;
    }

    // Keel.BuildTool check-packed-data <first link's elf> <second link's elf>: 0 when
    // the second link is the first with .data's raw image replaced by its packed one,
    // else 1 with an error for each difference.
    public static int Check(string rawElfPath, string packedElfPath)
    {
        IReadOnlyList<string> differences = Differences(ElfImage.Read(File.ReadAllBytes(rawElfPath)), ElfImage.Read(File.ReadAllBytes(packedElfPath)));
        foreach (string difference in differences)
            Console.WriteLine($"{packedElfPath}: error KEEL0302: the link with packed initial data differs from the link with raw data: {difference}");
        return differences.Count == 0 ? 0 : 1;
    }

    public static IReadOnlyList<string> Differences(ElfImage raw, ElfImage packed)
    {
        var differences = new List<string>();
        var rawSymbols = raw.Symbols();
        var packedSymbols = packed.Symbols();
        foreach (var (name, address) in rawSymbols)
        {
            if (!packedSymbols.TryGetValue(name, out uint other))
                differences.Add($"symbol {name} is missing");
            else if (other != address)
                differences.Add($"symbol {name} moved from 0x{address:X8} to 0x{other:X8}");
        }
        foreach (string name in packedSymbols.Keys.Where(name => !rawSymbols.ContainsKey(name)))
            differences.Add($"symbol {name} is new");

        var rawAllocated = raw.Sections.Where(s => s.Allocated && s.Name != DataSection).ToDictionary(s => s.Name);
        var packedAllocated = packed.Sections.Where(s => s.Allocated && s.Name != DataSection && s.Name != PackedSection).ToDictionary(s => s.Name);
        foreach (var (name, section) in rawAllocated)
        {
            if (!packedAllocated.TryGetValue(name, out var other))
                differences.Add($"section {name} is missing");
            else if (other.Address != section.Address || other.Size != section.Size || other.Loaded != section.Loaded)
                differences.Add($"section {name} moved or changed size");
            else if (section.Loaded && !raw.Contents(section).AsSpan().SequenceEqual(packed.Contents(other)))
                differences.Add($"section {name} has other contents");
        }
        foreach (string name in packedAllocated.Keys.Where(name => !rawAllocated.ContainsKey(name)))
            differences.Add($"section {name} is new");

        var rawData = raw.Sections.FirstOrDefault(s => s.Name == DataSection);
        var packedData = packed.Sections.FirstOrDefault(s => s.Name == DataSection);
        var image = packed.Sections.FirstOrDefault(s => s.Name == PackedSection);
        if (rawData is null || packedData is null || image is null)
        {
            if (rawData is { Size: > 0 } || packedData is { Size: > 0 } || image is { Size: > 0 })
                differences.Add($"{DataSection} and {PackedSection} are not both in the links");
            return differences;
        }
        if (packedData.Address != rawData.Address || packedData.Size != rawData.Size || packedData.Loaded)
            differences.Add($"{DataSection} must run where it ran, with its size, and be loaded by the reset code alone");
        else if (!image.Loaded || image.Address != raw.LoadAddress(rawData))
            differences.Add($"{PackedSection} must be loaded where the raw {DataSection} was (0x{raw.LoadAddress(rawData):X8})");
        else
        {
            try
            {
                if (!Unpack(packed.Contents(image), (int)rawData.Size).AsSpan().SequenceEqual(raw.Contents(rawData)))
                    differences.Add($"{PackedSection} does not unpack to the raw {DataSection}");
            }
            catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException)
            {
                differences.Add($"{PackedSection} does not unpack to {DataSection}'s {rawData.Size} bytes: {e.Message}");
            }
        }
        return differences;
    }
}
