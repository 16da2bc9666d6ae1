// The size report of an image: every allocated section with its size and whether it
// costs flash, RAM or both (.data is stored in flash and copied to RAM), against the
// board's totals. Read straight from the ELF's section headers.
using System.Text;

namespace Keel.BuildTool;

public static class SizeReport
{
    private const uint SectionAlloc = 0x2;
    private const uint SectionWrite = 0x1;
    private const uint SectionTypeNoBits = 8;

    public sealed record Section(string Name, uint Address, uint Size, bool InFlash, bool InRam);

    public static int Run(string elfPath, long flashBytes, long ramBytes, string reportPath)
    {
        IReadOnlyList<Section> sections = ReadSections(File.ReadAllBytes(elfPath));
        string report = Format(Path.GetFileName(elfPath), sections, flashBytes, ramBytes);
        File.WriteAllText(reportPath, report);
        Console.Write(report);
        return 0;
    }

    public static IReadOnlyList<Section> ReadSections(byte[] elf)
    {
        LoadSegments.RequireElf32(elf);
        uint sectionTable = U32(elf, 0x20);
        int entrySize = U16(elf, 0x2E);
        int count = U16(elf, 0x30);
        int namesIndex = U16(elf, 0x32);
        uint namesOffset = U32(elf, (int)sectionTable + namesIndex * entrySize + 0x10);

        var sections = new List<Section>();
        for (int i = 0; i < count; i++)
        {
            int header = (int)sectionTable + i * entrySize;
            uint flags = U32(elf, header + 0x08);
            if ((flags & SectionAlloc) == 0)
                continue;
            uint type = U32(elf, header + 0x04);
            uint size = U32(elf, header + 0x14);
            if (size == 0)
                continue;
            string name = ReadName(elf, (int)(namesOffset + U32(elf, header)));
            uint address = U32(elf, header + 0x0C);
            bool loaded = type != SectionTypeNoBits;
            // Loaded contents occupy RAM only when start-up copies them there (.data: run
            // address in RAM, load address in flash). A writable section that runs where
            // it is loaded (a table the linker script fills in flash) is flash only.
            bool inRam = !loaded || ((flags & SectionWrite) != 0 && IsCopiedAtStart(elf, address));
            sections.Add(new Section(name, address, size, InFlash: loaded, InRam: inRam));
        }
        return sections;
    }

    // Whether the loadable segment holding `address` has a load address other than
    // its run address.
    private static bool IsCopiedAtStart(byte[] elf, uint address) =>
        LoadSegments.Read(elf).FirstOrDefault(s => address >= s.VirtualAddress && address - s.VirtualAddress < s.MemorySize) is not { } segment
        || segment.LoadAddress != segment.VirtualAddress;

    public static string Format(string image, IReadOnlyList<Section> sections, long flashBytes, long ramBytes)
    {
        var text = new StringBuilder();
        text.AppendLine($"Size report for {image}");
        text.AppendLine($"  {"section",-16} {"address",-10} {"bytes",8}  memory");
        foreach (Section s in sections)
        {
            string where = s.InFlash && s.InRam ? "flash+RAM" : s.InRam ? "RAM" : "flash";
            text.AppendLine($"  {s.Name,-16} 0x{s.Address:x8} {s.Size,8}  {where}");
        }
        long flash = sections.Where(s => s.InFlash).Sum(s => (long)s.Size);
        long ram = sections.Where(s => s.InRam && s.Name != ".stack").Sum(s => (long)s.Size);
        long stack = sections.Where(s => s.Name == ".stack").Sum(s => (long)s.Size);
        text.AppendLine($"  flash: {flash} of {flashBytes} bytes ({Percent(flash, flashBytes)})");
        text.AppendLine($"  RAM:   {ram} of {ramBytes} bytes ({Percent(ram, ramBytes)}), main stack {stack} bytes");
        return text.ToString();
    }

    private static string Percent(long used, long total) => total == 0 ? "n/a" : $"{100.0 * used / total:0.0}%";

    private static string ReadName(byte[] elf, int offset)
    {
        int end = offset;
        while (elf[end] != 0)
            end++;
        return Encoding.ASCII.GetString(elf, offset, end - offset);
    }

    private static uint U32(byte[] b, int offset) => LoadSegments.U32(b, offset);

    private static int U16(byte[] b, int offset) => LoadSegments.U16(b, offset);
}
